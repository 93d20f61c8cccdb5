import { describe, expect, it } from "vitest";
import type { SimEvent } from "@/server/sim/events";
import { callChainEvents } from "../fixtures/sim-fixture";
import { flowFrame, type FlowView } from "./frame";
import { flowStateAt } from "./flow-state";
import { layoutTopology, topologyFromEvents } from "./layout";

const events = callChainEvents();
const layout = layoutTopology(topologyFromEvents(events));
const view = (timeMs: number, extra: Partial<FlowView> = {}): FlowView =>
  ({ layout, timeMs, minFlightMs: 0, markerWindowMs: 300, reducedMotion: false, selectedMsgId: null, maxMessages: 500, ...extra });

describe("flow frame", () => {
  it("draws a request in flight between its endpoints, then not after it lands", () => {
    const send = events.find((e): e is Extract<SimEvent, { type: "net.send" }> => e.type === "net.send" && e.label === "http.request" && e.from === "client-1");
    if (!send) throw new Error("fixture has no request");
    const mid = (send.timeMs + send.deliverAtMs) / 2;
    const frame = flowFrame(events, view(mid));
    const dot = frame.messages.find((m) => m.id === send.msgId);
    expect(dot?.kind).toBe("request");
    const a = layout.byId.get("client-1"), b = layout.byId.get("orders-1");
    expect(dot?.x).toBeGreaterThan(Math.min(a?.x ?? 0, b?.x ?? 0));
    expect(dot?.x).toBeLessThan(Math.max(a?.x ?? 0, b?.x ?? 0));
    expect(flowFrame(events, view(send.deliverAtMs + 1)).messages.some((m) => m.id === send.msgId)).toBe(false);
  });

  it("keeps a hop visible for the minimum flight and steps it under reduced motion", () => {
    const send = events.find((e) => e.type === "net.send" && e.label === "http.request") as Extract<SimEvent, { type: "net.send" }>;
    const later = send.deliverAtMs + 50;
    const seen = flowFrame(events, view(later, { minFlightMs: 200 })).messages.find((m) => m.id === send.msgId);
    expect(seen).toBeDefined();
    const stepped = flowFrame(events, view(later, { minFlightMs: 200, reducedMotion: true })).messages.find((m) => m.id === send.msgId);
    const a = layout.byId.get("client-1") as { x: number }, b = layout.byId.get("orders-1") as { x: number };
    const p = ((stepped?.x ?? 0) - a.x) / (b.x - a.x);
    expect([0.12, 0.5, 0.88].some((s) => Math.abs(s - p) < 0.02)).toBe(true);
  });

  it("marks the crash, drops and timeouts, and colours failed replies as errors", () => {
    const crashAt = (events.find((e) => e.type === "instance.state" && e.state === "crashed") as SimEvent).timeMs;
    const frame = flowFrame(events, view(crashAt + 1));
    expect(frame.nodes.find((n) => n.id === "payments-1")?.state).toBe("crashed");
    const drop = events.find((e) => e.type === "net.drop") as SimEvent;
    expect(flowFrame(events, view(drop.timeMs)).markers.some((m) => m.kind === "drop")).toBe(true);
    const kinds = new Set<string>();
    for (let t = 0; t < 3000; t += 5) for (const m of flowFrame(events, view(t)).messages) kinds.add(m.kind);
    expect([...kinds].sort()).toEqual(expect.arrayContaining(["event", "request", "response"]));
  });

  it("shows the breaker state and a queue gauge", () => {
    const frame = flowFrame(events, view(2999));
    expect(frame.badges.find((b) => b.nodeId === "orders-1")?.text).toMatch(/^breaker: /);
    expect(frame.gauges.some((g) => g.id.startsWith("q:rabbit/ship"))).toBe(true);
  });

  it("gives the same state seeking backwards as playing forwards", () => {
    const copy = [...events];
    flowStateAt(copy, 2500);
    const back = flowStateAt(copy, 1200);
    const fresh = flowStateAt([...events], 1200);
    expect([...back.messages.keys()]).toEqual([...fresh.messages.keys()]);
    expect(back.index).toBe(fresh.index);
  });
});
