import { splitKey, topicMatches } from "./amqp-topic";
import type { Instance } from "./instance";
import type { Kernel } from "./kernel";
import type { Link, NetNode } from "./network";
import type { AmqpBrokerSpec, AmqpQueueSpec } from "./scenario-brokers";

export interface AmqpMsg {
  msgId: number; exchange: string; routingKey: string; body: unknown; headers: Record<string, string>;
  sizeBytes: number; persistent: boolean; ttlMs: number; expiresAtMs: number; traceId: string; spanId: string;
  redelivered: boolean; deaths: { queue: string; reason: string }[];
}
export interface Consumer {
  tag: string; queue: AmqpQueue; inst: Instance; epoch: number; prefetch: number; autoAck: boolean;
  unacked: number; active: boolean;
}
interface Unacked { msg: AmqpMsg; consumer: Consumer; queue: AmqpQueue }
interface Binding { queue: string; key: string; words: string[] }
interface Exchange { name: string; type: "direct" | "topic" | "fanout"; bindings: Binding[] }

export class AmqpQueue {
  ready: AmqpMsg[] = [];
  head = 0;
  consumers: Consumer[] = [];
  rr = 0;
  expiryCheckAtMs = Infinity;
  constructor(readonly spec: AmqpQueueSpec) {}
  get name(): string { return this.spec.name; }
  get depth(): number { return this.ready.length - this.head; }
  shift(): AmqpMsg | undefined {
    if (this.head >= this.ready.length) return undefined;
    const msg = this.ready[this.head]!;
    this.ready[this.head++] = undefined as unknown as AmqpMsg;
    if (this.head > 1024 && this.head * 2 > this.ready.length) {
      this.ready = this.ready.slice(this.head);
      this.head = 0;
    }
    return msg;
  }
  peek(): AmqpMsg | undefined { return this.head < this.ready.length ? this.ready[this.head] : undefined; }
  unshift(msg: AmqpMsg): void {
    if (this.head > 0) this.ready[--this.head] = msg;
    else this.ready.unshift(msg);
  }
}

/** What the broker needs from the outside world: sending a delivery and scheduling expiry checks. */
export interface AmqpBrokerIo {
  deliver(broker: AmqpBroker, consumer: Consumer, msg: AmqpMsg, deliveryTag: number): void;
  scheduleExpiry(broker: AmqpBroker, queue: AmqpQueue, atMs: number): void;
}

/**
 * RabbitMQ-style broker state: exchanges (direct, topic, fanout, and the default exchange), queues with
 * TTL, max-length and dead-lettering, consumers with prefetch and acks, and durability across restarts.
 */
export class AmqpBroker implements NetNode {
  readonly id: string;
  readonly group: string;
  readonly links = new Map<string, Link>();
  epoch = 1;
  up = true;
  readonly queues = new Map<string, AmqpQueue>();
  readonly exchanges = new Map<string, Exchange>();
  readonly unacked = new Map<number, Unacked>();
  readonly consumers = new Map<string, Consumer>();
  private deliveryTagSeq = 0;

  constructor(readonly spec: AmqpBrokerSpec, private readonly k: Kernel, private readonly io: AmqpBrokerIo) {
    this.id = spec.name;
    this.group = spec.name;
    for (const q of spec.queues) this.queues.set(q.name, new AmqpQueue(q));
    for (const e of spec.exchanges) this.exchanges.set(e.name, { name: e.name, type: e.type, bindings: [] });
    for (const b of spec.bindings) {
      this.exchanges.get(b.exchange)?.bindings.push({ queue: b.queue, key: b.bindingKey, words: splitKey(b.bindingKey) });
    }
  }

  reachable(): boolean { return this.up; }

  /** Routes a message and enqueues a copy on every matched queue; returns the queue names. */
  route(msg: AmqpMsg, exchangeName: string): string[] {
    let queues: string[];
    if (exchangeName === "") {
      queues = this.queues.has(msg.routingKey) ? [msg.routingKey] : [];
    } else {
      const exchange = this.exchanges.get(exchangeName);
      queues = exchange ? matchBindings(exchange, msg.routingKey) : [];
    }
    this.k.emit({
      type: "amqp.route", timeMs: this.k.now, broker: this.id, exchange: exchangeName,
      exchangeType: exchangeName === "" ? "default" : this.exchanges.get(exchangeName)?.type ?? "missing",
      routingKey: msg.routingKey, msgId: msg.msgId, queues,
    });
    if (queues.length === 0) this.dropped("", msg, "unroutable");
    for (let i = 0; i < queues.length; i++) {
      const queue = this.queues.get(queues[i]!)!;
      this.enqueue(queue, i === 0 ? msg : { ...msg, deaths: [...msg.deaths] });
    }
    return queues;
  }

