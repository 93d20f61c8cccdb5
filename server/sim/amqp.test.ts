import { describe, expect, it } from "vitest";
import type { HandlerMap, InboundMessage } from "./api";
import { noMessageLost } from "./objectives";
import type { ScenarioInput } from "./scenario";
import { createSim } from "./sim";

const rabbit = (extra: Partial<Extract<NonNullable<ScenarioInput["brokers"]>[number], { kind: "amqp" }>> = {}) => ({
  kind: "amqp" as const, name: "rabbit", exchanges: [], queues: [], bindings: [], ...extra,
});

describe("AMQP routing", () => {
  it("routes through topic, direct and fanout exchanges and the default exchange", () => {
    const keys = ["orders.created.eu", "orders.created.us", "orders.cancelled.eu", "orders", "payments.failed"];
    const sim = createSim({
      seed: 1,
      scenario: {
        name: "routing", durationMs: 100,
        services: [{ name: "pub" }],
        brokers: [rabbit({
          exchanges: [{ name: "events", type: "topic" }, { name: "direct", type: "direct" }, { name: "all", type: "fanout" }],
          queues: [{ name: "eu" }, { name: "orders-all" }, { name: "created" }, { name: "failed" }, { name: "audit" }, { name: "audit2" }],
          bindings: [
            { exchange: "events", queue: "eu", bindingKey: "orders.*.eu" },
            { exchange: "events", queue: "orders-all", bindingKey: "orders.#" },
            { exchange: "events", queue: "created", bindingKey: "*.created.*" },
            { exchange: "direct", queue: "failed", bindingKey: "payments.failed" },
            { exchange: "all", queue: "audit" }, { exchange: "all", queue: "audit2" },
          ],
        })],
      },
      handlers: {
        pub: {
          onStart(ctx) {
            for (const key of keys) ctx.publish("rabbit", "events", key, { key });
            ctx.publish("rabbit", "direct", "payments.failed", "x");
            ctx.publish("rabbit", "direct", "payments.ok", "x");
            ctx.publish("rabbit", "all", "ignored", "x");
            ctx.publish("rabbit", "", "eu", "via default exchange");
          },
        },
      },
    });
    const routes = sim.run().filter((e) => e.type === "amqp.route").map((e) => `${e.exchange}:${e.routingKey}→${e.queues.join(",")}`);
    expect(routes).toEqual([
      "events:orders.created.eu→eu,orders-all,created",
      "events:orders.created.us→orders-all,created",
      "events:orders.cancelled.eu→eu,orders-all",
      "events:orders→orders-all",
      "events:payments.failed→",
      "direct:payments.failed→failed",
      "direct:payments.ok→",
      "all:ignored→audit,audit2",
      ":eu→eu",
    ]);
    expect(sim.events.filter((e) => e.type === "amqp.drop" && e.reason === "unroutable")).toHaveLength(2);
  });
});

function workQueue(opts: { autoAck: boolean; prefetch: number; crashAtMs?: number; seed?: number }) {
  const handlers: HandlerMap = {
    worker: {
      onStart(ctx) { ctx.consume("rabbit", "jobs", { prefetch: opts.prefetch, autoAck: opts.autoAck }); },
      onMessage(_msg, ctx) { if (!opts.autoAck) ctx.ack(); },
    },
  };
  return createSim({
    seed: opts.seed ?? 5,
    scenario: {
      name: "work-queue", durationMs: 5000,
      services: [{ name: "worker", instances: 2, concurrency: 1, serviceTimeMs: 10, autoRestart: true, restartDelayMs: 200 }],
      brokers: [rabbit({ queues: [{ name: "jobs" }] })],
      network: { default: { latencyMs: 1 } },
      workloads: [{ name: "jobs", protocol: "amqp", broker: "rabbit", routingKey: "jobs", arrival: { type: "constant", intervalMs: 2 }, count: 200 }],
      faults: opts.crashAtMs === undefined ? [] : [{ atMs: opts.crashAtMs, type: "crash", instance: "worker-1" }],
    },
    handlers,
  });
}

describe("AMQP consumers", () => {
  it("competing consumers share the queue and never exceed prefetch", () => {
    const sim = workQueue({ autoAck: false, prefetch: 2 });
    const events = sim.run();
    const deliveredTo = new Map<string, number>();
    const unacked = new Map<string, number>();
    let maxUnacked = 0;
    const tagOwner = new Map<number, string>();
    for (const e of events) {
      if (e.type === "amqp.deliver") {
        deliveredTo.set(e.to, (deliveredTo.get(e.to) ?? 0) + 1);
        tagOwner.set(e.deliveryTag, e.to);
        unacked.set(e.to, (unacked.get(e.to) ?? 0) + 1);
        maxUnacked = Math.max(maxUnacked, unacked.get(e.to)!);
      }
      if (e.type === "amqp.ack") unacked.set(tagOwner.get(e.deliveryTag)!, unacked.get(tagOwner.get(e.deliveryTag)!)! - 1);
    }
    expect(deliveredTo.get("worker-1")).toBe(100);
    expect(deliveredTo.get("worker-2")).toBe(100);
    expect(maxUnacked).toBe(2);
    expect(noMessageLost(events, { protocol: "amqp" }).passed).toBe(true);
  });

  it("a consumer crash loses nothing with ack-after-processing: unacked messages are redelivered", () => {
    const events = workQueue({ autoAck: false, prefetch: 10, crashAtMs: 150 }).run();
    expect(events.some((e) => e.type === "work.lost" && e.kind === "amqp")).toBe(true);
    expect(events.filter((e) => e.type === "amqp.requeue" && e.reason === "consumer-gone").length).toBeGreaterThan(0);
    expect(events.some((e) => e.type === "amqp.deliver" && e.redelivered)).toBe(true);
    const result = noMessageLost(events, { protocol: "amqp" });
    expect(result, result.detail).toMatchObject({ passed: true });
  });

  it("a consumer crash loses the messages it had been handed with auto-ack", () => {
    const events = workQueue({ autoAck: true, prefetch: 0, crashAtMs: 150 }).run();
    const result = noMessageLost(events, { protocol: "amqp" });
    expect(result.passed).toBe(false);
    // Lost in the dead process's buffer, plus any delivery still on the wire when it died.
    const inBuffer = events.filter((e) => e.type === "work.lost" && e.kind === "amqp").length;
    const onWire = events.filter((e) => e.type === "net.drop" && e.label === "amqp.deliver").length;
    const lost = inBuffer + onWire;
    expect(inBuffer).toBeGreaterThan(0);
    expect(result.detail).toContain(`${lost} of 200 messages were never processed`);
  });
});

