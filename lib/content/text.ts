/** Plain prose of an MDX source: frontmatter, code fences, JSX tags, math and Markdown punctuation removed. */
export function proseOf(source: string): string {
  return source
    .replace(/^---[\s\S]*?\n---/, "")
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/\$\$[\s\S]*?\$\$/g, " ")
    .replace(/<[A-Z][\s\S]*?\/>|<\/?[A-Za-z][^>]*>/g, " ")
    .replace(/\{#[a-z0-9-]+\}/g, "")
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[#>*_`|~-]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export function countHan(text: string): number {
  return text.match(/\p{Script=Han}/gu)?.length ?? 0;
}

/** Minutes to read: ~400 Han characters or ~220 English words a minute, at least 1. */
export function readingMinutes(prose: string): number {
  const han = countHan(prose);
  const words = prose.replace(/\p{Script=Han}/gu, " ").split(/\s+/).filter((w) => /[A-Za-z0-9]/.test(w)).length;
  return Math.max(1, Math.round(han / 400 + words / 220));
}
