import type { InstanceState } from "./events";
import type { Link, NetNode } from "./network";
import type { Prng } from "./prng";
import type { ServiceRuntime } from "./service";
import type { WorkItem } from "./work";
import type { World } from "./world";

/**
 * A running copy of a service: lifecycle (start, crash, restart, pause, slow) and a work queue with a
 * concurrency limit. Everything an instance schedules carries its epoch, so a crash cancels it all.
 */
export class Instance implements NetNode {
  readonly id: string;
  readonly group: string;
  readonly links = new Map<string, Link>();
  readonly prng: Prng;
  epoch = 0;
  state: InstanceState = "stopped";
  slowFactor = 1;
  inFlight = 0;
  /** Work started and not finished, for crash accounting. */
  readonly active = new Set<WorkItem>();
  /** Actions that fell due while paused; replayed in order on resume. */
  readonly backlog: (() => void)[] = [];
  /** Learner-named state (ctx.setState), e.g. a circuit breaker; lost with the process. */
  readonly states = new Map<string, string>();
  private queue: WorkItem[] = [];
  private queueHead = 0;

  constructor(private readonly world: World, readonly service: ServiceRuntime, readonly index: number) {
    this.id = `${service.name}-${index}`;
    this.group = service.name;
    this.prng = world.k.rng.fork(`instance:${this.id}`);
  }

  reachable(): boolean {
    return this.state === "up" || this.state === "paused";
  }

  get queueDepth(): number {
    return this.queue.length - this.queueHead;
  }

  /** Starts (or restarts) the process: a new epoch, then "up" after the service's startupMs. */
  start(reason: string): void {
    if (this.state === "up" || this.state === "paused" || this.state === "starting") return;
    this.epoch++;
    const startupMs = this.service.spec.startupMs;
    if (startupMs > 0) {
      this.setState("starting", reason);
      // evenIfDown: a "starting" instance is not reachable yet; the epoch still cancels this if it crashes meanwhile.
      this.world.runOn(this, this.world.k.now + startupMs, () => this.becomeUp(reason), true);
    } else {
      this.becomeUp(reason);
    }
  }

  private becomeUp(reason: string): void {
    this.setState("up", reason);
    const onStart = this.service.handlers.onStart;
    // Scheduled, not called: instances started together are all up before any onStart runs.
    if (onStart) this.world.runOn(this, this.world.k.now, () => this.world.invoke(this, undefined, (ctx) => onStart(ctx)));
  }

  crash(reason: string): void {
    if (this.state === "crashed" || this.state === "stopped") return;
    const k = this.world.k;
    this.epoch++; // invalidates every scheduled action and in-flight message of the old process
    for (const item of this.active) this.lose(item, true);
    for (let i = this.queueHead; i < this.queue.length; i++) this.lose(this.queue[i]!, false);
    this.active.clear();
    this.queue = [];
    this.queueHead = 0;
    this.inFlight = 0;
    this.backlog.length = 0;
    this.states.clear();
    this.setState("crashed", reason);
    for (const hook of this.world.instanceDownHooks) hook(this);
    if (this.service.spec.autoRestart) {
      this.world.runOn(this, k.now + this.service.spec.restartDelayMs, () => this.start("auto-restart"), true);
    }
  }

  pause(): void {
    if (this.state !== "up") return;
    this.setState("paused", "pause");
  }

  resume(): void {
    if (this.state !== "paused") return;
    this.setState("up", "resume");
    const due = this.backlog.splice(0);
    for (const fn of due) {
      // A backlogged action may itself crash or pause the instance.
      if ((this.state as InstanceState) !== "up") {
        this.backlog.push(fn);
        continue;
      }
      fn();
    }
    this.pump();
  }

  setSlow(factor: number): void {
    this.slowFactor = factor;
    this.setState(this.state, factor === 1 ? "normal-speed" : `slow x${factor}`);
  }

  /** Offers work to the instance: start it, queue it, or refuse it. */
  accept(item: WorkItem): void {
    if (!this.reachable() || item.epoch !== this.epoch) {
      this.reject(item, "not-up");
    } else if (this.state === "up" && this.inFlight < this.service.spec.concurrency && this.queueDepth === 0) {
      this.begin(item);
    } else if (!item.bounded || this.queueDepth < this.service.spec.queueCapacity) {
      this.queue.push(item);
    } else {
      this.reject(item, "queue-full");
    }
  }

  private reject(item: WorkItem, reason: "queue-full" | "not-up"): void {
    const k = this.world.k;
    k.emit({
      type: "work.reject", timeMs: k.now, workId: item.id, ref: item.ref, service: this.group, instance: this.id,
      kind: item.kind, name: item.name, reason, queueDepth: this.queueDepth, traceId: item.traceId,
    });
    item.handler.reject(item, reason);
  }

  private begin(item: WorkItem): void {
    const k = this.world.k;
    this.inFlight++;
    this.active.add(item);
    item.startedAtMs = k.now;
    item.readyAtMs = k.now + this.service.sampleServiceMs(this.prng) * this.slowFactor;
    k.emit({
      type: "work.start", timeMs: k.now, workId: item.id, ref: item.ref, service: this.group, instance: this.id,
      kind: item.kind, name: item.name, queuedMs: k.now - item.arrivedAtMs, inFlight: this.inFlight,
      queueDepth: this.queueDepth, traceId: item.traceId,
    });
    item.handler.start(item);
    if (item.finishOnReady && !item.finished) this.world.scheduleFinish(item);
  }

  /** Ends a work item (server span) and starts queued work in the freed slot. */
  finish(item: WorkItem, status: number): void {
    if (item.finished || item.epoch !== this.epoch) return;
    item.finished = true;
    this.inFlight--;
    this.active.delete(item);
    const k = this.world.k;
    k.emit({
      type: "work.end", timeMs: k.now, workId: item.id, ref: item.ref, service: this.group, instance: this.id,
      kind: item.kind, name: item.name, status, arrivedAtMs: item.arrivedAtMs,
      serviceMs: item.readyAtMs - item.startedAtMs, totalMs: k.now - item.arrivedAtMs,
      traceId: item.traceId, spanId: item.spanId, parentSpanId: item.parentSpanId,
    });
    item.handler.finished?.(item);
    this.pump();
  }

  private pump(): void {
    const concurrency = this.service.spec.concurrency;
    while (this.state === "up" && this.inFlight < concurrency && this.queueHead < this.queue.length) {
      const next = this.queue[this.queueHead]!;
      this.queue[this.queueHead++] = undefined as unknown as WorkItem;
      if (this.queueHead > 1024 && this.queueHead * 2 > this.queue.length) {
        this.queue = this.queue.slice(this.queueHead);
        this.queueHead = 0;
      }
      this.begin(next);
    }
  }

  private lose(item: WorkItem, started: boolean): void {
    item.finished = true;
    const k = this.world.k;
    k.emit({
      type: "work.lost", timeMs: k.now, workId: item.id, ref: item.ref, service: this.group, instance: this.id,
      kind: item.kind, name: item.name, reason: "crash", started, traceId: item.traceId,
    });
  }

  private setState(state: InstanceState, reason: string): void {
    const k = this.world.k;
    const prevState = this.state;
    this.state = state;
    k.emit({
      type: "instance.state", timeMs: k.now, service: this.group, instance: this.id, state, prevState,
      reason, slowFactor: this.slowFactor,
    });
  }
}
