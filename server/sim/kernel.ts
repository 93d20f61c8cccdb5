import { EventQueue } from "./event-queue";
import type { SimEvent } from "./events";
import { SimLimitError, type SimLimits, resolveLimits } from "./limits";
import { Prng } from "./prng";
import { type SimTimeMs, simTimeMs } from "./time";

/**
 * An action is a function registered once with the kernel; the queue stores its index plus two
 * arguments. Registering once (instead of pushing a closure per event) is what keeps the hot path free
 * of per-event allocation.
 */
export type Action = (num: number, payload: never) => void;

export interface KernelOptions {
  seed: number;
  limits?: Partial<SimLimits>;
  /** Keep emitted events in `log` (default true). Listeners still see every event when false. */
  retainLog?: boolean;
}

export type RunResult = "until" | "idle";

/** The discrete-event core: virtual clock, event queue, dispatch, event log, limits. */
export class Kernel {
  readonly seed: number;
  readonly rng: Prng;
  readonly limits: SimLimits;
  readonly log: SimEvent[] = [];
  /** Current virtual time. Only the kernel moves it, and only forwards. */
  now: SimTimeMs = simTimeMs(0);
  steps = 0;
  emitted = 0;
  private readonly queue = new EventQueue();
  private readonly actions: Action[] = [];
  private readonly listeners: ((event: SimEvent) => void)[] = [];
  private readonly retainLog: boolean;
  private failure: Error | undefined;

  constructor(options: KernelOptions) {
    if (typeof options.seed !== "number" || !Number.isFinite(options.seed)) {
      throw new Error("Kernel: a finite numeric seed is required");
    }
    this.seed = options.seed;
    this.rng = new Prng(options.seed);
    this.limits = resolveLimits(options.limits);
    this.retainLog = options.retainLog ?? true;
  }

  /** Registers an action and returns its kind id for schedule(). */
  register<P>(action: (num: number, payload: P) => void): number {
    this.actions.push(action as Action);
    return this.actions.length - 1;
  }

  /** Schedules `kind` at absolute time `atMs` (≥ now). Returns the entry's seq. */
  at(atMs: number, kind: number, num = 0, payload: unknown = undefined): number {
    if (!(atMs >= this.now)) throw new Error(`Kernel: cannot schedule at ${atMs}ms before now=${this.now}ms`);
    if (this.queue.size >= this.limits.maxQueueSize) this.fail("maxQueueSize", this.limits.maxQueueSize);
    return this.queue.push(atMs, kind, num, payload);
  }

  after(delayMs: number, kind: number, num = 0, payload: unknown = undefined): number {
    return this.at(this.now + (delayMs > 0 ? delayMs : 0), kind, num, payload);
  }

  emit(event: SimEvent): void {
    if (++this.emitted > this.limits.maxEvents) this.fail("maxEvents", this.limits.maxEvents);
    if (this.retainLog) {
      if (this.log.length >= this.limits.maxLogEvents) this.fail("maxLogEvents", this.limits.maxLogEvents);
      this.log.push(event);
    }
    const listeners = this.listeners;
    for (let i = 0; i < listeners.length; i++) listeners[i]!(event);
  }

  onEvent(listener: (event: SimEvent) => void): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  get pending(): number {
    return this.queue.size;
  }

  nextTimeMs(): number {
    return this.queue.peekTimeMs();
  }

  /**
   * Dispatches every action due at or before `untilMs`, then sets the clock to `untilMs` (so a paused
   * UI can inject faults "now"). Returns "idle" if the queue ran dry first.
   */
  runUntil(untilMs: number): RunResult {
    if (this.failure) throw this.failure;
    const queue = this.queue, actions = this.actions, limits = this.limits;
    const horizonMs = Math.min(untilMs, limits.maxSimTimeMs);
    try {
      while (queue.size > 0 && queue.peekTimeMs() <= horizonMs) {
        queue.pop();
        const t = queue.poppedTimeMs;
        if (t < this.now) throw new Error(`Kernel invariant: time went backwards (${t} < ${this.now})`);
        this.now = t as SimTimeMs;
        if (++this.steps > limits.maxSteps) this.fail("maxSteps", limits.maxSteps);
        actions[queue.poppedKind]!(queue.poppedNum, queue.poppedPayload as never);
      }
      if (untilMs > limits.maxSimTimeMs && queue.size > 0 && queue.peekTimeMs() <= untilMs) this.fail("maxSimTimeMs", limits.maxSimTimeMs);
    } catch (error) {
      this.failure = error instanceof Error ? error : new Error(String(error));
      throw error;
    }
    if (queue.size === 0 && untilMs === Infinity) return "idle";
    if (untilMs !== Infinity && untilMs > this.now) this.now = Math.min(untilMs, limits.maxSimTimeMs) as SimTimeMs;
    return queue.size === 0 ? "idle" : "until";
  }

  /** Dispatches exactly one action (for a UI's "step" button). Returns false when idle. */
  step(): boolean {
    if (this.failure) throw this.failure;
    const queue = this.queue;
    if (queue.size === 0) return false;
    if (queue.peekTimeMs() > this.limits.maxSimTimeMs) this.fail("maxSimTimeMs", this.limits.maxSimTimeMs);
    queue.pop();
    this.now = queue.poppedTimeMs as SimTimeMs;
    if (++this.steps > this.limits.maxSteps) this.fail("maxSteps", this.limits.maxSteps);
    this.actions[queue.poppedKind]!(queue.poppedNum, queue.poppedPayload as never);
    return true;
  }

  private fail(limit: keyof SimLimits, value: number): never {
    throw new SimLimitError(limit, value, this.now, this.seed);
  }
}
