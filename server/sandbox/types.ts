/**
 * Shapes shared by every layer of the sandbox: the limits a caller may set, the errors a run can end
 * with, and the values that may cross the host/guest boundary. Limits are parsed with zod so a lab
 * manifest or a worker payload can carry them as plain data.
 */
import { z } from "zod";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export const jsonSchema: z.ZodType<Json> = z.lazy(() =>
  z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(jsonSchema), z.record(z.string(), jsonSchema)]),
);

/** Why a run was stopped. "ops" is the deterministic budget; "time" the wall clock (machine-dependent). */
export const limitKinds = [
  "memory", "time", "ops", "stack", "output", "logs", "bridge-calls", "payload", "jobs", "handles",
] as const;
export type LimitKind = (typeof limitKinds)[number];

/** A position in the learner's TypeScript: 1-based line and 1-based column (Monaco's convention). */
export interface SourcePosition { file: string; line: number; column: number }

export type GuestError =
  | { kind: "compile"; message: string; file?: string; line?: number; column?: number }
  | { kind: "runtime"; message: string; file?: string; line?: number; column?: number; stack?: string }
  | { kind: "limit"; message: string; limit: LimitKind };

export const sandboxLimitsSchema = z.object({
  memoryBytesMax: z.number().int().min(1 << 20).max(512 << 20).default(32 << 20)
    .describe("QuickJS heap limit; the WASM memory is also checked against it plus the module's 16 MiB baseline"),
  stackBytesMax: z.number().int().min(16 << 10).max(1 << 20).default(256 << 10)
    .describe("QuickJS stack limit; 256 KiB allows ~2 000 nested calls and stays far below V8's native stack"),
  callWallMsMax: z.number().positive().max(60_000).default(1_000).describe("wall-clock budget of one host→guest call"),
  runWallMsMax: z.number().positive().max(600_000).default(10_000).describe("wall-clock time spent inside guest code over the whole session"),
  callOpTicksMax: z.number().int().positive().default(2_000)
    .describe("deterministic budget of one call, in interrupt polls (one per ~10 000 branches/calls; 1e6 iterations of a simple loop ≈ 200)"),
  runOpTicksMax: z.number().int().positive().default(20_000).describe("deterministic budget of the whole session"),
  jobsPerCallMax: z.number().int().positive().default(10_000).describe("promise jobs drained after one call"),
  bridgeCallsMax: z.number().int().positive().default(20_000).describe("guest→host calls per session"),
  jsonBytesMax: z.number().int().positive().default(256 << 10).describe("UTF-8 size of one value crossing the bridge"),
  logLinesMax: z.number().int().positive().default(1_000),
  outputBytesMax: z.number().int().positive().default(256 << 10).describe("total UTF-8 size of all log lines"),
  callbacksMax: z.number().int().positive().default(10_000).describe("live guest callback handles held by the host"),
});
export type SandboxLimits = z.infer<typeof sandboxLimitsSchema>;
export type SandboxLimitsInput = z.input<typeof sandboxLimitsSchema>;

export function resolveLimits(input: SandboxLimitsInput = {}): SandboxLimits {
  return sandboxLimitsSchema.parse(input);
}

/** Thrown inside host code when a limit trips; turned into a `{ kind: "limit" }` answer at the edge. */
export class SandboxLimitError extends Error {
  constructor(readonly limit: LimitKind, message: string) {
    super(message);
    this.name = "SandboxLimitError";
  }
}

export function limitError(limit: LimitKind, message: string): GuestError {
  return { kind: "limit", limit, message };
}
