import type { AppendResult, InboundMessage, StoredEvent } from "./api";
import type { Instance } from "./instance";
import type { Link, NetMessage, NetNode } from "./network";
import { measureBytes } from "./sizes";
import { type WorkHandler, type WorkItem, newWorkItem } from "./work";
import type { World } from "./world";

interface Sub { inst: Instance; epoch: number; stream: string }
interface AppendReq {
  store: EventStore; stream: string; events: { type: string; data: unknown }[]; expectedVersion: number | "any";
  inst: Instance; epoch: number; cb: ((res: AppendResult) => void) | undefined;
}
interface Delivery { store: EventStore; stream: string; event: StoredEvent }

/** The "$all" stream name subscribes to every stream, in global order. */
export const ALL_STREAMS = "$all";

/**
 * An event store for the event-sourcing chapter: streams with optimistic concurrency. A stream's version
 * is its number of events; append(expectedVersion) succeeds only if the stream is at that version.
 */
export class EventStore implements NetNode {
  readonly group: string;
  readonly links = new Map<string, Link>();
  epoch = 1;
  up = true;
  readonly streams = new Map<string, StoredEvent[]>();
  globalPosition = 0;
  subs: Sub[] = [];
  constructor(readonly id: string) { this.group = id; }
  reachable(): boolean { return this.up; }
  version(stream: string): number { return this.streams.get(stream)?.length ?? 0; }
}

export class EventStoreModule implements WorkHandler {
  readonly stores = new Map<string, EventStore>();
  private readonly h: Record<"append" | "appended" | "read" | "readResult" | "subscribe" | "event", number>;

  constructor(private readonly world: World) {
    const net = world.net;
    this.h = {
      append: net.registerHandler((m) => this.onAppend(m)),
      appended: net.registerHandler((m) => {
        const { req, res } = m.payload as { req: AppendReq; res: AppendResult };
        const cb = req.cb;
        if (cb && !m.duplicate) world.callback(req.inst, req.epoch, () => cb(res));
      }),
      read: net.registerHandler((m) => {
        const r = m.payload as { stream: string; fromVersion: number; inst: Instance; epoch: number; cb: (e: StoredEvent[]) => void };
        const events = ((m.to as EventStore).streams.get(r.stream) ?? []).slice(Math.max(0, r.fromVersion));
        net.send(m.to, r.inst, "eventstore", "es.read-result", events.length * 64, -1, "", this.h.readResult, { r, events });
      }),
      readResult: net.registerHandler((m) => {
        const { r, events } = m.payload as { r: { inst: Instance; epoch: number; cb: (e: StoredEvent[]) => void }; events: StoredEvent[] };
        world.callback(r.inst, r.epoch, () => r.cb(events));
      }),
      subscribe: net.registerHandler((m) => this.onSubscribe(m)),
      event: net.registerHandler((m) => this.onEvent(m)),
    };
    world.instanceDownHooks.push((inst) => {
      for (const s of this.stores.values()) s.subs = s.subs.filter((sub) => sub.inst !== inst);
    });
  }

  addStore(name: string): EventStore {
    const store = new EventStore(name);
    this.stores.set(name, store);
    return store;
  }

  private store(name: string): EventStore {
    const store = this.stores.get(name);
    if (!store) throw new Error(`unknown event store "${name}"`);
    return store;
  }

  append(inst: Instance, item: WorkItem | undefined, storeName: string, stream: string, events: { type: string; data: unknown }[],
    expectedVersion: number | "any", cb: ((res: AppendResult) => void) | undefined): void {
    const store = this.store(storeName);
    if (stream === ALL_STREAMS) throw new Error(`appendToStream: "${ALL_STREAMS}" is read-only`);
    const req: AppendReq = { store, stream, events: events.map((e) => ({ type: String(e.type), data: e.data })), expectedVersion, inst, epoch: inst.epoch, cb };
    const bytes = measureBytes(req.events);
    this.world.effect(inst, item, () => this.world.net.send(inst, store, "eventstore", "es.append", bytes, -1, item?.traceId ?? "", this.h.append, req));
  }

