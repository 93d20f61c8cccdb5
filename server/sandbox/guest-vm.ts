/**
 * One learner session: a fresh QuickJS WASM instance with capped memory and stack, the prelude's
 * hardening, a JSON bridge to host functions, and a budget (deterministic ticks + wall clock) around
 * every entry into guest code. Synchronous by design: the guest cannot await the host, so the host
 * decides when anything runs — the simulation calls handlers and callbacks on its virtual clock.
 *
 * Not re-entrant: a bridge function must not call back into the guest; it schedules instead.
 */
import { DefaultIntrinsics, type QuickJSContext, type QuickJSHandle, type QuickJSRuntime, type VmCallResult } from "quickjs-emscripten-core";
import { Budget, type SectionAllowance } from "./budget";
import type { CompiledGuest } from "./compile";
import { describeThrown, limitFromTrip } from "./guest-errors";
import { GuestCallback, Marshal, type BridgeValue, type PreludeHelpers } from "./marshal";
import { installPrelude } from "./prelude-install";
import { PositionMapper } from "./source-map";
import { limitError, resolveLimits, type GuestError, type Json, type SandboxLimits, type SandboxLimitsInput } from "./types";
import { newIsolatedModule, WASM_BASELINE_BYTES } from "./wasm";
import { installBridge, type BridgeFunction } from "./bridge";

export type LogLevel = "debug" | "info" | "warn" | "error";
export interface LogLine { level: LogLevel; message: string }

export interface GuestVmOptions {
  /** Seeds the guest's Math.random (xoshiro128**). */
  seed: number;
  /** Initial simulated time for Date.now() / new Date(); update with setTimeMs. */
  timeMs?: number;
  limits?: SandboxLimitsInput;
  /** Host functions, installed on `globalThis[bridgeGlobal]` for the SDK module to wrap. */
  bridge?: Record<string, BridgeFunction>;
  bridgeGlobal?: string;
  /** JS source of host-provided modules by id (the ids compileGuest allowed, e.g. "lab"). */
  modules?: Record<string, string>;
  onLog?: (line: LogLine) => void;
}

export type CallResult = { ok: true; value: Json | undefined } | { ok: false; error: GuestError };

const SETUP: SectionAllowance = { wallMs: 2_000, opTicks: 2_000, counted: false };
const LINE_CHARS_MAX = 4_096;
/** Headroom above the soft memory wall so host-side marshalling never meets a NULL malloc first. */
const WASM_HEADROOM_BYTES = 16 << 20;
let nextVmId = 1;

export class GuestVm {
  readonly id = nextVmId++;
  readonly limits: SandboxLimits;
  readonly budget: Budget;
  timeMs: number;
  bridgeCalls = 0;
  logLines = 0;
  outputBytes = 0;
  private logs: LogLine[] = [];
  private readonly runtime: QuickJSRuntime;
  readonly ctx: QuickJSContext;
  readonly marshal: Marshal;
  private readonly helpers: PreludeHelpers;
  private readonly callbacks = new Map<number, QuickJSHandle>();
  private nextCallbackId = 1;
  private namespace: QuickJSHandle | null = null;
  private mapper = new PositionMapper("", "{}");
  private inCall = false;
  private disposed = false;

  static async create(options: GuestVmOptions): Promise<GuestVm> {
    const limits = resolveLimits(options.limits);
    const softBytesMax = WASM_BASELINE_BYTES + limits.memoryBytesMax;
    const { module, memory } = await newIsolatedModule(softBytesMax + WASM_HEADROOM_BYTES);
    return new GuestVm(module.newRuntime(), memory, softBytesMax, limits, options);
  }

  private constructor(runtime: QuickJSRuntime, private readonly memory: WebAssembly.Memory, softBytesMax: number,
    limits: SandboxLimits, private readonly options: GuestVmOptions) {
    this.limits = limits;
    this.timeMs = options.timeMs ?? 0;
    this.runtime = runtime;
    runtime.setMemoryLimit(limits.memoryBytesMax);
    runtime.setMaxStackSize(limits.stackBytesMax);
    this.budget = new Budget(limits, memory, softBytesMax);
    runtime.setInterruptHandler(this.budget.onInterrupt);
    const modules = options.modules ?? {};
    runtime.setModuleLoader((name) => (Object.hasOwn(modules, name) ? modules[name]! : { error: new Error(`Cannot import "${name}" in the sandbox`) }));
    this.ctx = runtime.newContext({ intrinsics: { ...DefaultIntrinsics, TypedArrays: false } });
    this.helpers = this.budget.within(SETUP, () => installPrelude(this, options.seed, LINE_CHARS_MAX));
    this.marshal = new Marshal(this.ctx, this.helpers, limits.jsonBytesMax,
      (bytes) => this.budget.trip("payload", `a value of ${bytes} bytes crossed the bridge (max ${limits.jsonBytesMax})`));
    this.budget.within(SETUP, () => installBridge(this, options.bridge ?? {}, options.bridgeGlobal ?? "__host"));
  }