  private enqueue(queue: AmqpQueue, msg: AmqpMsg): void {
    const ttls = [queue.spec.messageTtlMs ?? Infinity, msg.ttlMs];
    msg.expiresAtMs = this.k.now + Math.min(...ttls);
    const maxLength = queue.spec.maxLength;
    if (maxLength !== undefined && queue.depth >= maxLength) {
      this.deadLetter(queue, queue.shift()!, "maxlen"); // RabbitMQ's default overflow: drop-head
    }
    queue.ready.push(msg);
    this.dispatch(queue);
  }

  addConsumer(consumer: Consumer): void {
    consumer.queue.consumers.push(consumer);
    this.consumers.set(consumer.tag, consumer);
    this.dispatch(consumer.queue);
  }

  /** Pushes ready messages to consumers with spare prefetch, round-robin (competing consumers). */
  dispatch(queue: AmqpQueue): void {
    if (!this.up) return;
    this.expireHead(queue);
    while (queue.depth > 0) {
      const consumer = this.nextConsumer(queue);
      if (!consumer) break;
      const msg = queue.shift()!;
      const tag = ++this.deliveryTagSeq;
      if (!consumer.autoAck) {
        this.unacked.set(tag, { msg, consumer, queue });
        consumer.unacked++;
      }
      this.k.emit({
        type: "amqp.deliver", timeMs: this.k.now, broker: this.id, queue: queue.name, msgId: msg.msgId,
        to: consumer.inst.id, consumerTag: consumer.tag, deliveryTag: tag, redelivered: msg.redelivered,
        autoAck: consumer.autoAck, traceId: msg.traceId,
      });
      this.io.deliver(this, consumer, msg, tag);
      this.expireHead(queue);
    }
    const head = queue.peek();
    if (head && head.expiresAtMs < queue.expiryCheckAtMs) {
      queue.expiryCheckAtMs = head.expiresAtMs;
      this.io.scheduleExpiry(this, queue, head.expiresAtMs);
    }
  }

  private nextConsumer(queue: AmqpQueue): Consumer | undefined {
    const n = queue.consumers.length;
    for (let i = 0; i < n; i++) {
      const c = queue.consumers[(queue.rr + i) % n]!;
      if (c.active && (c.autoAck || c.prefetch === 0 || c.unacked < c.prefetch)) {
        queue.rr = (queue.rr + i + 1) % n;
        return c;
      }
    }
    return undefined;
  }

  /** Expired messages leave from the head only — RabbitMQ's documented behaviour for per-message TTL. */
  expireHead(queue: AmqpQueue): void {
    let head = queue.peek();
    while (head && head.expiresAtMs <= this.k.now) {
      queue.shift();
      this.deadLetter(queue, head, "expired");
      head = queue.peek();
    }
  }

  onExpiryCheck(queue: AmqpQueue, atMs: number): void {
    if (queue.expiryCheckAtMs === atMs) queue.expiryCheckAtMs = Infinity;
    this.dispatch(queue);
  }

  settle(deliveryTag: number, from: string, ack: boolean, requeue: boolean): void {
    const entry = this.unacked.get(deliveryTag);
    if (!entry) return; // unknown tag: a stale ack from before a restart, or a duplicate
    this.unacked.delete(deliveryTag);
    entry.consumer.unacked--;
    const { msg, queue } = entry;
    const k = this.k;
    if (ack) {
      k.emit({ type: "amqp.ack", timeMs: k.now, broker: this.id, queue: queue.name, msgId: msg.msgId, from, deliveryTag });
    } else {
      k.emit({ type: "amqp.nack", timeMs: k.now, broker: this.id, queue: queue.name, msgId: msg.msgId, from, deliveryTag, requeue });
      if (requeue) this.requeue(queue, msg, "nack");
      else this.deadLetter(queue, msg, "rejected");
    }
    this.dispatch(queue);
  }

