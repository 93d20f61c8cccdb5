/**
 * Seeded pseudo-random numbers: xoshiro128** 1.1 by David Blackman and Sebastiano Vigna (2018),
 * reference implementation https://prng.di.unimi.it/xoshiro128starstar.c — 128-bit state, period
 * 2^128 − 1, passes BigCrush, and needs only 32-bit integer maths (Math.imul), so it is fast in V8 and
 * gives the same stream in every JS engine.
 *
 * The state is seeded with SplitMix32 (the 32-bit variant of Steele, Lea & Flood's SplitMix, as the
 * xoshiro authors recommend) so that nearby seeds (1, 2, 3…) give unrelated streams.
 */
export class Prng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private readonly seed: number;

  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new Error(`Prng: seed must be a finite number, got ${seed}`);
    let x = (Math.trunc(seed) ^ Math.trunc(seed / 0x1_0000_0000)) >>> 0;
    this.seed = x;
    const next = (): number => {
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    // An all-zero state is the one fixed point of xoshiro; SplitMix32 practically never yields it.
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** A generator with an explicit state, for checking against the reference C implementation. */
  static fromState(s0: number, s1: number, s2: number, s3: number): Prng {
    const prng = new Prng(0);
    prng.s0 = s0 >>> 0;
    prng.s1 = s1 >>> 0;
    prng.s2 = s2 >>> 0;
    prng.s3 = s3 >>> 0;
    return prng;
  }

  /** Next unsigned 32-bit integer. */
  nextUint32(): number {
    const s0 = this.s0, s1 = this.s1, s2 = this.s2, s3 = this.s3;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    const n2 = s2 ^ s0;
    const n3 = s3 ^ s1;
    this.s1 = s1 ^ n2;
    this.s0 = s0 ^ n3;
    this.s2 = n2 ^ t;
    this.s3 = rotl(n3, 11);
    return result;
  }

  /** Uniform float in [0, 1) with 32 bits of resolution. */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(probability: number): boolean {
    return probability > 0 && this.next() < probability;
  }

  /**
   * `countBytes` random bytes as lowercase hex (a multiple of 4). Built from char codes rather than
   * Number#toString(16), which is several times slower and dominated trace-id generation.
   */
  hex(countBytes: number): string {
    const codes = HEX_CODES;
    codes.length = countBytes * 2;
    for (let i = 0; i < countBytes; i += 4) {
      let x = this.nextUint32();
      for (let j = i * 2 + 7; j >= i * 2; j--) {
        const nibble = x & 15;
        codes[j] = nibble < 10 ? 48 + nibble : 87 + nibble;
        x >>>= 4;
      }
    }
    return String.fromCharCode.apply(null, codes);
  }

  /**
   * An independent stream for a named component (a link, a service, a workload). Forking by name keeps
   * one component's draws from shifting when another component draws more or fewer numbers, so editing
   * one handler does not reshuffle the network's randomness elsewhere.
   */
  fork(label: string): Prng {
    return new Prng((Math.imul(this.seed, 0x9e3779b1) ^ fnv1a32(label)) >>> 0);
  }
}

const HEX_CODES: number[] = [];

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** FNV-1a, 32-bit (Fowler, Noll, Vo): a stable string hash for deriving fork seeds. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
