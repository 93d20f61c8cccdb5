import type { KafkaSubscribeOptions } from "./api";
import type { Instance } from "./instance";
import { rangeAssign, roundRobinAssign } from "./kafka-assignors";
import { type KafkaRecord, Topic, applyRetention } from "./kafka-log";
import type { Kernel } from "./kernel";
import type { Link, NetNode } from "./network";
import type { KafkaBrokerSpec } from "./scenario-brokers";

export type SubscribeOptions = Required<KafkaSubscribeOptions>;
type CommitMode = "auto" | "manual" | "on-fetch";

export interface Member {
  id: string; inst: Instance; epoch: number; broker: KafkaBroker; group: Group; opts: SubscribeOptions;
  assigned: { topic: string; partition: number }[];
  /** Next offset to fetch (consumer-side position) and next offset after the last processed record. */
  positions: Map<string, number[]>; processed: Map<string, number[]>;
  inBatch: boolean; alive: boolean; inGroup: boolean; generation: number; lastCommitMs: number; cursor: number;
  wake(): void;
}

export class Group {
  readonly members = new Map<string, Member>();
  generation = 0;
  rebalancing = false;
  rebalanceSeq = 0;
  readonly pending = new Set<Member>();
  readonly committed = new Map<string, number[]>();
  constructor(readonly name: string) {}
}

export interface KafkaBrokerIo {
  sendBatch(broker: KafkaBroker, member: Member, records: KafkaRecord[]): void;
  fetchLater(broker: KafkaBroker, member: Member): void;
  rebalanceTimeout(broker: KafkaBroker, group: Group, seq: number, atMs: number): void;
}

/**
 * A Kafka-style broker: topics of partitions, and group coordination with eager ("stop the world")
 * rebalancing — a rebalance waits for every member to finish its current batch (or be timed out), so a
 * partition is never processed by two members at once and per-key order survives membership changes.
 */
export class KafkaBroker implements NetNode {
  readonly id: string;
  readonly group: string;
  readonly links = new Map<string, Link>();
  epoch = 1;
  up = true;
  readonly topics = new Map<string, Topic>();
  readonly groups = new Map<string, Group>();

  constructor(readonly spec: KafkaBrokerSpec, private readonly k: Kernel, private readonly io: KafkaBrokerIo) {
    this.id = spec.name;
    this.group = spec.name;
    for (const t of spec.topics) this.topics.set(t.name, new Topic(t));
  }

  reachable(): boolean { return this.up; }

  append(from: string, topicName: string, partition: number, r: Omit<KafkaRecord, "offset" | "partition" | "topic">): KafkaRecord {
    const topic = this.topics.get(topicName)!;
    const record = topic.partitions[partition]!.append(r);
    this.k.emit({
      type: "kafka.append", timeMs: this.k.now, broker: this.id, from, topic: topicName, partition, offset: record.offset,
      key: record.key ?? "", msgId: record.msgId, sizeBytes: record.sizeBytes, traceId: record.traceId,
    });
    if (topic.waiters.size > 0) {
      const waiting = [...topic.waiters];
      topic.waiters.clear();
      for (const w of waiting) w.wake();
    }
    return record;
  }

  retentionTick(): void {
    for (const topic of this.topics.values()) {
      if (topic.spec.retentionMs !== undefined || topic.spec.retentionMessages !== undefined) applyRetention(this.k, this.id, topic);
    }
  }

  groupFor(name: string): Group {
    let group = this.groups.get(name);
    if (!group) {
      group = new Group(name);
      this.groups.set(name, group);
    }
    return group;
  }

  join(member: Member): void {
    const group = member.group;
    member.inGroup = true;
    group.members.set(member.id, member);
    this.memberEvent(member, "join");
    this.triggerRebalance(group);
  }

  /** A member left (or its session expired): its partitions go to the others. */
  removeMember(member: Member, change: "leave" | "session-timeout"): void {
    if (!member.inGroup) return;
    member.inGroup = false;
    const group = member.group;
    group.members.delete(member.id);
    group.pending.delete(member);
    this.memberEvent(member, change);
    this.triggerRebalance(group);
  }

  private memberEvent(member: Member, change: "join" | "leave" | "session-timeout"): void {
    this.k.emit({
      type: "kafka.member", timeMs: this.k.now, broker: this.id, group: member.group.name, member: member.id,
      instance: member.inst.id, change,
    });
  }

  triggerRebalance(group: Group): void {
    group.rebalancing = true;
    group.pending.clear();
    for (const m of group.members.values()) if (m.inBatch) group.pending.add(m);
    const seq = ++group.rebalanceSeq;
    if (group.pending.size === 0) this.completeRebalance(group);
    else {
      const timeoutMs = Math.max(...[...group.pending].map((m) => m.opts.sessionTimeoutMs));
      this.io.rebalanceTimeout(this, group, seq, this.k.now + timeoutMs);
    }
  }

  /** Members still busy when the rebalance timeout fires are evicted, as Kafka does. */
  onRebalanceTimeout(group: Group, seq: number): void {
    if (!group.rebalancing || group.rebalanceSeq !== seq) return;
    for (const m of [...group.pending]) {
      m.inGroup = false;
      group.members.delete(m.id);
      this.memberEvent(m, "session-timeout");
    }
    group.pending.clear();
    this.completeRebalance(group);
  }