  private requeue(queue: AmqpQueue, msg: AmqpMsg, reason: "nack" | "consumer-gone"): void {
    msg.redelivered = true;
    queue.unshift(msg);
    this.k.emit({ type: "amqp.requeue", timeMs: this.k.now, broker: this.id, queue: queue.name, msgId: msg.msgId, reason });
  }

  /** A consumer's connection closed: its unacknowledged messages go back to the queue, in order. */
  removeConsumersOf(inst: Instance): void {
    const touched = new Set<AmqpQueue>();
    for (const consumer of [...this.consumers.values()]) {
      if (consumer.inst !== inst) continue;
      consumer.active = false;
      this.consumers.delete(consumer.tag);
      consumer.queue.consumers = consumer.queue.consumers.filter((c) => c !== consumer);
      const mine = [...this.unacked.entries()].filter(([, u]) => u.consumer === consumer).sort((a, b) => b[0] - a[0]);
      for (const [tag, u] of mine) {
        this.unacked.delete(tag);
        this.requeue(u.queue, u.msg, "consumer-gone");
      }
      touched.add(consumer.queue);
    }
    for (const queue of touched) this.dispatch(queue);
  }

  deadLetter(queue: AmqpQueue, msg: AmqpMsg, reason: "expired" | "rejected" | "maxlen"): void {
    const dlx = queue.spec.deadLetterExchange;
    if (dlx === undefined) {
      this.dropped(queue.name, msg, reason);
      return;
    }
    const routingKey = queue.spec.deadLetterRoutingKey ?? msg.routingKey;
    this.k.emit({
      type: "amqp.dead-letter", timeMs: this.k.now, broker: this.id, queue: queue.name, msgId: msg.msgId,
      reason, exchange: dlx, routingKey,
    });
    // RabbitMQ removes the per-message expiration when dead-lettering, so the message cannot expire again at once.
    const next: AmqpMsg = {
      ...msg, exchange: dlx, routingKey, ttlMs: Infinity, redelivered: false,
      deaths: [...msg.deaths, { queue: queue.name, reason }],
    };
    this.route(next, dlx);
  }

  private dropped(queue: string, msg: AmqpMsg, reason: "expired" | "rejected" | "maxlen" | "broker-restart" | "unroutable"): void {
    this.k.emit({ type: "amqp.drop", timeMs: this.k.now, broker: this.id, queue, msgId: msg.msgId, reason });
  }

  /**
   * The broker process stops. On restart only durable queues come back, holding only their persistent
   * messages (unacknowledged ones are redelivered); transient messages are lost even in durable queues.
   */
  goDown(): void {
    if (!this.up) return;
    this.up = false;
    this.epoch++;
    for (const queue of this.queues.values()) {
      const inFlight = [...this.unacked.entries()].filter(([, u]) => u.queue === queue).sort((a, b) => a[0] - b[0]);
      const all = [...inFlight.map(([, u]) => ({ ...u.msg, redelivered: true })), ...queue.ready.slice(queue.head)];
      queue.ready = [];
      queue.head = 0;
      queue.expiryCheckAtMs = Infinity;
      for (const msg of all) {
        if (queue.spec.durable && msg.persistent) queue.ready.push(msg);
        else this.dropped(queue.name, msg, "broker-restart");
      }
    }
    this.unacked.clear();
    for (const consumer of this.consumers.values()) consumer.unacked = 0;
  }

  /** Back up. Client libraries with automatic recovery re-register their consumers. */
  comeUp(): void {
    if (this.up) return;
    this.up = true;
    for (const consumer of [...this.consumers.values()]) {
      if (consumer.inst.epoch !== consumer.epoch || !consumer.inst.reachable()) {
        this.consumers.delete(consumer.tag);
        consumer.queue.consumers = consumer.queue.consumers.filter((c) => c !== consumer);
      }
    }
    for (const queue of this.queues.values()) this.dispatch(queue);
  }
}

function matchBindings(exchange: Exchange, routingKey: string): string[] {
  const out: string[] = [];
  const words = exchange.type === "topic" ? splitKey(routingKey) : undefined;
  for (const b of exchange.bindings) {
    const hit = exchange.type === "fanout" ? true
      : exchange.type === "direct" ? b.key === routingKey
      : topicMatches(b.words, words!);
    if (hit && !out.includes(b.queue)) out.push(b.queue);
  }
  return out;
}
