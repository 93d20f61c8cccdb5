import { z } from "zod";

/**
 * Every run is bounded (TigerBeetle's rule: put a limit on everything). Learner code can loop forever in
 * simulated time — a timer that re-arms itself, a retry storm — and the engine must stop with a clear,
 * typed error rather than eat the worker's memory.
 */
export const simLimitsSchema = z.object({
  maxEvents: z.number().int().positive().default(2_000_000)
    .describe("SimEvents emitted in one run (retained or not)"),
  maxLogEvents: z.number().int().positive().default(1_000_000)
    .describe("SimEvents held in memory in the run's log"),
  maxSimTimeMs: z.number().positive().default(3_600_000).describe("virtual time a run may reach"),
  maxSteps: z.number().int().positive().default(20_000_000)
    .describe("actions dispatched by the kernel (catches zero-time loops that emit nothing)"),
  maxQueueSize: z.number().int().positive().default(2_000_000).describe("pending scheduled actions"),
});

export type SimLimits = z.infer<typeof simLimitsSchema>;
export type SimLimitName = keyof SimLimits;

export class SimLimitError extends Error {
  override readonly name = "SimLimitError";
  constructor(
    readonly limit: SimLimitName,
    readonly value: number,
    readonly atTimeMs: number,
    /** The run's seed, so the failure can be replayed exactly. */
    readonly seed: number,
  ) {
    super(`simulation limit ${limit}=${value} reached at t=${atTimeMs}ms (seed=${seed})`);
  }
}

export function resolveLimits(partial: Partial<SimLimits> | undefined): SimLimits {
  return simLimitsSchema.parse(partial ?? {});
}