  /** Evaluates the compiled bundle (and the host modules it imports) as the session's module. */
  load(compiled: CompiledGuest): CallResult {
    if (this.namespace) throw new Error("GuestVm.load: already loaded");
    this.mapper = new PositionMapper(compiled.fileName, compiled.sourceMap);
    return this.runCounted(() => {
      const res = this.ctx.evalCode(compiled.code, compiled.fileName, { type: "module", strict: true });
      return this.settle(res, (ns) => {
        this.namespace = ns.dup();
        return { ok: true, value: undefined };
      });
    });
  }

  /** A function at `path` in the module's exports (e.g. ["default", "orders", "onHttp"]), or null. */
  getFunction(path: readonly string[]): GuestCallback | null {
    const found = this.atPath(path, (h) => (this.ctx.typeof(h) === "function" ? this.retain(h) : null));
    return found ?? null;
  }

  /** Own enumerable keys of the object at `path` (at most 1 000). */
  keys(path: readonly string[]): string[] {
    return this.atPath(path, (h) => {
      const res = this.ctx.callFunction(this.helpers.keysOf, this.ctx.undefined, h);
      if (res.error) return (res.error.dispose(), []);
      const text = this.ctx.typeof(res.value) === "string" ? this.ctx.getString(res.value) : "[]";
      res.value.dispose();
      return JSON.parse(text) as string[];
    }) ?? [];
  }

  /** Calls a guest function with JSON arguments (or callbacks), then drains promise jobs, all budgeted. */
  call(fn: GuestCallback, args: readonly (BridgeValue | undefined)[] = []): CallResult {
    const fnHandle = this.handleOf(fn);
    return this.runCounted(() => {
      const owned: QuickJSHandle[] = [];
      try {
        const argHandles = args.map((a) => {
          if (a instanceof GuestCallback) return this.handleOf(a);
          const h = this.marshal.write(a);
          owned.push(h);
          return h;
        });
        const res = this.ctx.callFunction(fnHandle, this.ctx.undefined, ...argHandles);
        return this.settle(res, (value) => {
          const r = this.marshal.read(value);
          if (r.ok) return { ok: true, value: r.value };
          if (r.thrown) return { ok: false, error: this.toGuestError(r.thrown) };
          return { ok: false, error: limitFromTrip(this.budget) ?? limitError("payload", r.message) };
        });
      } finally {
        for (const h of owned) h.dispose();
      }
    });
  }

  /** Keeps a guest function (received as a bridge argument) alive; null if the handle cap tripped. */
  retain(h: QuickJSHandle): GuestCallback | null {
    if (this.callbacks.size >= this.limits.callbacksMax) {
      this.budget.trip("handles", `the guest registered more than ${this.limits.callbacksMax} callbacks`);
      return null;
    }
    const id = this.nextCallbackId++;
    this.callbacks.set(id, h.dup());
    return new GuestCallback(id, this.id);
  }

  release(cb: GuestCallback): void {
    this.callbacks.get(cb.id)?.dispose();
    this.callbacks.delete(cb.id);
  }

  setTimeMs(timeMs: number): void {
    this.timeMs = timeMs;
  }

  /** Stops the session with a limit error, e.g. when the host's own event cap is reached. */
  trip(limit: GuestError & { kind: "limit" }): void {
    this.budget.trip(limit.limit, limit.message);
  }

  /** The limit that ended the session, if any. */
  get failure(): GuestError | null {
    return limitFromTrip(this.budget);
  }

  takeLogs(): LogLine[] {
    const out = this.logs;
    this.logs = [];
    return out;
  }

  stats(): { opTicksRun: number; wallMsRun: number; bridgeCalls: number; logLines: number; outputBytes: number; wasmBytes: number; callbacks: number } {
    return {
      opTicksRun: this.budget.opTicksRun, wallMsRun: this.budget.wallMsRun, bridgeCalls: this.bridgeCalls,
      logLines: this.logLines, outputBytes: this.outputBytes, wasmBytes: this.memory.buffer.byteLength, callbacks: this.callbacks.size,
    };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    try {
      for (const h of this.callbacks.values()) h.dispose();
      this.namespace?.dispose();
      for (const h of Object.values(this.helpers)) h.dispose();
      this.ctx.dispose();
      this.runtime.dispose();
    } catch {
      // A session that died of OOM may fail its own leak check; the whole WASM instance is dropped anyway.
    }
  }

