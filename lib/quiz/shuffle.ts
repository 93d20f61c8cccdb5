/**
 * Deterministic shuffling for ordering questions. The server render and the browser must show the same
 * order (no hydration mismatch), so the order comes from the question id, never from Math.random.
 */

/** FNV-1a, 32 bits: a stable seed from a string. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a tiny seeded PRNG, good enough to shuffle a handful of items. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates seeded by `seed`; never returns the input order itself when there is more than one item. */
export function deterministicShuffle<T>(items: readonly T[], seed: string): T[] {
  const out = [...items];
  const random = prng(hash32(seed));
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  // An ordering question shown already in order gives its answer away: rotate by one instead.
  if (out.length > 1 && out.every((item, i) => item === items[i])) out.push(out.shift() as T);
  return out;
}
