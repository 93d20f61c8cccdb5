import type { InboundMessage, KafkaRecordInit, KafkaSubscribeOptions } from "./api";
import type { Instance } from "./instance";
import { type Group, KafkaBroker, type Member, perTopic } from "./kafka-broker";
import type { KafkaRecord } from "./kafka-log";
import { partitionForKey } from "./murmur2";
import type { NetMessage } from "./network";
import type { KafkaBrokerSpec } from "./scenario-brokers";
import { measureBytes, utf8Length } from "./sizes";
import { type WorkHandler, type WorkItem, newWorkItem } from "./work";
import { HANDLER_THREW, type World } from "./world";

interface Batch { member: Member; records: KafkaRecord[]; index: number }
interface RecordWork { batch: Batch; record: KafkaRecord }
export interface KafkaInbound { kind: "kafka"; item: WorkItem; record: KafkaRecord; member: Member; done: boolean }
interface ProduceMsg {
  broker: KafkaBroker; topic: string; partition: number; key: string | null; value: unknown; sizeBytes: number;
  msgId: number; traceId: string; spanId: string; cb: ((res: { partition: number; offset: number }) => void) | undefined;
  inst: Instance; epoch: number;
}

/** Wires Kafka-style brokers to the network and to consumer instances (the client-side poll loop). */
export class KafkaModule implements WorkHandler {
  readonly brokers = new Map<string, KafkaBroker>();
  private readonly members = new Map<Instance, Member[]>();
  private readonly producerCursor = new Map<Instance, number>();
  private readonly h: Record<"produce" | "ack" | "join" | "records" | "poll" | "commit", number>;
  private readonly fetchKind: number;
  private readonly sessionKind: number;
  private readonly rebalanceKind: number;
  private readonly retentionKind: number;
  private memberSeq = 0;

  constructor(private readonly world: World) {
    const net = world.net, k = world.k;
    this.h = {
      produce: net.registerHandler((m) => this.onProduce(m)),
      ack: net.registerHandler((m) => this.onAck(m)),
      join: net.registerHandler((m) => (m.payload as Member).alive && (m.to as KafkaBroker).join(m.payload as Member)),
      records: net.registerHandler((m) => this.onRecords(m)),
      poll: net.registerHandler((m) => this.onPoll(m)),
      commit: net.registerHandler((m) => this.onCommit(m)),
    };
    this.fetchKind = k.register((_n: number, p: { broker: KafkaBroker; member: Member }) => p.broker.fetch(p.member));
    this.sessionKind = k.register((_n: number, p: { broker: KafkaBroker; member: Member }) => p.broker.removeMember(p.member, "session-timeout"));
    this.rebalanceKind = k.register((seq: number, p: { broker: KafkaBroker; group: Group }) => p.broker.onRebalanceTimeout(p.group, seq));
    this.retentionKind = k.register((_n: number, broker: KafkaBroker) => {
      if (broker.up) broker.retentionTick();
      k.after(broker.spec.retentionCheckIntervalMs, this.retentionKind, 0, broker);
    });
    world.instanceDownHooks.push((inst) => this.onInstanceDown(inst));
  }

  addBroker(spec: KafkaBrokerSpec): KafkaBroker {
    const k = this.world.k;
    const broker = new KafkaBroker(spec, k, {
      sendBatch: (b, member, records) => {
        let bytes = 0;
        for (const r of records) bytes += r.sizeBytes;
        this.world.net.send(b, member.inst, "kafka", "kafka.records", bytes, records.length, "", this.h.records,
          { member, records, index: 0 } satisfies Batch);
      },
      fetchLater: (b, member) => k.at(k.now, this.fetchKind, 0, { broker: b, member }),
      rebalanceTimeout: (b, group, seq, atMs) => k.at(atMs, this.rebalanceKind, seq, { broker: b, group }),
    });
    this.brokers.set(spec.name, broker);
    if (spec.topics.some((t) => t.retentionMs !== undefined || t.retentionMessages !== undefined)) {
      k.after(spec.retentionCheckIntervalMs, this.retentionKind, 0, broker);
    }
    return broker;
  }

  private broker(name: string): KafkaBroker {
    const broker = this.brokers.get(name);
    if (!broker) throw new Error(`unknown Kafka broker "${name}"`);
    return broker;
  }