  /** Records a log line from the guest; false once a cap trips (the bridge then stops the guest). */
  pushLog(level: LogLevel, message: string): boolean {
    this.logLines++;
    this.outputBytes += Buffer.byteLength(message, "utf8") + 1;
    if (this.logLines > this.limits.logLinesMax) {
      this.budget.trip("logs", `the guest wrote more than ${this.limits.logLinesMax} log lines`);
      return false;
    }
    if (this.outputBytes > this.limits.outputBytesMax) {
      this.budget.trip("output", `the guest wrote more than ${this.limits.outputBytesMax} bytes of output`);
      return false;
    }
    const line = { level, message };
    this.logs.push(line);
    this.options.onLog?.(line);
    return true;
  }

  /**
   * What a host function throws once a limit has tripped. It is catchable (this QuickJS keeps the
   * "uncatchable" flag on the runtime, so an interrupt error cannot be rethrown from the host), but the
   * trip is sticky: the guest's next interrupt poll — within ~10 000 branches or calls — raises the
   * real, uncatchable interrupt, and every further bridge call fails at once.
   */
  limitReached(): QuickJSHandle {
    return this.ctx.newError({ name: "InternalError", message: `sandbox limit reached: ${this.budget.tripped?.message ?? "stopped"}` });
  }

  toGuestError(thrown: QuickJSHandle): GuestError {
    return describeThrown(this, thrown, this.helpers.describe, this.mapper);
  }

  private handleOf(cb: GuestCallback): QuickJSHandle {
    const h = cb.vmId === this.id ? this.callbacks.get(cb.id) : undefined;
    if (!h) throw new Error(`GuestVm: callback ${cb.id} is unknown or released`);
    return h;
  }

  private atPath<T>(path: readonly string[], pick: (h: QuickJSHandle) => T): T | null {
    if (!this.namespace || this.budget.tripped) return null;
    const ns = this.namespace;
    const result = this.runCounted((): CallResult & { picked?: T } => {
      const pathH = this.marshal.write([...path]);
      const res = this.ctx.callFunction(this.helpers.getPath, this.ctx.undefined, ns, pathH);
      pathH.dispose();
      if (res.error) return { ok: false, error: this.toGuestError(res.error) };
      const picked = pick(res.value);
      res.value.dispose();
      return { ok: true, value: undefined, picked };
    });
    return result.ok && "picked" in result ? (result.picked ?? null) : null;
  }

  private runCounted<R extends CallResult>(fn: () => R): R | { ok: false; error: GuestError } {
    if (this.disposed) throw new Error("GuestVm: used after dispose");
    if (this.inCall) throw new Error("GuestVm: calls are not re-entrant (schedule from bridge functions instead)");
    const tripped = limitFromTrip(this.budget);
    if (tripped) return { ok: false, error: tripped };
    this.inCall = true;
    try {
      const out = this.budget.within(this.budget.callAllowance(), fn);
      const after = limitFromTrip(this.budget);
      return after ? { ok: false, error: after } : out;
    } catch (err) {
      // Host-side failures inside a call (a NULL malloc in the WASM heap, an oversize write) end the run.
      const after = limitFromTrip(this.budget);
      if (after) return { ok: false, error: after };
      this.budget.trip("memory", `the sandbox failed: ${(err as Error).message}`);
      return { ok: false, error: limitFromTrip(this.budget)! };
    } finally {
      this.inCall = false;
    }
  }

  /** Error → GuestError; otherwise drain jobs, unwrap a promise, and hand the value to `onValue`. */
  private settle(res: VmCallResult<QuickJSHandle>, onValue: (h: QuickJSHandle) => CallResult): CallResult {
    if (res.error) return { ok: false, error: this.toGuestError(res.error) };
    const value = res.value;
    try {
      const jobError = this.drainJobs();
      if (jobError) return { ok: false, error: jobError };
      const state = this.ctx.getPromiseState(value);
      if (state.type === "pending") {
        return { ok: false, error: { kind: "runtime", message: "The function returned a promise that never settled (there are no real timers in the sandbox)" } };
      }
      if (state.type === "rejected") return { ok: false, error: this.toGuestError(state.error) };
      try {
        return onValue(state.value);
      } finally {
        if (!state.notAPromise) state.value.dispose();
      }
    } finally {
      value.dispose();
    }
  }

  private drainJobs(): GuestError | null {
    if (!this.runtime.hasPendingJob()) return null;
    const res = this.runtime.executePendingJobs(this.limits.jobsPerCallMax);
    if (res.error) return this.toGuestError(res.error);
    if (this.runtime.hasPendingJob()) {
      this.budget.trip("jobs", `a call queued more than ${this.limits.jobsPerCallMax} promise jobs`);
      return limitFromTrip(this.budget);
    }
    return null;
  }
}
