import { describe, expect, it } from "vitest";
import { callChainEvents } from "../fixtures/sim-fixture";
import { messageDetails } from "../inspector/message-details";
import { describeEvent } from "../events/describe";
import { latencySeries } from "./latency";
import { sequenceModel } from "./sequence";
import { recentTraces, traceSpans } from "./waterfall";

const events = callChainEvents();

describe("timeline views", () => {
  it("draws a swimlane per service with the latest arrows", () => {
    const m = sequenceModel(events, 3000, 30);
    expect(m.lanes[0]).toBe("client");
    expect(m.lanes).toEqual(expect.arrayContaining(["orders", "payments", "rabbit"]));
    expect(m.arrows).toHaveLength(30);
  });

  it("builds a waterfall with the server span under the client span", () => {
    const traces = recentTraces(events, 3000);
    expect(traces[0]!.startMs).toBeGreaterThanOrEqual(traces[1]!.startMs);
    const first = traces.at(-1);
    if (!first?.done) throw new Error("no answered trace");
    const spans = traceSpans(events, first.traceId, 3000);
    expect(spans[0]?.kind).toBe("client");
    expect(spans[0]?.depth).toBe(0);
    expect(spans.some((s) => s.kind === "server" && s.depth === 1)).toBe(true);
    expect(spans.some((s) => s.name.includes("payments") && s.depth >= 2)).toBe(true);
  });

  it("computes p50 ≤ p99 per bucket", () => {
    const series = latencySeries(events, 3000, 500);
    expect(series.length).toBeGreaterThan(2);
    for (const p of series) expect(p.p50).toBeLessThanOrEqual(p.p99);
  });

  it("inspects an HTTP request with its traceparent and an AMQP message with its exchange", () => {
    const req = events.find((e) => e.type === "net.send" && e.label === "http.request");
    const amqp = events.find((e) => e.type === "net.send" && e.label === "amqp.publish");
    if (req?.type !== "net.send" || amqp?.type !== "net.send") throw new Error("fixture");
    expect(messageDetails(events, req.msgId)?.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(messageDetails(events, amqp.msgId)?.broker).toMatchObject({ exchange: "ev", routingKey: "order.created" });
  });

  it("describes every event as text", () => {
    for (const e of events) expect(describeEvent(e).length).toBeGreaterThan(3);
  });
});
