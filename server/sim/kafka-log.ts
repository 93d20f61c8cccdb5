import type { Kernel } from "./kernel";
import type { KafkaTopicSpec } from "./scenario-brokers";

export interface KafkaRecord {
  topic: string; partition: number; offset: number; key: string | null; value: unknown; sizeBytes: number;
  timestampMs: number; msgId: number; traceId: string; spanId: string;
}

/** An append-only partition. Offsets are dense; retention advances logStartOffset. */
export class Partition {
  private records: KafkaRecord[] = [];
  private head = 0;
  logStartOffset = 0;
  nextOffset = 0;

  constructor(readonly topic: string, readonly index: number) {}

  append(record: Omit<KafkaRecord, "offset" | "partition" | "topic">): KafkaRecord {
    const full: KafkaRecord = { topic: this.topic, partition: this.index, offset: this.nextOffset++, ...record };
    this.records.push(full);
    return full;
  }

  /** Up to `max` records from `offset` (which must be ≥ logStartOffset). */
  read(offset: number, max: number, out: KafkaRecord[]): void {
    const end = Math.min(this.nextOffset, offset + max);
    for (let o = offset; o < end; o++) out.push(this.records[this.head + o - this.logStartOffset]!);
  }

  /** Deletes from the head while `expired` says so; returns how many went. */
  deleteWhile(expired: (record: KafkaRecord, retainedCount: number) => boolean): number {
    let deleted = 0;
    while (this.head < this.records.length && expired(this.records[this.head]!, this.records.length - this.head)) {
      this.records[this.head++] = undefined as unknown as KafkaRecord;
      this.logStartOffset++;
      deleted++;
    }
    if (this.head > 4096 && this.head * 2 > this.records.length) {
      this.records = this.records.slice(this.head);
      this.head = 0;
    }
    return deleted;
  }
}

export class Topic {
  readonly partitions: Partition[];
  /** Consumers whose last fetch found nothing: woken by the next append (long polling). */
  readonly waiters = new Set<{ wake(): void }>();
  constructor(readonly spec: KafkaTopicSpec) {
    this.partitions = Array.from({ length: spec.partitions }, (_, i) => new Partition(spec.name, i));
  }
  get name(): string { return this.spec.name; }
}

/** Time- and size-based retention, as Kafka's log cleaner applies with cleanup.policy=delete. */
export function applyRetention(k: Kernel, broker: string, topic: Topic): void {
  const { retentionMs, retentionMessages } = topic.spec;
  for (const partition of topic.partitions) {
    const deleted = partition.deleteWhile((record, retained) =>
      (retentionMs !== undefined && record.timestampMs < k.now - retentionMs) ||
      (retentionMessages !== undefined && retained > retentionMessages));
    if (deleted > 0) {
      k.emit({
        type: "kafka.retention", timeMs: k.now, broker, topic: topic.name, partition: partition.index,
        logStartOffset: partition.logStartOffset, deleted,
      });
    }
  }
}
