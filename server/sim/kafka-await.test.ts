import { describe, expect, it } from "vitest";
import type { HandlerMap, KafkaSubscribeOptions, SimContext } from "./api";
import type { KafkaConsumeEvent, SimEvent, WorkEndEvent } from "./events";
import type { ScenarioInput } from "./scenario";
import { createSim } from "./sim";

/**
 * subscribe({ awaitDone: true }): a record is in progress until the handler calls ctx.done(), as kafkajs
 * awaits eachMessage — so asynchronous work is processed one record at a time, auto-commits cover only
 * finished records, and a crash in the middle of one means it is delivered again.
 */
const scenario = (over: Partial<ScenarioInput> = {}): ScenarioInput => ({
  name: "await-done", durationMs: 3000,
  services: [{ name: "consumer", instances: 2, concurrency: 4, serviceTimeMs: 1 }],
  brokers: [{ kind: "kafka", name: "kafka", topics: [{ name: "orders", partitions: 2 }] }],
  network: { default: { latencyMs: 1 } },
  workloads: [{ name: "orders", protocol: "kafka", broker: "kafka", topic: "orders", arrival: { type: "constant", intervalMs: 5 }, count: 200, keys: 10 }],
  ...over,
});

/** Each record takes `workMs` of asynchronous work (a timer) before the handler says it is done. */
function slowHandlers(workMs: number, opts: Partial<KafkaSubscribeOptions>, onRecord?: (ctx: SimContext) => void): HandlerMap {
  const inProgress = new Map<number, SimContext>();
  return {
    consumer: {
      onStart(ctx) { ctx.subscribe("kafka", { group: "g", topics: ["orders"], awaitDone: true, maxPollRecords: 10, sessionTimeoutMs: 300, ...opts }); },
      onMessage(msg, ctx) {
        onRecord?.(ctx);
        if (msg.source !== "kafka") return;
        inProgress.set(ctx.setTimer(workMs, "work"), ctx);
      },
      onTimer(t) {
        const ctx = inProgress.get(t.timerId);
        inProgress.delete(t.timerId);
        ctx?.done();
      },
    },
  };
}

const consumes = (events: readonly SimEvent[]) => events.filter((e): e is KafkaConsumeEvent => e.type === "kafka.consume");
const ends = (events: readonly SimEvent[]) => events.filter((e): e is WorkEndEvent => e.type === "work.end" && e.kind === "kafka");

describe("Kafka awaitDone", () => {
  it("handles one record at a time per member and ends each one when the handler is done", () => {
    const events = createSim({ seed: 1, scenario: scenario(), handlers: slowHandlers(4, { commit: "auto", autoCommitIntervalMs: 0 }) }).run();
    const done = ends(events);
    expect(done.length).toBe(200);
    for (const e of done) expect(e.totalMs).toBeGreaterThanOrEqual(4);
    // Per instance, the next record starts only after the previous one ended.
    for (const instance of ["consumer-1", "consumer-2"]) {
      const work = events.filter((e) => (e.type === "work.start" || e.type === "work.end") && e.kind === "kafka" && "instance" in e && e.instance === instance);
      for (let i = 0; i + 1 < work.length; i += 2) {
        expect(work[i]!.type).toBe("work.start");
        expect(work[i + 1]!.type).toBe("work.end");
      }
    }
  });

  it("auto-commit waits for done: a crash mid-record redelivers it, and nothing is lost", () => {
    const over = {
      services: [{ name: "consumer", instances: 2, concurrency: 4, serviceTimeMs: 1 }],
      faults: [{ atMs: 500, type: "crash" as const, instance: "consumer-1" }],
    };
    const events = createSim({ seed: 2, scenario: scenario(over), handlers: slowHandlers(12, { commit: "auto", autoCommitIntervalMs: 0 }) }).run();
    const lostAt = events.find((e) => e.type === "work.lost" && e.kind === "kafka");
    expect(lostAt).toBeDefined();
    const finished = new Set(ends(events).map((e) => e.ref));
    const appended = events.filter((e) => e.type === "kafka.append").map((e) => e.type === "kafka.append" ? e.msgId : -1);
    expect(appended.filter((id) => !finished.has(id))).toEqual([]);
    const lostRef = lostAt!.type === "work.lost" ? lostAt!.ref : -1;
    expect(consumes(events).filter((e) => e.msgId === lostRef).length).toBeGreaterThanOrEqual(2);
  });

  it("commits an explicit offset for the current record's partition", () => {
    const handlers = slowHandlers(1, { commit: "manual" }, (ctx) => ctx.commit(0));
    const events = createSim({ seed: 3, scenario: scenario({ services: [{ name: "consumer", instances: 1, serviceTimeMs: 1 }] }), handlers }).run();
    const commits = events.filter((e) => e.type === "kafka.commit");
    expect(commits.length).toBeGreaterThan(0);
    for (const c of commits) if (c.type === "kafka.commit") expect(c.offset).toBe(0);
  });

  it("rejects done() without awaitDone and a second done()", () => {
    let first = "", second = "";
    const handlers: HandlerMap = {
      consumer: {
        onStart(ctx) { ctx.subscribe("kafka", { group: "g", topics: ["orders"], awaitDone: ctx.instance === "consumer-1" }); },
        onMessage(_m, ctx) {
          try {
            ctx.done();
            ctx.done();
          } catch (error) {
            if (ctx.instance === "consumer-1") second ||= (error as Error).message;
            else first ||= (error as Error).message;
          }
        },
      },
    };
    const events = createSim({ seed: 4, scenario: scenario({ durationMs: 500 }), handlers }).run();
    expect(events.length).toBeGreaterThan(0);
    expect(first).toMatch(/awaitDone/);
    expect(second).toMatch(/already done/);
  });
});