  produce(inst: Instance, item: WorkItem | undefined, brokerName: string, topicName: string, record: KafkaRecordInit,
    cb: ((res: { partition: number; offset: number }) => void) | undefined): void {
    const broker = this.broker(brokerName);
    const topic = broker.topics.get(topicName);
    if (!topic) throw new Error(`produce: unknown topic "${topicName}" on ${brokerName}`);
    const n = topic.partitions.length;
    const key = record.key ?? null;
    let partition = record.partition ?? -1;
    if (partition < 0) {
      // Keyed: murmur2 like Kafka. Unkeyed: round-robin per producer (Kafka's sticky partitioner batches instead).
      if (key !== null) partition = partitionForKey(key, n);
      else {
        const c = this.producerCursor.get(inst) ?? 0;
        this.producerCursor.set(inst, c + 1);
        partition = c % n;
      }
    }
    if (partition >= n) throw new Error(`produce: ${topicName} has no partition ${partition}`);
    const sizeBytes = (record.bodyBytes ?? measureBytes(record.value)) + (key === null ? 0 : utf8Length(key));
    const msg: ProduceMsg = {
      broker, topic: topicName, partition, key, value: record.value, sizeBytes, msgId: this.world.nextBrokerMsgId++,
      traceId: item?.traceId || this.world.tracer.newTraceId(), spanId: item?.spanId ?? "", cb, inst, epoch: inst.epoch,
    };
    this.world.effect(inst, item, () =>
      this.world.net.send(inst, broker, "kafka", "kafka.produce", sizeBytes, msg.msgId, msg.traceId, this.h.produce, msg));
  }

  private onProduce(m: NetMessage): void {
    const p = m.payload as ProduceMsg;
    if (m.duplicate) return;
    const record = p.broker.append(p.inst.id, p.topic, p.partition, {
      key: p.key, value: p.value, sizeBytes: p.sizeBytes, timestampMs: this.world.k.now, msgId: p.msgId,
      traceId: p.traceId, spanId: p.spanId,
    });
    if (p.cb) this.world.net.send(p.broker, p.inst, "kafka", "kafka.ack", 32, p.msgId, p.traceId, this.h.ack, { p, offset: record.offset });
  }

  private onAck(m: NetMessage): void {
    const { p, offset } = m.payload as { p: ProduceMsg; offset: number };
    const cb = p.cb;
    if (cb && !m.duplicate) this.world.callback(p.inst, p.epoch, () => cb({ partition: p.partition, offset }));
  }

  subscribe(inst: Instance, item: WorkItem | undefined, brokerName: string, opts: KafkaSubscribeOptions): string {
    const broker = this.broker(brokerName);
    for (const t of opts.topics) if (!broker.topics.has(t)) throw new Error(`subscribe: unknown topic "${t}" on ${brokerName}`);
    const member: Member = {
      id: `${inst.id}#${++this.memberSeq}`, inst, epoch: inst.epoch, broker, group: broker.groupFor(opts.group),
      opts: {
        group: opts.group, topics: [...opts.topics], assignor: opts.assignor ?? "range", commit: opts.commit ?? "auto",
        autoCommitIntervalMs: opts.autoCommitIntervalMs ?? 5000, maxPollRecords: opts.maxPollRecords ?? 500,
        sessionTimeoutMs: opts.sessionTimeoutMs ?? 10_000, autoOffsetReset: opts.autoOffsetReset ?? "earliest",
        awaitDone: opts.awaitDone ?? false,
      },
      assigned: [], positions: new Map(), processed: new Map(), inBatch: false, alive: true, inGroup: false,
      generation: 0, lastCommitMs: this.world.k.now, cursor: 0,
      wake: () => this.world.k.at(this.world.k.now, this.fetchKind, 0, { broker, member }),
    };
    const list = this.members.get(inst) ?? [];
    list.push(member);
    this.members.set(inst, list);
    this.world.effect(inst, item, () => this.world.net.send(inst, broker, "kafka", "kafka.join", 64, -1, "", this.h.join, member));
    return member.id;
  }

  private onRecords(m: NetMessage): void {
    if (m.duplicate) return;
    this.next(m.payload as Batch);
  }

  /** Records of a batch are processed one after another, as in a consumer's poll loop. */
  private next(batch: Batch): void {
    const member = batch.member;
    if (!member.alive) return;
    if (batch.index >= batch.records.length) {
      const due = member.opts.commit === "auto" && this.world.k.now - member.lastCommitMs >= member.opts.autoCommitIntervalMs;
      if (due) member.lastCommitMs = this.world.k.now;
      this.world.net.send(member.inst, member.broker, "kafka", "kafka.poll", 64, -1, "", this.h.poll, { member, due });
      return;
    }
    const record = batch.records[batch.index]!;
    const world = this.world;
    // With awaitDone the record stays in progress until the handler says so (recordDone), not until its service time ends.
    const item = newWorkItem(world.nextWorkId++, record.msgId, "kafka", `${record.topic}-${record.partition}`, member.inst, this,
      { batch, record } satisfies RecordWork, world.k.now, false, !member.opts.awaitDone, record.traceId, world.tracer.newSpanId(), record.spanId);
    member.inst.accept(item);
  }

