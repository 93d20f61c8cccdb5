import { describe, expect, it } from "vitest";
import { compileDistribution, distributionMeanMs, distributionSchema, type Distribution } from "./distributions";
import { Prng } from "./prng";

function sampleMean(dist: Distribution, n: number, seed = 11): { mean: number; min: number } {
  const sampler = compileDistribution(dist);
  const prng = new Prng(seed);
  let sum = 0, min = Infinity;
  for (let i = 0; i < n; i++) {
    const x = sampler(prng);
    sum += x;
    if (x < min) min = x;
  }
  return { mean: sum / n, min };
}

describe("distributions", () => {
  const cases: Distribution[] = [
    25,
    { type: "constant", valueMs: 3 },
    { type: "uniform", minMs: 10, maxMs: 30 },
    { type: "normal", meanMs: 50, stdDevMs: 5 },
    { type: "exponential", meanMs: 20 },
    { type: "lognormal", medianMs: 10, sigma: 0.5 },
    { type: "pareto", scaleMs: 5, shape: 3 },
  ];
  for (const dist of cases) {
    it(`sample mean matches theory for ${JSON.stringify(dist)}`, () => {
      const { mean, min } = sampleMean(dist, 200_000);
      const expected = distributionMeanMs(dist);
      expect(Math.abs(mean - expected) / expected).toBeLessThan(0.02);
      expect(min).toBeGreaterThanOrEqual(0);
    });
  }

  it("Pareto never goes below its scale", () => {
    expect(sampleMean({ type: "pareto", scaleMs: 5, shape: 1.5 }, 10_000).min).toBeGreaterThanOrEqual(5);
  });

  it("rejects bad data with the field named", () => {
    const result = distributionSchema.safeParse({ type: "uniform", minMs: 5, maxMs: 1 });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain("maxMs");
  });
});
