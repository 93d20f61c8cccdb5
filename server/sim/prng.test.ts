import { describe, expect, it } from "vitest";
import { Prng, fnv1a32 } from "./prng";

describe("Prng (xoshiro128**)", () => {
  it("matches the reference C implementation for state {1,2,3,4}", () => {
    const prng = Prng.fromState(1, 2, 3, 4);
    const out = Array.from({ length: 6 }, () => prng.nextUint32());
    // Printed by prng.di.unimi.it/xoshiro128starstar.c with s = {1, 2, 3, 4}.
    expect(out).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
  });

  it("is reproducible per seed and differs across seeds", () => {
    const a = new Prng(42), b = new Prng(42), c = new Prng(43);
    const seqA = Array.from({ length: 20 }, () => a.nextUint32());
    expect(Array.from({ length: 20 }, () => b.nextUint32())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.nextUint32())).not.toEqual(seqA);
  });

  it("gives uniform floats in [0,1) with the right mean", () => {
    const prng = new Prng(7);
    let sum = 0, min = 1, max = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const x = prng.next();
      sum += x;
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.005);
  });

  it("forks stable, independent streams by label", () => {
    const root = new Prng(1);
    const f1 = root.fork("link:a->b").nextUint32();
    root.nextUint32();
    expect(root.fork("link:a->b").nextUint32()).toBe(f1);
    expect(root.fork("link:b->a").nextUint32()).not.toBe(f1);
  });

  it("formats random bytes as lowercase hex, most significant nibble first", () => {
    const a = new Prng(9), b = new Prng(9);
    const expected = [a.nextUint32(), a.nextUint32()].map((x) => x.toString(16).padStart(8, "0")).join("");
    expect(b.hex(8)).toBe(expected);
    expect(new Prng(1).hex(16)).toMatch(/^[0-9a-f]{32}$/);
  });

  it("hashes strings with FNV-1a", () => {
    // Published FNV-1a 32-bit test vectors.
    expect(fnv1a32("")).toBe(0x811c9dc5);
    expect(fnv1a32("a")).toBe(0xe40c292c);
    expect(fnv1a32("foobar")).toBe(0xbf9cf968);
  });
});
