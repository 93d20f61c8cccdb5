import { describe, expect, it } from "vitest";
import type { HttpRequest, HttpResponse } from "./api";
import type { CallEndEvent, SimEvent, WorkEndEvent } from "./events";
import { createSim } from "./sim";
import { parseTraceparent } from "./tracing";

const callEnds = (events: readonly SimEvent[]) => events.filter((e): e is CallEndEvent => e.type === "call.end");

describe("HTTP", () => {
  it("limits connections per pool: extra requests wait for a free connection", () => {
    const sim = createSim({
      seed: 1,
      scenario: {
        name: "pool", durationMs: 1000,
        services: [{ name: "api", httpPool: { maxConnections: 2 } }, { name: "slow", concurrency: 10, serviceTimeMs: 50 }],
        network: { default: { latencyMs: 1 } },
      },
      handlers: {
        api: { onStart(ctx) { for (let i = 0; i < 6; i++) ctx.http("slow", { path: `/item/${i}` }); } },
        slow: { onHttp: () => ({ status: 200 }) },
      },
    });
    const events = sim.run();
    expect(events.filter((e) => e.type === "conn.open")).toHaveLength(2);
    expect(Math.max(...events.filter((e) => e.type === "work.start").map((e) => e.inFlight))).toBe(2);
    // handshake 2 ms, then three rounds of (1 + 50 + 1) ms on two connections
    expect(callEnds(events).map((e) => e.latencyMs)).toEqual([54, 54, 106, 106, 158, 158]);
  });

  it("times out, closes the connection, and reports the timeout to the callback", () => {
    const results: HttpResponse[] = [];
    const events = createSim({
      seed: 1,
      scenario: { name: "timeout", durationMs: 1000, services: [{ name: "api" }, { name: "slow", serviceTimeMs: 100 }] },
      handlers: {
        api: { onStart(ctx) { ctx.http("slow", {}, (res) => results.push(res), { timeoutMs: 20 }); } },
        slow: { onHttp: () => ({ status: 200 }) },
      },
    }).run();
    expect(results).toEqual([expect.objectContaining({ status: 0, error: "timeout", latencyMs: 20 })]);
    expect(callEnds(events)[0]).toMatchObject({ outcome: "timeout", latencyMs: 20 });
    expect(events.some((e) => e.type === "conn.close" && e.reason === "timeout")).toBe(true);
  });

  it("answers 503 when the server's queue is full, 501 without a handler, 500 when the handler throws", () => {
    const statuses: number[] = [];
    const sim = createSim({
      seed: 1,
      scenario: {
        name: "errors", durationMs: 1000,
        services: [{ name: "api" }, { name: "tiny", concurrency: 1, queueCapacity: 1, serviceTimeMs: 10 }, { name: "empty" }, { name: "buggy" }],
      },
      handlers: {
        api: {
          onStart(ctx) {
            for (let i = 0; i < 5; i++) ctx.http("tiny", {}, (r) => statuses.push(r.status));
            ctx.http("empty", {}, (r) => statuses.push(r.status));
            ctx.http("buggy", {}, (r) => statuses.push(r.status));
          },
        },
        tiny: { onHttp: () => ({ status: 200 }) },
        buggy: { onHttp: () => { throw new Error("boom"); } },
      },
    });
    const events = sim.run();
    expect(statuses.sort()).toEqual([200, 200, 500, 501, 503, 503, 503]);
    expect(events.filter((e) => e.type === "work.reject" && e.reason === "queue-full")).toHaveLength(3);
    expect(events.some((e) => e.type === "log" && e.level === "error" && e.msg.includes("boom"))).toBe(true);
  });

  it("a server crash resets in-flight requests; the caller sees the reset quickly", () => {
    const results: HttpResponse[] = [];
    const events = createSim({
      seed: 1,
      scenario: {
        name: "reset", durationMs: 1000, network: { default: { latencyMs: 2 } },
        services: [{ name: "api" }, { name: "db", serviceTimeMs: 100 }],
        faults: [{ atMs: 30, type: "crash", instance: "db-1" }],
      },
      handlers: { api: { onStart(ctx) { ctx.http("db", {}, (r) => results.push(r)); } }, db: { onHttp: () => ({ status: 200 }) } },
    }).run();
    expect(results).toEqual([expect.objectContaining({ error: "reset", status: 0 })]);
    expect(callEnds(events)[0]!.timeMs).toBe(32);
    expect(events.filter((e) => e.type === "work.lost")).toHaveLength(1);
  });

  it("propagates W3C traceparent across hops: one trace, parent ids chaining client and server spans", () => {
    const seen: HttpRequest[] = [];
    const events = createSim({
      seed: 9,
      scenario: {
        name: "trace", durationMs: 1000, services: [{ name: "gateway" }, { name: "orders" }, { name: "payments" }],
        workloads: [{ name: "one", protocol: "http", to: "gateway", arrival: { type: "constant", intervalMs: 1 }, count: 1 }],
      },
      handlers: {
        gateway: { onHttp: (req, ctx) => { seen.push(req); ctx.http("orders", {}, (r) => ctx.reply({ status: r.status })); } },
        orders: { onHttp: (req, ctx) => { seen.push(req); ctx.http("payments", {}, (r) => ctx.reply({ status: r.status })); } },
        payments: { onHttp: (req) => { seen.push(req); return { status: 200 }; } },
      },
    }).run();
    const calls = callEnds(events);
    const spans = events.filter((e): e is WorkEndEvent => e.type === "work.end");
    expect(new Set([...calls, ...spans].map((e) => e.traceId)).size).toBe(1);
    const byTo = (service: string) => calls.find((c) => c.toService === service)!;
    const serverSpan = (service: string) => spans.find((s) => s.service === service)!;
    expect(serverSpan("gateway").parentSpanId).toBe(byTo("gateway").spanId);
    expect(byTo("orders").parentSpanId).toBe(serverSpan("gateway").spanId);
    expect(serverSpan("payments").parentSpanId).toBe(byTo("payments").spanId);
    const header = parseTraceparent(seen[2]!.headers.traceparent);
    expect(header).toMatchObject({ traceId: calls[0]!.traceId, parentId: byTo("payments").spanId, sampled: true });
  });

  it("fails to connect across a partition and recovers after heal", () => {
    const results: string[] = [];
    createSim({
      seed: 1,
      scenario: {
        name: "partition", durationMs: 3000, services: [{ name: "api", httpPool: { connectTimeoutMs: 200 } }, { name: "db" }],
        faults: [{ atMs: 0, durationMs: 1000, type: "partition", a: "api", b: "db" }],
      },
      handlers: {
        api: {
          onStart(ctx) { ctx.setTimer(10, "call"); ctx.setTimer(1500, "call"); },
          onTimer(_t, ctx) { ctx.http("db", {}, (r) => results.push(`${ctx.now}:${r.error || r.status}`)); },
        },
        db: { onHttp: () => ({ status: 200 }) },
      },
    }).run();
    expect(results).toEqual(["210:unavailable", "1505:200"]);
  });
});