  private completeRebalance(group: Group): void {
    const members = [...group.members.values()];
    const partitionsPerTopic = new Map([...this.topics].map(([name, t]) => [name, t.partitions.length]));
    const subscriptions = members.map((m) => ({ memberId: m.id, topics: m.opts.topics }));
    const assignor = members[0]?.opts.assignor ?? "range";
    const assignment = (assignor === "roundrobin" ? roundRobinAssign : rangeAssign)(subscriptions, partitionsPerTopic);
    group.generation++;
    group.rebalancing = false;
    this.k.emit({
      type: "kafka.rebalance", timeMs: this.k.now, broker: this.id, group: group.name, generation: group.generation, assignor,
      assignment: members.map((m) => ({ member: m.id, partitions: (assignment.get(m.id) ?? []).map((tp) => `${tp.topic}-${tp.partition}`) })),
    });
    for (const m of members) {
      m.assigned = assignment.get(m.id) ?? [];
      m.generation = group.generation;
      m.positions.clear();
      m.processed.clear();
      m.cursor = 0;
      for (const tp of m.assigned) this.initPosition(m, tp.topic, tp.partition);
      this.io.fetchLater(this, m);
    }
  }

  private initPosition(m: Member, topic: string, partition: number): void {
    const committed = perTopic(m.group.committed, topic)[partition];
    let offset = committed ?? -1;
    if (offset < 0) {
      const p = this.topics.get(topic)!.partitions[partition]!;
      offset = m.opts.autoOffsetReset === "latest" ? p.nextOffset : p.logStartOffset;
      this.offsetReset(m, topic, partition, offset, "no-commit");
    }
    perTopic(m.positions, topic)[partition] = offset;
    perTopic(m.processed, topic)[partition] = offset;
  }

  offsetReset(m: Member, topic: string, partition: number, offset: number, reason: "no-commit" | "out-of-range" | "seek"): void {
    this.k.emit({
      type: "kafka.offset-reset", timeMs: this.k.now, broker: this.id, group: m.group.name, member: m.id, topic, partition, offset, reason,
    });
  }

  /** One poll: up to maxPollRecords from the member's partitions, or park it until data arrives. */
  fetch(m: Member): void {
    if (!this.up || !m.alive || !m.inGroup || m.group.rebalancing || m.inBatch) return;
    const records: KafkaRecord[] = [];
    const n = m.assigned.length;
    for (let i = 0; i < n && records.length < m.opts.maxPollRecords; i++) {
      const tp = m.assigned[(m.cursor + i) % n]!;
      const p = this.topics.get(tp.topic)!.partitions[tp.partition]!;
      const positions = perTopic(m.positions, tp.topic);
      let pos = positions[tp.partition]!;
      if (pos < p.logStartOffset) {
        pos = p.logStartOffset; // auto.offset.reset=earliest after retention deleted what we had not read
        this.offsetReset(m, tp.topic, tp.partition, pos, "out-of-range");
      }
      const before = records.length;
      p.read(pos, m.opts.maxPollRecords - records.length, records);
      positions[tp.partition] = pos + (records.length - before);
    }
    m.cursor = n > 0 ? (m.cursor + 1) % n : 0;
    if (records.length === 0) {
      for (const topic of m.opts.topics) this.topics.get(topic)?.waiters.add(m);
      return;
    }
    if (m.opts.commit === "on-fetch") this.commitAll(m, m.positions, "on-fetch");
    m.inBatch = true;
    this.io.sendBatch(this, m, records);
  }

  /** The member finished its batch and polls again, carrying auto-commits if any are due. */
  pollDone(m: Member, autoCommit: boolean): void {
    m.inBatch = false;
    if (!m.inGroup) return;
    const group = m.group;
    if (autoCommit || (group.rebalancing && m.opts.commit === "auto")) this.commitAll(m, m.processed, "auto");
    if (group.rebalancing) {
      group.pending.delete(m);
      if (group.pending.size === 0) this.completeRebalance(group);
      return;
    }
    this.fetch(m);
  }

  commit(m: Member, topic: string, partition: number, offset: number, mode: CommitMode): void {
    // A commit from an old generation is refused (CommitFailedException in the Java client).
    if (!m.inGroup || m.generation !== m.group.generation) return;
    const committed = perTopic(m.group.committed, topic);
    if (committed[partition] === offset) return;
    committed[partition] = offset;
    this.k.emit({
      type: "kafka.commit", timeMs: this.k.now, broker: this.id, group: m.group.name, member: m.id, topic, partition, offset, mode,
    });
  }

  private commitAll(m: Member, offsets: Map<string, number[]>, mode: CommitMode): void {
    for (const tp of m.assigned) {
      const offset = perTopic(offsets, tp.topic)[tp.partition];
      if (offset !== undefined) this.commit(m, tp.topic, tp.partition, offset, mode);
    }
  }
}

/** Per-topic array of per-partition numbers, created on first use. */
export function perTopic(map: Map<string, number[]>, topic: string): number[] {
  let arr = map.get(topic);
  if (!arr) {
    arr = [];
    map.set(topic, arr);
  }
  return arr;
}
