import type { InboundMessage } from "./api";
import type { Instance } from "./instance";
import type { Link, NetMessage, NetNode } from "./network";
import { measureBytes } from "./sizes";
import { type WorkHandler, type WorkItem, newWorkItem } from "./work";
import type { World } from "./world";

interface Subscriber { inst: Instance; epoch: number }
interface PubSubMsg { broker: PubSubBroker; topic: string; data: unknown; sizeBytes: number; msgId: number; traceId: string; spanId: string }

/** Fire-and-forget pub/sub (Redis-style): no persistence, so a subscriber that is down misses messages. */
export class PubSubBroker implements NetNode {
  readonly group: string;
  readonly links = new Map<string, Link>();
  epoch = 1;
  up = true;
  readonly topics = new Map<string, Subscriber[]>();
  constructor(readonly id: string) { this.group = id; }
  reachable(): boolean { return this.up; }
}

export class PubSubModule implements WorkHandler {
  readonly brokers = new Map<string, PubSubBroker>();
  private readonly publishHandler: number;
  private readonly subscribeHandler: number;
  private readonly messageHandler: number;

  constructor(private readonly world: World) {
    this.publishHandler = world.net.registerHandler((m) => this.onPublish(m));
    this.subscribeHandler = world.net.registerHandler((m) => {
      const { topic, sub } = m.payload as { topic: string; sub: Subscriber };
      const broker = m.to as PubSubBroker;
      const subs = broker.topics.get(topic) ?? [];
      if (!subs.some((s) => s.inst === sub.inst && s.epoch === sub.epoch)) subs.push(sub);
      broker.topics.set(topic, subs);
    });
    this.messageHandler = world.net.registerHandler((m) => this.onMessage(m));
    world.instanceDownHooks.push((inst) => {
      for (const b of this.brokers.values()) {
        for (const [topic, subs] of b.topics) b.topics.set(topic, subs.filter((s) => s.inst !== inst));
      }
    });
  }

  addBroker(name: string): PubSubBroker {
    const broker = new PubSubBroker(name);
    this.brokers.set(name, broker);
    return broker;
  }

  private broker(name: string): PubSubBroker {
    const broker = this.brokers.get(name);
    if (!broker) throw new Error(`unknown pub/sub broker "${name}"`);
    return broker;
  }

  publish(inst: Instance, item: WorkItem | undefined, brokerName: string, topic: string, data: unknown, bodyBytes: number | undefined): void {
    const broker = this.broker(brokerName);
    const msg: PubSubMsg = {
      broker, topic, data, sizeBytes: bodyBytes ?? measureBytes(data), msgId: this.world.nextBrokerMsgId++,
      traceId: item?.traceId || this.world.tracer.newTraceId(), spanId: item?.spanId ?? "",
    };
    this.world.effect(inst, item, () =>
      this.world.net.send(inst, broker, "pubsub", "pubsub.publish", msg.sizeBytes, msg.msgId, msg.traceId, this.publishHandler, msg));
  }

  subscribe(inst: Instance, item: WorkItem | undefined, brokerName: string, topic: string): void {
    const broker = this.broker(brokerName);
    const sub: Subscriber = { inst, epoch: inst.epoch };
    this.world.effect(inst, item, () =>
      this.world.net.send(inst, broker, "pubsub", "pubsub.subscribe", 32, -1, "", this.subscribeHandler, { topic, sub }));
  }

  private onPublish(m: NetMessage): void {
    if (m.duplicate) return;
    const msg = m.payload as PubSubMsg;
    const subs = (msg.broker.topics.get(msg.topic) ?? []).filter((s) => s.inst.epoch === s.epoch);
    const k = this.world.k;
    k.emit({
      type: "pubsub.publish", timeMs: k.now, broker: msg.broker.id, from: m.from.id, topic: msg.topic, msgId: msg.msgId,
      subscribers: subs.length, sizeBytes: msg.sizeBytes,
    });
    for (const s of subs) {
      this.world.net.send(msg.broker, s.inst, "pubsub", "pubsub.message", msg.sizeBytes, msg.msgId, msg.traceId, this.messageHandler, msg);
    }
  }

  private onMessage(m: NetMessage): void {
    const msg = m.payload as PubSubMsg;
    const inst = m.to as Instance;
    const world = this.world;
    inst.accept(newWorkItem(world.nextWorkId++, msg.msgId, "pubsub", msg.topic, inst, this, msg, world.k.now, false, true,
      msg.traceId, world.tracer.newSpanId(), msg.spanId));
  }

  start(item: WorkItem): void {
    const msg = item.data as PubSubMsg;
    const onMessage = item.inst.service.handlers.onMessage;
    if (!onMessage) return;
    const view: InboundMessage = { source: "pubsub", broker: msg.broker.id, topic: msg.topic, data: msg.data, msgId: msg.msgId };
    this.world.invoke(item.inst, item, (ctx) => onMessage(view, ctx));
  }

  reject(): void {}
}
