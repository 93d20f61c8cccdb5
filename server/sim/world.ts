import type { HandlerMap } from "./api";
import type { AmqpModule } from "./amqp-module";
import { HandlerContext, type Inbound } from "./context";
import type { EventStoreModule } from "./event-store";
import type { GrpcModule } from "./grpc";
import type { HttpModule } from "./http";
import { Instance } from "./instance";
import type { Kernel } from "./kernel";
import type { KafkaModule } from "./kafka-module";
import { SimLimitError } from "./limits";
import { Network } from "./network";
import type { PubSubModule } from "./pubsub";
import type { Scenario, ServiceSpec } from "./scenario";
import { ServiceRuntime } from "./service";
import { Timers } from "./timers";
import { Tracer } from "./tracing";
import type { WebSocketModule } from "./websocket";
import type { WorkItem } from "./work";

/** Returned by invoke() when learner code threw: the caller decides what failure means for its protocol. */
export const HANDLER_THREW: unique symbol = Symbol("handler-threw");

interface Deferred { inst: Instance; fn: () => void; evenIfDown: boolean }

/**
 * Shared state of one run: the kernel, the network, services and instances, and the protocol modules.
 * Modules reach each other through here instead of importing each other's instances.
 */
export class World {
  readonly net: Network;
  readonly tracer: Tracer;
  readonly timers: Timers;
  readonly services = new Map<string, ServiceRuntime>();
  readonly instances = new Map<string, Instance>();
  readonly instanceDownHooks: ((inst: Instance) => void)[] = [];
  http!: HttpModule;
  grpc!: GrpcModule;
  ws!: WebSocketModule;
  amqp!: AmqpModule;
  kafka!: KafkaModule;
  pubsub!: PubSubModule;
  eventStore!: EventStoreModule;
  nextWorkId = 1;
  nextCallId = 1;
  nextConnId = 1;
  nextTimerId = 1;
  nextBrokerMsgId = 1;
  private readonly deferredKind: number;
  private readonly finishKind: number;

  constructor(readonly k: Kernel, readonly scenario: Scenario, readonly handlers: HandlerMap) {
    this.net = new Network(k, scenario);
    this.tracer = new Tracer(k.rng.fork("trace"));
    this.timers = new Timers(this);
    this.deferredKind = k.register((epoch: number, d: Deferred) => this.runDeferred(epoch, d));
    this.finishKind = k.register((epoch: number, item: WorkItem) => {
      if (item.inst.epoch !== epoch) return;
      if (item.inst.state === "paused") item.inst.backlog.push(() => item.inst.finish(item, 0));
      else item.inst.finish(item, 0);
    });
  }

  addService(spec: ServiceSpec, implicit: boolean): ServiceRuntime {
    const handlers = this.handlers[spec.name] ?? {};
    const svc = new ServiceRuntime(spec.name, spec, handlers, this.k.rng.fork(`lb:${spec.name}`), implicit);
    this.services.set(spec.name, svc);
    for (let i = 1; i <= spec.instances; i++) {
      const inst = new Instance(this, svc, i);
      svc.instances.push(inst);
      this.instances.set(inst.id, inst);
    }
    return svc;
  }

  /** Runs `fn` at `atMs` on behalf of `inst`, unless the instance has crashed or restarted since. */
  runOn(inst: Instance, atMs: number, fn: () => void, evenIfDown = false): void {
    this.k.at(atMs, this.deferredKind, inst.epoch, { inst, fn, evenIfDown } satisfies Deferred);
  }

  /** Releases a handler's effect: immediately, or at the work item's readyAtMs if that is later. */
  effect(inst: Instance, item: WorkItem | undefined, fn: () => void): void {
    if (item && item.readyAtMs > this.k.now) this.runOn(inst, item.readyAtMs, fn);
    else fn();
  }

  scheduleFinish(item: WorkItem): void {
    this.k.at(item.readyAtMs, this.finishKind, item.epoch, item);
  }

  /** Runs a continuation (callback, timer) on an instance: skipped if it died, backlogged if paused. */
  onInstance(inst: Instance, epoch: number, fn: () => void): void {
    if (inst.epoch !== epoch || !inst.reachable()) return;
    if (inst.state === "paused") inst.backlog.push(fn);
    else fn();
  }

  private runDeferred(epoch: number, d: Deferred): void {
    if (d.inst.epoch !== epoch) return;
    if (!d.evenIfDown && !d.inst.reachable()) return;
    if (d.inst.state === "paused" && !d.evenIfDown) d.inst.backlog.push(d.fn);
    else d.fn();
  }

  /**
   * Calls learner code. A throw becomes an `error` log line and HANDLER_THREW; engine limits still
   * propagate, because a limit must stop the whole run.
   */
  invoke<R>(inst: Instance, item: WorkItem | undefined, body: (ctx: HandlerContext) => R, inbound?: Inbound): R | typeof HANDLER_THREW {
    const ctx = new HandlerContext(this, inst, item, inbound);
    try {
      return body(ctx);
    } catch (error) {
      if (error instanceof SimLimitError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      ctx.log(`handler threw: ${message}`, {}, "error");
      return HANDLER_THREW;
    }
  }

  /** Runs a learner callback as a continuation on `inst` (alive, same epoch), containing its throws. */
  callback(inst: Instance, epoch: number, fn: () => void): void {
    this.onInstance(inst, epoch, () => {
      try {
        fn();
      } catch (error) {
        if (error instanceof SimLimitError) throw error;
        const k = this.k;
        k.emit({
          type: "log", timeMs: k.now, service: inst.group, instance: inst.id, level: "error",
          msg: `callback threw: ${error instanceof Error ? error.message : String(error)}`, traceId: "", fields: {},
        });
      }
    });
  }

  /** "payments" → the service; "payments-2" → that instance's service, pinned to the instance. */
  resolveTarget(name: string): { svc: ServiceRuntime; pinned: Instance | undefined } | undefined {
    const svc = this.services.get(name);
    if (svc) return { svc, pinned: undefined };
    const inst = this.instances.get(name);
    return inst ? { svc: inst.service, pinned: inst } : undefined;
  }

  pickInstance(name: string): Instance | undefined {
    const target = this.resolveTarget(name);
    if (!target) return undefined;
    if (target.pinned) return target.pinned.reachable() ? target.pinned : undefined;
    return target.svc.pick();
  }
}
