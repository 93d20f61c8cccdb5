import { describe, expect, it } from "vitest";
import type { HandlerMap, KafkaSubscribeOptions } from "./api";
import type { KafkaConsumeEvent, SimEvent } from "./events";
import { partitionForKey } from "./murmur2";
import { noMessageLost, perKeyOrderPreserved } from "./objectives";
import type { ScenarioInput } from "./scenario";
import { createSim } from "./sim";

const consumes = (events: readonly SimEvent[]) => events.filter((e): e is KafkaConsumeEvent => e.type === "kafka.consume");

function logScenario(over: Partial<ScenarioInput> & { partitions?: number; count?: number; consumers?: number }): ScenarioInput {
  return {
    name: "log", durationMs: 4000,
    services: [{ name: "consumer", instances: over.consumers ?? 3, concurrency: 1, serviceTimeMs: 1 }],
    brokers: [{ kind: "kafka", name: "kafka", topics: [{ name: "orders", partitions: over.partitions ?? 6 }] }],
    network: { default: { latencyMs: 1 } },
    workloads: [{ name: "orders", protocol: "kafka", broker: "kafka", topic: "orders", arrival: { type: "constant", intervalMs: 0.5 }, count: over.count ?? 3000, keys: 40 }],
    ...over,
  };
}

function consumerHandlers(opts: Partial<KafkaSubscribeOptions>, joinLate: Record<string, number> = {}): HandlerMap {
  const subscribe = { group: "billing", topics: ["orders"], sessionTimeoutMs: 200, maxPollRecords: 20, ...opts };
  return {
    consumer: {
      onStart(ctx) {
        const delayMs = joinLate[ctx.instance];
        if (delayMs === undefined) ctx.subscribe("kafka", subscribe);
        else ctx.setTimer(delayMs, "join");
      },
      onTimer(_t, ctx) { ctx.subscribe("kafka", subscribe); },
      onMessage() {},
    },
  };
}

describe("Kafka partitioning", () => {
  it("puts keyed records on murmur2(key) % partitions", () => {
    const sim = createSim({ seed: 1, scenario: logScenario({ count: 200 }), handlers: consumerHandlers({}) });
    const appends = sim.run().filter((e) => e.type === "kafka.append");
    expect(appends).toHaveLength(200);
    for (const e of appends) expect(e.partition).toBe(partitionForKey(e.key, 6));
    const offsets = new Map<number, number[]>();
    for (const e of appends) offsets.set(e.partition, [...(offsets.get(e.partition) ?? []), e.offset]);
    for (const list of offsets.values()) expect(list).toEqual(list.map((_, i) => i));
  });
});

describe("Kafka consumer groups", () => {
  it("preserve per-key order across rebalances (join, crash, rejoin) and lose nothing with auto-commit", () => {
    const scenario = logScenario({
      services: [{ name: "consumer", instances: 3, concurrency: 1, serviceTimeMs: 1, autoRestart: true, restartDelayMs: 300 }],
      faults: [{ atMs: 700, type: "crash", instance: "consumer-1" }],
    });
    const sim = createSim({ seed: 2, scenario, handlers: consumerHandlers({ commit: "auto", autoCommitIntervalMs: 100 }, { "consumer-3": 300 }) });
    const events = sim.run();
    const rebalances = events.filter((e) => e.type === "kafka.rebalance");
    expect(rebalances.length).toBeGreaterThanOrEqual(4); // two initial joins, late join, crash timeout, rejoin
    expect(rebalances.map((e) => e.generation)).toEqual(rebalances.map((_, i) => i + 1));
    expect(events.some((e) => e.type === "kafka.member" && e.change === "session-timeout")).toBe(true);
    const order = perKeyOrderPreserved(events, { topic: "orders" });
    expect(order, order.detail).toMatchObject({ passed: true });
    const lost = noMessageLost(events, { protocol: "kafka" });
    expect(lost, lost.detail).toMatchObject({ passed: true });
    // A partition is never processed by two members at once: per partition, consumption never interleaves members.
    const lastByPartition = new Map<number, { member: string; generation: number }>();
    for (const e of consumes(events)) {
      const last = lastByPartition.get(e.partition);
      if (last && last.member !== e.member) expect(e.generation).toBeGreaterThan(last.generation);
      lastByPartition.set(e.partition, { member: e.member, generation: e.generation });
    }
  });

  it("reports range and round-robin assignments as Kafka computes them", () => {
    for (const [assignor, expected] of [
      ["range", [["consumer-1#1", ["orders-0", "orders-1", "orders-2"]], ["consumer-2#2", ["orders-3", "orders-4"]]]],
      ["roundrobin", [["consumer-1#1", ["orders-0", "orders-2", "orders-4"]], ["consumer-2#2", ["orders-1", "orders-3"]]]],
    ] as const) {
      const sim = createSim({ seed: 3, scenario: logScenario({ partitions: 5, consumers: 2, count: 10 }), handlers: consumerHandlers({ assignor }) });
      const last = sim.run().filter((e) => e.type === "kafka.rebalance").at(-1)!;
      expect(last.assignor).toBe(assignor);
      expect(last.assignment.map((a) => [a.member, a.partitions])).toEqual(expected);
    }
  });
});

