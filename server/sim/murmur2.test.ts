import { describe, expect, it } from "vitest";
import { murmur2String, partitionForKey } from "./murmur2";

describe("murmur2 (Kafka's default partitioner)", () => {
  it("matches Kafka's UtilsTest.testMurmur2 vectors", () => {
    const vectors: [string, number][] = [
      ["21", -973932308],
      ["foobar", -790332482],
      ["a-little-bit-long-string", -985981536],
      ["a-little-bit-longer-string", -1486304829],
      ["lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971],
      ["abc", 479470107],
    ];
    for (const [key, expected] of vectors) expect(murmur2String(key)).toBe(expected);
  });

  it("maps keys into range, stably", () => {
    for (let i = 0; i < 1000; i++) {
      const p = partitionForKey(`order-${i}`, 12);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThan(12);
      expect(partitionForKey(`order-${i}`, 12)).toBe(p);
    }
  });
});
