/**
 * Kafka's classic partition assignors, as documented for RangeAssignor and RoundRobinAssignor
 * (org.apache.kafka.clients.consumer). Members are sorted by member id, partitions by number.
 */
export interface MemberSubscription { memberId: string; topics: string[] }
export type Assignment = Map<string, { topic: string; partition: number }[]>;

/**
 * Range: per topic, partitions are split into contiguous ranges; the first (partitions % members)
 * members get one extra. With several topics the same members get the extras every time.
 */
export function rangeAssign(members: MemberSubscription[], partitionsPerTopic: Map<string, number>): Assignment {
  const out: Assignment = new Map(members.map((m) => [m.memberId, []]));
  const topics = [...new Set(members.flatMap((m) => m.topics))].sort();
  for (const topic of topics) {
    const count = partitionsPerTopic.get(topic) ?? 0;
    const subscribers = members.filter((m) => m.topics.includes(topic)).map((m) => m.memberId).sort();
    if (subscribers.length === 0) continue;
    const perMember = Math.floor(count / subscribers.length);
    const extra = count % subscribers.length;
    subscribers.forEach((memberId, i) => {
      const start = perMember * i + Math.min(i, extra);
      const length = perMember + (i < extra ? 1 : 0);
      for (let p = start; p < start + length; p++) out.get(memberId)!.push({ topic, partition: p });
    });
  }
  return out;
}

/**
 * Round-robin: all topic-partitions in order, dealt to members in a circle, skipping members not
 * subscribed to the partition's topic.
 */
export function roundRobinAssign(members: MemberSubscription[], partitionsPerTopic: Map<string, number>): Assignment {
  const out: Assignment = new Map(members.map((m) => [m.memberId, []]));
  const sorted = [...members].sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
  const topics = [...new Set(members.flatMap((m) => m.topics))].sort();
  let cursor = 0;
  for (const topic of topics) {
    const count = partitionsPerTopic.get(topic) ?? 0;
    for (let p = 0; p < count; p++) {
      for (let tries = 0; tries < sorted.length; tries++) {
        const member = sorted[cursor % sorted.length]!;
        cursor++;
        if (member.topics.includes(topic)) {
          out.get(member.memberId)!.push({ topic, partition: p });
          break;
        }
      }
    }
  }
  return out;
}
