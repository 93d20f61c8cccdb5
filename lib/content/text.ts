export function countHan(text: string): number {
  return text.match(/\p{Script=Han}/gu)?.length ?? 0;
}

/** Minutes to read: ~400 Han characters or ~220 English words a minute, at least 1. */
export function readingMinutes(prose: string): number {
  const han = countHan(prose);
  const words = prose.replace(/\p{Script=Han}/gu, " ").split(/\s+/).filter((w) => /[A-Za-z0-9]/.test(w)).length;
  return Math.max(1, Math.round(han / 400 + words / 220));
}
