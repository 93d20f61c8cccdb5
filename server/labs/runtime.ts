/**
 * The lab runtime on the main thread: compiles learner files (esbuild, async, off the event loop),
 * admits runs (rate limit + concurrency caps), hands them to the sandbox worker pool — where the
 * QuickJS VM and the simulation run — and records passing runs as progress. The batch API and the
 * interactive sessions both go through `execute`. Dependencies come in through the constructor.
 */
import type { LabError } from "../../lib/lab/protocol";
import type { RunResult } from "../../lib/lab/api-types";
import { compileGuest, type CompiledGuest } from "../sandbox/compile";
import { createSandboxPool } from "../sandbox/index";
import { SandboxTaskKilledError, type SandboxPool } from "../sandbox/pool";
import type { LabRunOutcome, LabRunRequest, TimedCommand } from "./host";
import { DEFAULT_LAB_LIMITS, RunAdmission, type LabLimits } from "./limiter";
import { filesRecord, getLab, labFiles, runSources, type Lab } from "./registry";

export const LAB_RUN_TASK = "lab.run";

export interface LabRuntimeOptions {
  pool?: SandboxPool;
  threads?: number;
  limits?: Partial<LabLimits>;
  /** Last-resort wall-clock kill switch per run (the worker is terminated). */
  taskTimeoutMs?: number;
  /** Called for a run that succeeded with every objective passed, when the learner is known. */
  recordRun?: (learnerId: string, labId: string, result: RunResult) => Promise<unknown>;
  log?: (message: string) => void;
}

export type Execution = { ok: true; outcome: LabRunOutcome } | { ok: false; error: LabError; wallMs: number };

export class LabRuntime {
  readonly pool: SandboxPool;
  readonly admission: RunAdmission;
  readonly limits: LabLimits;
  private readonly ownsPool: boolean;
  private readonly taskTimeoutMs: number;

  constructor(private readonly options: LabRuntimeOptions = {}) {
    this.ownsPool = !options.pool;
    this.pool = options.pool ?? createSandboxPool({ threads: options.threads });
    this.pool.registerTask(LAB_RUN_TASK, new URL("./run-task.ts", import.meta.url));
    this.limits = { ...DEFAULT_LAB_LIMITS, ...options.limits };
    this.admission = new RunAdmission(this.limits);
    this.taskTimeoutMs = options.taskTimeoutMs ?? 20_000;
  }

  /** The learner's files over the starter: files not sent keep the starter's content. */
  sources(lab: Lab, files: Record<string, string>): Record<string, string> {
    return { ...filesRecord(labFiles(lab, "starter")), ...files };
  }

  async compile(lab: Lab, files: Record<string, string>): Promise<{ ok: true; compiled: CompiledGuest } | { ok: false; error: LabError }> {
    const run = runSources(lab, files);
    const c = await compileGuest({ files: run.files, entries: run.entries, allowedModules: ["lab"] });
    if (c.ok) return c;
    const { message, file, line, column } = c.error as LabError;
    return { ok: false, error: { kind: "compile", message, ...(file ? { file, line, column } : {}) } };
  }

  /** Compiles and runs one lab in a worker. Never throws for learner mistakes: they are `error`s. */
  async execute(labId: string, files: Record<string, string>, seed: number, opts: { commands?: TimedCommand[]; keepEvents?: boolean; signal?: AbortSignal } = {}): Promise<Execution> {
    const startedAt = performance.now();
    const lab = getLab(labId);
    if (!lab) throw new Error(`unknown lab "${labId}"`);
    const compiled = await this.compile(lab, files);
    if (!compiled.ok) return { ok: false, error: compiled.error, wallMs: Math.round(performance.now() - startedAt) };
    const payload: LabRunRequest = { labId, compiled: compiled.compiled, seed, commands: opts.commands ?? [], keepEvents: opts.keepEvents ?? false };
    try {
      const outcome = await this.pool.runTask<LabRunOutcome>(LAB_RUN_TASK, payload, { timeoutMs: this.taskTimeoutMs, signal: opts.signal });
      return { ok: true, outcome: { ...outcome, stats: { ...outcome.stats, wallMs: Math.round(performance.now() - startedAt) } } };
    } catch (error) {
      const wallMs = Math.round(performance.now() - startedAt);
      if (error instanceof SandboxTaskKilledError && error.reason === "timeout") {
        this.options.log?.(`lab run killed: lab=${labId} seed=${seed} after ${wallMs} ms`);
        return { ok: false, error: { kind: "limit", message: `the run took longer than ${this.taskTimeoutMs / 1000} s of real time and was stopped` }, wallMs };
      }
      if (error instanceof SandboxTaskKilledError) throw error;
      this.options.log?.(`lab run failed: lab=${labId} seed=${seed}: ${(error as Error).stack ?? String(error)}`);
      const full = /queue/i.test((error as Error).message);
      return { ok: false, error: { kind: "limit", message: full ? "the lab server is busy; try again in a few seconds" : "the run failed inside the sandbox" }, wallMs };
    }
  }

  /** A batch run: the same thing as an interactive run, reported as RunResult. */
  async batch(labId: string, files: Record<string, string>, seed: number, learnerId?: string): Promise<RunResult> {
    const exec = await this.execute(labId, files, seed);
    const result = toRunResult(exec, seed, getLab(labId));
    if (learnerId) await this.record(learnerId, labId, result);
    return result;
  }

  /** Records a passing run; progress failures never fail the run. */
  async record(learnerId: string, labId: string, result: RunResult): Promise<void> {
    if (!this.options.recordRun || !result.ok || result.objectives.length === 0 || !result.objectives.every((o) => o.passed)) return;
    try {
      await this.options.recordRun(learnerId, labId, result);
    } catch (error) {
      this.options.log?.(`recordLabRun failed for lab=${labId}: ${(error as Error).message}`);
    }
  }

  async close(): Promise<void> {
    if (this.ownsPool) await this.pool.close();
  }
}

export function toRunResult(exec: Execution, seed: number, lab: Lab | undefined): RunResult {
  if (!exec.ok) {
    const detail = exec.error.kind === "compile" ? "not run: the code does not compile" : `not run: ${exec.error.message}`;
    const objectives = (lab?.def.objectives ?? []).map((o) => ({ id: o.id, passed: false, detail }));
    return { ok: false, seed, objectives, stats: { events: 0, simTimeMs: 0, wallMs: exec.wallMs }, logs: [], error: exec.error };
  }
  const o = exec.outcome;
  return {
    ok: !o.error, seed, objectives: o.objectives,
    stats: { events: o.eventCount, simTimeMs: o.simTimeMs, wallMs: o.stats.wallMs },
    logs: o.logs,
    ...(o.error ? { error: o.error } : {}),
  };
}

/** A fresh seed when the client gives none (runs are still reproducible: the answer carries it). */
export function pickSeed(given: number | undefined): number {
  return given ?? Math.floor(Math.random() * 2 ** 31);
}
