import type { AmqpPublishOptions, ConsumeOptions, InboundMessage } from "./api";
import { AmqpBroker, type AmqpMsg, type AmqpQueue, type Consumer } from "./amqp-broker";
import type { Instance } from "./instance";
import type { NetMessage } from "./network";
import type { AmqpBrokerSpec } from "./scenario-brokers";
import { measureBytes } from "./sizes";
import { type WorkHandler, type WorkItem, newWorkItem } from "./work";
import { HANDLER_THREW, type World } from "./world";

interface Delivery { broker: AmqpBroker; brokerEpoch: number; consumer: Consumer; msg: AmqpMsg; deliveryTag: number }
export interface AmqpInbound { kind: "amqp"; item: WorkItem; delivery: Delivery; settled: boolean }
interface Settle { broker: AmqpBroker; brokerEpoch: number; deliveryTag: number; ack: boolean; requeue: boolean }

/** Wires AMQP brokers to the network and to instances: publish, consume, deliver, ack/nack. */
export class AmqpModule implements WorkHandler {
  readonly brokers = new Map<string, AmqpBroker>();
  private readonly publishHandler: number;
  private readonly consumeHandler: number;
  private readonly deliverHandler: number;
  private readonly settleHandler: number;
  private readonly expiryKind: number;
  private consumerSeq = 0;

  constructor(private readonly world: World) {
    const net = world.net;
    this.publishHandler = net.registerHandler((m) => this.onPublish(m));
    this.consumeHandler = net.registerHandler((m) => this.onConsume(m));
    this.deliverHandler = net.registerHandler((m) => this.onDeliver(m));
    this.settleHandler = net.registerHandler((m) => this.onSettle(m));
    this.expiryKind = world.k.register((atMs: number, p: { broker: AmqpBroker; queue: AmqpQueue }) => p.broker.onExpiryCheck(p.queue, atMs));
    world.instanceDownHooks.push((inst) => {
      for (const broker of this.brokers.values()) broker.removeConsumersOf(inst);
    });
  }

  addBroker(spec: AmqpBrokerSpec): AmqpBroker {
    const broker = new AmqpBroker(spec, this.world.k, {
      deliver: (b, consumer, msg, deliveryTag) => this.world.net.send(b, consumer.inst, "amqp", "amqp.deliver",
        msg.sizeBytes, msg.msgId, msg.traceId, this.deliverHandler,
        { broker: b, brokerEpoch: b.epoch, consumer, msg, deliveryTag } satisfies Delivery),
      scheduleExpiry: (b, queue, atMs) => this.world.k.at(atMs, this.expiryKind, atMs, { broker: b, queue }),
    });
    this.brokers.set(spec.name, broker);
    return broker;
  }

  private broker(name: string): AmqpBroker {
    const broker = this.brokers.get(name);
    if (!broker) throw new Error(`unknown AMQP broker "${name}"`);
    return broker;
  }

  publish(inst: Instance, item: WorkItem | undefined, brokerName: string, exchange: string, routingKey: string,
    body: unknown, opts: AmqpPublishOptions): void {
    const broker = this.broker(brokerName);
    if (exchange !== "" && !broker.exchanges.has(exchange)) throw new Error(`publish: unknown exchange "${exchange}" on ${brokerName}`);
    const msg: AmqpMsg = {
      msgId: this.world.nextBrokerMsgId++, exchange, routingKey, body, headers: { ...(opts.headers ?? {}) },
      sizeBytes: opts.bodyBytes ?? measureBytes(body), persistent: opts.persistent ?? true, ttlMs: opts.ttlMs ?? Infinity,
      expiresAtMs: Infinity, traceId: item?.traceId || this.world.tracer.newTraceId(), spanId: item?.spanId ?? "",
      redelivered: false, deaths: [],
    };
    this.world.effect(inst, item, () =>
      this.world.net.send(inst, broker, "amqp", "amqp.publish", msg.sizeBytes, msg.msgId, msg.traceId, this.publishHandler, msg));
  }