describe("Kafka commits and delivery guarantees", () => {
  const crashRun = (commit: "auto" | "on-fetch" | "manual") => {
    const handlers = consumerHandlers({ commit, autoCommitIntervalMs: 1000, maxPollRecords: 100 });
    if (commit === "manual") handlers.consumer!.onMessage = (_m, ctx) => ctx.commit();
    const scenario = logScenario({
      consumers: 2, partitions: 4, count: 2000,
      services: [{ name: "consumer", instances: 2, concurrency: 1, serviceTimeMs: 1 }],
      faults: [{ atMs: 400, type: "crash", instance: "consumer-1" }],
    });
    const events = createSim({ seed: 4, scenario, handlers }).run();
    const seen = new Map<string, number>();
    for (const e of consumes(events)) seen.set(`${e.partition}/${e.offset}`, (seen.get(`${e.partition}/${e.offset}`) ?? 0) + 1);
    const duplicates = [...seen.values()].filter((n) => n > 1).length;
    return { events, duplicates, lost: noMessageLost(events, { protocol: "kafka" }) };
  };

  it("auto-commit after processing is at-least-once: a crash causes redelivery, never loss", () => {
    const { duplicates, lost } = crashRun("auto");
    expect(lost.passed, lost.detail).toBe(true);
    expect(duplicates).toBeGreaterThan(0);
  });

  it("manual commit after each record is at-least-once with at most the in-flight record repeated", () => {
    const { duplicates, lost } = crashRun("manual");
    expect(lost.passed, lost.detail).toBe(true);
    expect(duplicates).toBeLessThanOrEqual(4);
  });

  it("committing on fetch (before processing) is at-most-once: a crash loses the rest of the batch", () => {
    const { duplicates, lost, events } = crashRun("on-fetch");
    expect(lost.passed).toBe(false);
    expect(duplicates).toBe(0);
    expect(events.some((e) => e.type === "kafka.commit" && e.mode === "on-fetch")).toBe(true);
  });
});

describe("Kafka retention and replay", () => {
  it("retention deletes old records and a new group starts from the log start", () => {
    const scenario = logScenario({
      consumers: 1, count: 4000, durationMs: 3000,
      brokers: [{ kind: "kafka", name: "kafka", topics: [{ name: "orders", partitions: 1, retentionMs: 100 }], retentionCheckIntervalMs: 50 }],
    });
    const events = createSim({ seed: 5, scenario, handlers: consumerHandlers({}, { "consumer-1": 1000 }) }).run();
    const retention = events.filter((e) => e.type === "kafka.retention");
    expect(retention.length).toBeGreaterThan(0);
    const first = consumes(events)[0]!;
    const lastBefore = retention.filter((e) => e.timeMs <= first.timeMs).at(-1)!;
    expect(first.offset).toBeGreaterThan(0);
    expect(first.offset).toBeGreaterThanOrEqual(lastBefore.logStartOffset);
    expect(events.some((e) => e.type === "kafka.offset-reset" && e.reason === "no-commit" && e.offset > 0)).toBe(true);
  });

  it("seek replays a partition from an earlier offset", () => {
    let replayed = false;
    const scenario = logScenario({ consumers: 1, partitions: 1, count: 10 });
    const handlers = consumerHandlers({});
    handlers.consumer!.onMessage = (msg, ctx) => {
      if (msg.source === "kafka" && msg.offset === 9 && !replayed) {
        replayed = true;
        ctx.seek("orders", 0, 3);
      }
    };
    const events = createSim({ seed: 6, scenario, handlers }).run();
    const offsets = consumes(events).map((e) => e.offset);
    expect(offsets).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 3, 4, 5, 6, 7, 8, 9]);
    expect(events.some((e) => e.type === "kafka.offset-reset" && e.reason === "seek" && e.offset === 3)).toBe(true);
  });
});