describe("AMQP TTL and dead-lettering", () => {
  it("expired and rejected messages go to the dead-letter exchange with their history", () => {
    const received: InboundMessage[] = [];
    const sim = createSim({
      seed: 2,
      scenario: {
        name: "dlx", durationMs: 2000,
        services: [{ name: "pub" }, { name: "picky" }, { name: "morgue" }],
        brokers: [rabbit({
          exchanges: [{ name: "dlx", type: "fanout" }],
          queues: [
            { name: "slow-lane", messageTtlMs: 100, deadLetterExchange: "dlx" },
            { name: "checked", deadLetterExchange: "dlx", deadLetterRoutingKey: "rejected" },
            { name: "dead" },
          ],
          bindings: [{ exchange: "dlx", queue: "dead" }],
        })],
      },
      handlers: {
        pub: {
          onStart(ctx) {
            for (let i = 0; i < 3; i++) ctx.publish("rabbit", "", "slow-lane", { i });
            ctx.publish("rabbit", "", "checked", { bad: true });
            ctx.publish("rabbit", "", "slow-lane", "short-lived", { ttlMs: 20 });
          },
        },
        picky: { onStart: (ctx) => { ctx.consume("rabbit", "checked", { prefetch: 1 }); }, onMessage: (_m, ctx) => ctx.nack(false) },
        morgue: { onStart: (ctx) => { ctx.consume("rabbit", "dead", { prefetch: 10 }); }, onMessage: (m, ctx) => { received.push(m); ctx.ack(); } },
      },
    });
    const events = sim.run();
    const dead = events.filter((e) => e.type === "amqp.dead-letter");
    expect(dead.map((e) => `${e.queue}:${e.reason}`).sort()).toEqual([
      "checked:rejected", "slow-lane:expired", "slow-lane:expired", "slow-lane:expired", "slow-lane:expired",
    ]);
    // Queue TTL 100 ms: the first three expire together at ~101 ms; per-message TTL takes the minimum.
    const expiredAt = dead.filter((e) => e.reason === "expired").map((e) => e.timeMs);
    expect(Math.min(...expiredAt)).toBeGreaterThanOrEqual(100);
    expect(received).toHaveLength(5);
    const rejected = received.find((m) => m.source === "amqp" && m.deaths[0]?.reason === "rejected");
    expect(rejected).toMatchObject({ routingKey: "rejected", deaths: [{ queue: "checked", reason: "rejected" }] });
  });

  it("nack with requeue redelivers to the queue", () => {
    let attempts = 0;
    const sim = createSim({
      seed: 3,
      scenario: { name: "requeue", durationMs: 500, services: [{ name: "w" }], brokers: [rabbit({ queues: [{ name: "q" }] })] },
      handlers: {
        w: {
          onStart(ctx) { ctx.publish("rabbit", "", "q", "job"); ctx.consume("rabbit", "q", { prefetch: 1 }); },
          onMessage(msg, ctx) {
            attempts++;
            if (msg.source === "amqp" && !msg.redelivered) ctx.nack(true);
            else ctx.ack();
          },
        },
      },
    });
    const events = sim.run();
    expect(attempts).toBe(2);
    expect(events.filter((e) => e.type === "amqp.requeue").map((e) => e.reason)).toEqual(["nack"]);
  });
});

describe("AMQP durability across a broker restart", () => {
  it("keeps persistent messages in durable queues, loses transient ones and non-durable queues", () => {
    const sim = createSim({
      seed: 4,
      scenario: {
        name: "restart", durationMs: 1000,
        services: [{ name: "pub" }],
        brokers: [rabbit({ queues: [{ name: "durable", durable: true }, { name: "scratch", durable: false }] })],
        faults: [{ atMs: 100, durationMs: 200, type: "broker-down", broker: "rabbit" }],
      },
      handlers: {
        pub: {
          onStart(ctx) {
            for (const q of ["durable", "scratch"]) {
              ctx.publish("rabbit", "", q, "persistent", { persistent: true });
              ctx.publish("rabbit", "", q, "transient", { persistent: false });
            }
          },
        },
      },
    });
    const events = sim.run();
    const broker = sim.world.amqp.brokers.get("rabbit")!;
    expect(broker.queues.get("durable")!.depth).toBe(1);
    expect(broker.queues.get("durable")!.peek()!.body).toBe("persistent");
    expect(broker.queues.get("scratch")!.depth).toBe(0);
    expect(events.filter((e) => e.type === "amqp.drop" && e.reason === "broker-restart")).toHaveLength(3);
    expect(events.filter((e) => e.type === "broker.state").map((e) => `${e.timeMs}:${e.state}`)).toEqual(["100:down", "300:up"]);
  });
});
