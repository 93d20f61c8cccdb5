import { describe, expect, it } from "vitest";
import { type HandlerMap, type ScenarioInput, createSim, objectives } from "./index";

// Kept in step with the examples in README.md, so the documentation is known to run.
const scenario: ScenarioInput = {
  name: "checkout",
  durationMs: 10_000,
  services: [
    { name: "orders", instances: 2, concurrency: 4, serviceTimeMs: { type: "lognormal", medianMs: 3, sigma: 0.5 } },
    { name: "payments", serviceTimeMs: { type: "exponential", meanMs: 8 }, autoRestart: true, restartDelayMs: 500 },
    { name: "shipping", instances: 2 },
  ],
  network: {
    default: { latencyMs: { type: "normal", meanMs: 2, stdDevMs: 0.5 }, jitterMs: 1 },
    links: [{ from: "orders", to: "payments", dropProbability: 0.01 }],
  },
  brokers: [
    { kind: "amqp", name: "rabbit",
      exchanges: [{ name: "orders", type: "topic" }, { name: "dlx", type: "fanout" }],
      queues: [{ name: "ship", messageTtlMs: 5000, deadLetterExchange: "dlx" }, { name: "dead" }],
      bindings: [{ exchange: "orders", queue: "ship", bindingKey: "order.*.created" }, { exchange: "dlx", queue: "dead" }] },
    { kind: "kafka", name: "kafka", topics: [{ name: "order-events", partitions: 6, retentionMs: 60_000 }] },
  ],
  workloads: [
    { name: "shoppers", protocol: "http", to: "orders", method: "POST", path: "/orders",
      arrival: { type: "poisson", ratePerSec: 50 }, count: 400, bodyBytes: 300 },
  ],
  faults: [
    { atMs: 3000, durationMs: 2000, type: "crash", instance: "payments-1" },
    { atMs: 6000, durationMs: 500, type: "latency", from: "orders", to: "payments", addMs: 200 },
  ],
  protos: { "shop.proto": `syntax = "proto3"; package shop; message ChargeRequest { string order_id = 1; int64 amount_cents = 2; } message ChargeReply { bool ok = 1; } service Payments { rpc Charge(ChargeRequest) returns (ChargeReply); }` },
  http: { defaultTimeoutMs: 30_000 },
  grpc: { defaultDeadlineMs: 30_000 },
  limits: { maxEvents: 500_000 },
};

const handlers: HandlerMap = {
  orders: {
    onStart(ctx) { ctx.setState("breaker", "closed"); },
    onHttp(req, ctx) {
      const order = req.body as { n: number };
      ctx.rpc("payments", "shop.Payments/Charge", { order_id: `o-${order.n}`, amount_cents: 999 }, (res) => {
        if (res.code !== 0) return ctx.reply({ status: 502, body: res.codeName });
        ctx.publish("rabbit", "orders", "order.eu.created", { id: order.n });
        ctx.produce("kafka", "order-events", { key: `o-${order.n}`, value: { type: "OrderPlaced" } });
        ctx.log("order placed", { orderId: order.n });
        ctx.reply({ status: 201, body: { id: order.n } });
      }, { deadlineMs: 200 });
    },
  },
  payments: { onRpc: () => ({ message: { ok: true } }) },
  shipping: {
    onStart(ctx) { ctx.consume("rabbit", "ship", { prefetch: 10 }); },
    onMessage(msg, ctx) { if (msg.source === "amqp") ctx.ack(); },
  },
};

describe("README example", () => {
  it("runs and can be graded", () => {
    const sim = createSim({ seed: 42, scenario, handlers });
    const events = sim.run();
    const placed = events.filter((e) => e.type === "log" && e.msg === "order placed").length;
    expect(placed).toBeGreaterThan(300);
    expect(placed).toBeLessThan(400); // the payments crash and the latency spike fail some orders
    expect(objectives.noMessageLost(events, { protocol: "amqp" }).passed).toBe(true);
    expect(objectives.latencyPercentileBelow(events, { toService: "payments", p: 50, maxMs: 200 }).passed).toBe(true);
    expect(sim.command("kill orders-1")).toMatchObject({ ok: true });
  });
});