  start(item: WorkItem): void {
    const { batch, record } = item.data as RecordWork;
    const member = batch.member;
    const k = this.world.k;
    k.emit({
      type: "kafka.consume", timeMs: k.now, broker: member.broker.id, group: member.group.name, member: member.id,
      instance: member.inst.id, topic: record.topic, partition: record.partition, offset: record.offset, key: record.key ?? "",
      msgId: record.msgId, generation: member.generation,
    });
    const inbound: KafkaInbound = { kind: "kafka", item, record, member, done: false };
    const onMessage = item.inst.service.handlers.onMessage;
    if (!onMessage) {
      if (member.opts.awaitDone) this.recordDone(inbound);
      return;
    }
    const view: InboundMessage = {
      source: "kafka", broker: member.broker.id, topic: record.topic, partition: record.partition,
      offset: record.offset, key: record.key, value: record.value, timestampMs: record.timestampMs,
      group: member.group.name, msgId: record.msgId,
    };
    const result = this.world.invoke(item.inst, item, (ctx) => onMessage(view, ctx), inbound);
    // A handler that threw will never call done(): move on rather than stall the partition forever.
    if (result === HANDLER_THREW && member.opts.awaitDone && !inbound.done) this.recordDone(inbound);
  }

  /** awaitDone: the handler finished this record; it ends at its service time at the earliest. */
  recordDone(inbound: KafkaInbound): void {
    if (!inbound.member.opts.awaitDone) throw new Error("ctx.done() needs a consumer subscribed with awaitDone: true");
    if (inbound.done) throw new Error("ctx.done(): this record is already done");
    inbound.done = true;
    const { item } = inbound;
    this.world.effect(item.inst, item, () => item.inst.finish(item, 0));
  }

  finished(item: WorkItem): void {
    const { batch, record } = item.data as RecordWork;
    perTopic(batch.member.processed, record.topic)[record.partition] = record.offset + 1;
    batch.index++;
    this.next(batch);
  }

  reject(): void {
    // Records are already in the consumer's memory; nothing to refuse.
  }

  private onPoll(m: NetMessage): void {
    const { member, due } = m.payload as { member: Member; due: boolean };
    if (!m.duplicate) (m.to as KafkaBroker).pollDone(member, due);
  }

  commitRecord(inst: Instance, item: WorkItem | undefined, inbound: KafkaInbound, offset = inbound.record.offset + 1): void {
    const { member, record } = inbound;
    const broker = member.broker;
    this.world.effect(inst, item, () => this.world.net.send(inst, broker, "kafka", "kafka.commit", 64, -1, record.traceId,
      this.h.commit, { member, topic: record.topic, partition: record.partition, offset }));
  }

  private onCommit(m: NetMessage): void {
    const c = m.payload as { member: Member; topic: string; partition: number; offset: number };
    (m.to as KafkaBroker).commit(c.member, c.topic, c.partition, c.offset, "manual");
  }

  /** Rewinds (or skips) this instance's consumer on one partition: replay from an offset. */
  seek(inst: Instance, topic: string, partition: number, offset: number): void {
    const member = (this.members.get(inst) ?? []).find((m) => m.alive && m.assigned.some((tp) => tp.topic === topic && tp.partition === partition));
    if (!member) throw new Error(`seek: ${inst.id} is not assigned ${topic}-${partition}`);
    perTopic(member.positions, topic)[partition] = offset;
    member.broker.offsetReset(member, topic, partition, offset, "seek");
  }

  /** The consumer process died: the coordinator notices only when its session times out. */
  private onInstanceDown(inst: Instance): void {
    const k = this.world.k;
    for (const member of this.members.get(inst) ?? []) {
      member.alive = false;
      k.after(member.opts.sessionTimeoutMs, this.sessionKind, 0, { broker: member.broker, member });
    }
    this.members.delete(inst);
  }

  brokerDown(broker: KafkaBroker): void {
    broker.up = false;
    broker.epoch++;
  }

  /** After an outage, members that are not mid-batch poll again (their last poll was lost). */
  brokerUp(broker: KafkaBroker): void {
    broker.up = true;
    for (const group of broker.groups.values()) {
      for (const member of group.members.values()) {
        if (!member.alive) continue;
        member.inBatch = false;
        this.world.k.at(this.world.k.now, this.fetchKind, 0, { broker, member });
      }
    }
  }
}