  private onPublish(m: NetMessage): void {
    const broker = m.to as AmqpBroker;
    const msg = m.payload as AmqpMsg;
    if (m.duplicate) return;
    const k = this.world.k;
    k.emit({
      type: "amqp.publish", timeMs: k.now, broker: broker.id, from: m.from.id, exchange: msg.exchange,
      routingKey: msg.routingKey, msgId: msg.msgId, persistent: msg.persistent, sizeBytes: msg.sizeBytes, traceId: msg.traceId,
    });
    broker.route(msg, msg.exchange);
  }

  consume(inst: Instance, item: WorkItem | undefined, brokerName: string, queue: string, opts: ConsumeOptions): string {
    const broker = this.broker(brokerName);
    const q = broker.queues.get(queue);
    if (!q) throw new Error(`consume: unknown queue "${queue}" on ${brokerName}`);
    const consumer: Consumer = {
      tag: `${inst.id}.ctag-${++this.consumerSeq}`, queue: q, inst, epoch: inst.epoch,
      prefetch: opts.prefetch ?? 0, autoAck: opts.autoAck ?? false, unacked: 0, active: true,
    };
    this.world.effect(inst, item, () =>
      this.world.net.send(inst, broker, "amqp", "amqp.consume", 64, -1, "", this.consumeHandler, consumer));
    return consumer.tag;
  }

  private onConsume(m: NetMessage): void {
    const consumer = m.payload as Consumer;
    if (m.duplicate || consumer.inst.epoch !== consumer.epoch) return;
    (m.to as AmqpBroker).addConsumer(consumer);
  }

  private onDeliver(m: NetMessage): void {
    const delivery = m.payload as Delivery;
    const inst = m.to as Instance;
    const world = this.world;
    const item = newWorkItem(world.nextWorkId++, delivery.msg.msgId, "amqp", delivery.consumer.queue.name, inst, this, delivery,
      world.k.now, false, true, delivery.msg.traceId, world.tracer.newSpanId(), delivery.msg.spanId);
    inst.accept(item);
  }

  start(item: WorkItem): void {
    const delivery = item.data as Delivery;
    const inbound: AmqpInbound = { kind: "amqp", item, delivery, settled: false };
    const onMessage = item.inst.service.handlers.onMessage;
    if (!onMessage) return;
    const { msg, consumer } = delivery;
    const view: InboundMessage = {
      source: "amqp", broker: delivery.broker.id, queue: consumer.queue.name, exchange: msg.exchange,
      routingKey: msg.routingKey, body: msg.body, headers: msg.headers, deliveryTag: delivery.deliveryTag,
      redelivered: msg.redelivered, msgId: msg.msgId, deaths: msg.deaths,
    };
    const result = this.world.invoke(item.inst, item, (ctx) => onMessage(view, ctx), inbound);
    // Most client libraries reject a message whose callback threw; with requeue that is the classic poison loop.
    if (result === HANDLER_THREW && !consumer.autoAck && !inbound.settled) this.settle(inbound, "nack", true);
  }

  reject(): void {
    // Deliveries are unbounded work: the client library buffers them, so there is nothing to refuse.
  }

  settle(inbound: AmqpInbound, how: "ack" | "nack", requeue: boolean): void {
    const { delivery, item } = inbound;
    if (delivery.consumer.autoAck) throw new Error(`ctx.${how}(): this consumer uses autoAck; there is nothing to acknowledge`);
    if (inbound.settled) throw new Error(`ctx.${how}(): this delivery was already acknowledged`);
    inbound.settled = true;
    const settle: Settle = {
      broker: delivery.broker, brokerEpoch: delivery.brokerEpoch, deliveryTag: delivery.deliveryTag, ack: how === "ack", requeue,
    };
    this.world.effect(item.inst, item, () =>
      this.world.net.send(item.inst, delivery.broker, "amqp", `amqp.${how}`, 32, delivery.msg.msgId, delivery.msg.traceId,
        this.settleHandler, settle));
  }

  private onSettle(m: NetMessage): void {
    const s = m.payload as Settle;
    if (s.brokerEpoch !== s.broker.epoch) return; // a delivery tag from before a restart means nothing now
    s.broker.settle(s.deliveryTag, m.from.id, s.ack, s.requeue);
  }
}