  private onAppend(m: NetMessage): void {
    if (m.duplicate) return;
    const req = m.payload as AppendReq;
    const store = req.store, k = this.world.k;
    const current = store.version(req.stream);
    let res: AppendResult;
    if (req.expectedVersion !== "any" && req.expectedVersion !== current) {
      k.emit({ type: "es.conflict", timeMs: k.now, store: store.id, from: req.inst.id, stream: req.stream, expectedVersion: req.expectedVersion, actualVersion: current });
      res = { ok: false, error: "wrong-expected-version", nextVersion: current, actualVersion: current };
    } else {
      const list = store.streams.get(req.stream) ?? [];
      store.streams.set(req.stream, list);
      const added = req.events.map((e, i) => ({ type: e.type, data: e.data, version: current + i, globalPosition: store.globalPosition++ }));
      list.push(...added);
      k.emit({
        type: "es.append", timeMs: k.now, store: store.id, from: req.inst.id, stream: req.stream, fromVersion: current,
        toVersion: current + added.length, count: added.length, eventTypes: added.map((e) => e.type),
      });
      res = { ok: true, error: "", nextVersion: current + added.length, actualVersion: current + added.length };
      for (const event of added) this.fanOut(store, req.stream, event);
    }
    this.world.net.send(store, req.inst, "eventstore", "es.append-result", 32, -1, "", this.h.appended, { req, res });
  }

  private fanOut(store: EventStore, stream: string, event: StoredEvent): void {
    for (const sub of store.subs) {
      if (sub.inst.epoch !== sub.epoch || (sub.stream !== stream && sub.stream !== ALL_STREAMS)) continue;
      this.world.net.send(store, sub.inst, "eventstore", "es.event", measureBytes(event.data), -1, "", this.h.event, { store, stream, event } satisfies Delivery);
    }
  }

  read(inst: Instance, item: WorkItem | undefined, storeName: string, stream: string, fromVersion: number, cb: (events: StoredEvent[]) => void): void {
    const store = this.store(storeName);
    const r = { stream, fromVersion, inst, epoch: inst.epoch, cb };
    this.world.effect(inst, item, () => this.world.net.send(inst, store, "eventstore", "es.read", 32, -1, "", this.h.read, r));
  }

  subscribe(inst: Instance, item: WorkItem | undefined, storeName: string, stream: string, fromVersion: number): void {
    const store = this.store(storeName);
    const sub = { inst, epoch: inst.epoch, stream, fromVersion };
    this.world.effect(inst, item, () => this.world.net.send(inst, store, "eventstore", "es.subscribe", 32, -1, "", this.h.subscribe, sub));
  }

  /** Catch-up subscription: existing events from fromVersion, then live ones. */
  private onSubscribe(m: NetMessage): void {
    const sub = m.payload as Sub & { fromVersion: number };
    const store = m.to as EventStore;
    store.subs.push({ inst: sub.inst, epoch: sub.epoch, stream: sub.stream });
    const existing = sub.stream === ALL_STREAMS
      ? [...store.streams.entries()].flatMap(([stream, events]) => events.map((event) => ({ stream, event })))
        .sort((a, b) => a.event.globalPosition - b.event.globalPosition).slice(sub.fromVersion)
      : (store.streams.get(sub.stream) ?? []).slice(sub.fromVersion).map((event) => ({ stream: sub.stream, event }));
    for (const { stream, event } of existing) {
      this.world.net.send(store, sub.inst, "eventstore", "es.event", measureBytes(event.data), -1, "", this.h.event, { store, stream, event } satisfies Delivery);
    }
  }

  private onEvent(m: NetMessage): void {
    const d = m.payload as Delivery;
    const inst = m.to as Instance;
    const world = this.world;
    inst.accept(newWorkItem(world.nextWorkId++, d.event.globalPosition, "eventstore", d.stream, inst, this, d, world.k.now, false, true, "", world.tracer.newSpanId(), ""));
  }

  start(item: WorkItem): void {
    const d = item.data as Delivery;
    const onMessage = item.inst.service.handlers.onMessage;
    if (!onMessage) return;
    const view: InboundMessage = { source: "eventstore", store: d.store.id, stream: d.stream, version: d.event.version, event: d.event };
    this.world.invoke(item.inst, item, (ctx) => onMessage(view, ctx));
  }

  reject(): void {}
}
