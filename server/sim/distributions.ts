import { z } from "zod";
import type { Prng } from "./prng";

/**
 * Latency and service-time distributions, as scenario data. Every variant is in milliseconds; a bare
 * number is shorthand for a constant. Heavy tails (log-normal, Pareto) are what make p99 interesting.
 */
export const distributionSchema = z.union([
  z.number().nonnegative().describe("constant value in ms"),
  z.object({ type: z.literal("constant"), valueMs: z.number().nonnegative() }),
  z.object({ type: z.literal("uniform"), minMs: z.number().nonnegative(), maxMs: z.number().nonnegative() })
    .refine((d) => d.maxMs >= d.minMs, { message: "maxMs must be ≥ minMs", path: ["maxMs"] }),
  z.object({
    type: z.literal("normal"), meanMs: z.number().nonnegative(), stdDevMs: z.number().nonnegative(),
  }).describe("truncated at 0: a negative draw becomes 0"),
  z.object({ type: z.literal("exponential"), meanMs: z.number().positive() }),
  z.object({
    type: z.literal("lognormal"), medianMs: z.number().positive(), sigma: z.number().nonnegative(),
  }).describe("exp(N(ln medianMs, sigma²)); sigma ≈ 0.5 is a moderate tail, 1+ a heavy one"),
  z.object({
    type: z.literal("pareto"), scaleMs: z.number().positive(), shape: z.number().positive(),
  }).describe("Pareto type I: minimum scaleMs, tail index shape (mean finite only when shape > 1)"),
]);

export type Distribution = z.infer<typeof distributionSchema>;

/** A compiled sampler. Compiled once per link/service so the hot path does no switch on the type. */
export type Sampler = (prng: Prng) => number;

export function compileDistribution(dist: Distribution): Sampler {
  if (typeof dist === "number") return () => dist;
  switch (dist.type) {
    case "constant": {
      const v = dist.valueMs;
      return () => v;
    }
    case "uniform": {
      const min = dist.minMs, span = dist.maxMs - dist.minMs;
      return (prng) => min + prng.next() * span;
    }
    case "normal": {
      const mean = dist.meanMs, sd = dist.stdDevMs;
      return (prng) => Math.max(0, mean + sd * standardNormal(prng));
    }
    case "exponential": {
      const mean = dist.meanMs;
      // 1 − u is in (0, 1], so the log is finite.
      return (prng) => -mean * Math.log(1 - prng.next());
    }
    case "lognormal": {
      const mu = Math.log(dist.medianMs), sigma = dist.sigma;
      return (prng) => Math.exp(mu + sigma * standardNormal(prng));
    }
    case "pareto": {
      const xm = dist.scaleMs, invAlpha = 1 / dist.shape;
      return (prng) => xm / Math.pow(1 - prng.next(), invAlpha);
    }
  }
}

/** Box–Muller transform (one of the pair; discarding the other keeps the sampler stateless). */
export function standardNormal(prng: Prng): number {
  const u1 = 1 - prng.next();
  const u2 = prng.next();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** The analytic mean, used by tests and by the README's tables. Infinity for Pareto with shape ≤ 1. */
export function distributionMeanMs(dist: Distribution): number {
  if (typeof dist === "number") return dist;
  switch (dist.type) {
    case "constant": return dist.valueMs;
    case "uniform": return (dist.minMs + dist.maxMs) / 2;
    case "normal": return dist.meanMs;
    case "exponential": return dist.meanMs;
    case "lognormal": return dist.medianMs * Math.exp((dist.sigma * dist.sigma) / 2);
    case "pareto": return dist.shape <= 1 ? Infinity : (dist.shape * dist.scaleMs) / (dist.shape - 1);
  }
}
