import { describe, expect, it } from "vitest";
import type { Ack } from "@/lib/lab/protocol";
import { callChainEvents } from "../fixtures/sim-fixture";
import { displayTimeMs, LabSession, type SocketLike } from "./lab-session";

function fakeSocket() {
  const handlers = new Map<string, (p: never) => void>();
  const sent: { event: string; payload: unknown }[] = [];
  const socket: SocketLike = {
    connected: true,
    emit: (event, payload, ack: (a: Ack) => void) => { sent.push({ event, payload }); ack({ ok: true, sessionId: "s1" }); },
    on: (event, h) => { handlers.set(event, h); },
    off: (event) => { handlers.delete(event); },
    disconnect: () => undefined,
  };
  const push = (event: string, payload: unknown) => handlers.get(event)?.(payload as never);
  return { socket, sent, push };
}

describe("lab session", () => {
  it("starts a run, appends batches, replaces the log on seek and records the verdict", async () => {
    const f = fakeSocket();
    let now = 1000;
    const s = new LabSession(f.socket, 3000, () => now);
    await s.start("01-call-chain", { "orders.ts": "x" });
    expect(f.sent[0]).toEqual({ event: "lab:start", payload: { labId: "01-call-chain", files: { "orders.ts": "x" }, speed: 1 } });
    const events = callChainEvents();
    f.push("lab:events", { sessionId: "s1", fromIndex: 0, events: events.slice(0, 100) });
    f.push("lab:events", { sessionId: "s1", fromIndex: 50, events: events.slice(50, 150) });
    expect(s.snapshot.events).toHaveLength(150);
    f.push("lab:events", { sessionId: "other", fromIndex: 150, events: events.slice(150, 160) });
    expect(s.snapshot.events).toHaveLength(150);
    f.push("lab:state", { sessionId: "s1", status: "running", simTimeMs: 500, durationMs: 3000, speed: 2, eventCount: 150, seed: 1 });
    now = 1100;
    expect(displayTimeMs(s.snapshot, now)).toBe(700);
    f.push("lab:reset", { sessionId: "s1", timeMs: 100, events: events.slice(0, 20) });
    expect(s.snapshot.events).toHaveLength(20);
    f.push("lab:objectives", { sessionId: "s1", objectives: [{ id: "a", passed: true, detail: "ok" }], allPassed: true });
    expect(s.snapshot).toMatchObject({ allPassed: true, ran: true });
    await s.seek(250.4);
    expect(f.sent.at(-1)).toEqual({ event: "lab:seek", payload: { timeMs: 250 } });
  });
});
