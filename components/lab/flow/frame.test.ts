import { describe, expect, it } from "vitest";
import type { SimEvent } from "@/server/sim/events";
import { callChainEvents } from "../fixtures/sim-fixture";
import { along, flowFrame, groupLines, type FlowView } from "./frame";
import { flowStateAt } from "./flow-state";
import { layoutTopology, summaryIdOf, topologyFromEvents, withInstances } from "./layout";

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

describe("collapsed groups in the frame", () => {
  const browsers = Array.from({ length: 41 }, (_, i) => `browsers-${i + 1}`);
  const big = layoutTopology(withInstances({ nodes: [
    { id: "gw", kind: "service", label: "gw", x: 700, y: 200 },
    { id: "browsers", kind: "client", label: "browsers ×41", x: 920, y: 340 },
  ], edges: [{ from: "browsers", to: "gw" }] }, ["gw-1", ...browsers]));
  const state = (timeMs: number, instance: string, s: "up" | "crashed" | "paused", slowFactor = 1) =>
    ({ type: "instance.state", timeMs, service: instance.replace(/-\d+$/, ""), instance, state: s, prevState: "up", reason: "", slowFactor }) as SimEvent;
  const send = (timeMs: number, msgId: number, from: string, to: string) =>
    ({ type: "net.send", timeMs, msgId, from, to, protocol: "ws", label: "ws.message", sizeBytes: 10, ref: msgId, traceId: "", deliverAtMs: timeMs + 10 }) as SimEvent;
  const log: SimEvent[] = [
    state(0, "browsers-2", "crashed"), // visible: not counted in the summary
    state(0, "browsers-20", "crashed"), state(0, "browsers-21", "crashed"),
    state(0, "browsers-30", "paused"),
    state(0, "browsers-33", "up", 3), state(0, "browsers-34", "crashed", 3),
    send(100, 1, "gw-1", "browsers-40"), send(100, 2, "browsers-3", "gw-1"),
  ];
  const bigView = (timeMs: number): FlowView => ({ layout: big, timeMs, minFlightMs: 0, markerWindowMs: 300, reducedMotion: false, selectedMsgId: null, maxMessages: 500 });

  it("counts crashed, paused and slow among the hidden instances only", () => {
    const frame = flowFrame(log, bigView(50));
    expect(frame.groups).toEqual([{ id: summaryIdOf("browsers"), hidden: 35, crashed: ["browsers-20", "browsers-21", "browsers-34"], paused: ["browsers-30"], slow: ["browsers-33"] }]);
    expect(groupLines(frame.groups[0]!)).toEqual(["+35 more", "3 crashed · 1 paused · 1 slow"]);
    expect(frame.nodes.find((n) => n.id === "browsers-2")?.state).toBe("crashed");
    expect(groupLines({ id: "x", hidden: 4, crashed: [], paused: [], slow: [] })).toEqual(["+4 more", ""]);
  });

  it("flies messages to and from hidden instances to the summary box", () => {
    const frame = flowFrame(log, bigView(105));
    const gw = big.byId.get("gw-1")!, summary = big.byId.get(summaryIdOf("browsers"))!, b3 = big.byId.get("browsers-3")!;
    const toHidden = frame.messages.find((m) => m.id === 1)!;
    const mid = along(gw, summary, 0.5, 5);
    expect(toHidden.x).toBeCloseTo(mid.x);
    expect(toHidden.y).toBeCloseTo(mid.y);
    const fromVisible = frame.messages.find((m) => m.id === 2)!;
    expect(fromVisible.x).toBeCloseTo(along(b3, gw, 0.5, 5).x);
  });

  it("leaves no group when nothing is collapsed", () => {
    expect(flowFrame(events, view(100)).groups).toEqual([]);
  });
});
