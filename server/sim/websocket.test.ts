import { describe, expect, it } from "vitest";
import type { SimContext } from "./api";
import { createSim } from "./sim";

/** Server-side keep-alive as the `ws` library does it: ping every interval, terminate what did not pong. */
function heartbeatServer(log: string[], intervalMs: number) {
  const alive = new Map<number, boolean>();
  return {
    onStart: (ctx: SimContext) => { ctx.setTimer(intervalMs, "beat"); },
    onWsOpen: (c: { connId: number }) => { alive.set(c.connId, true); },
    onWsPong: (p: { connId: number }) => { alive.set(p.connId, true); },
    onWsClose: (i: { connId: number; code: number; reason: string }, ctx: SimContext) => {
      alive.delete(i.connId);
      log.push(`${ctx.now} server closed ${i.code} ${i.reason}`);
    },
    onTimer: (_t: unknown, ctx: SimContext) => {
      for (const [connId, ok] of alive) {
        if (!ok) ctx.wsTerminate(connId);
        else {
          alive.set(connId, false);
          ctx.wsPing(connId);
        }
      }
      ctx.setTimer(intervalMs, "beat");
    },
  };
}

describe("WebSocket ping, pong and terminate", () => {
  it("a server's ping is answered by a pong; a frozen client is terminated within two intervals and sees 1006 when it wakes", () => {
    const log: string[] = [];
    const events = createSim({
      seed: 3,
      scenario: {
        name: "ws-heartbeat", durationMs: 3_000, services: [{ name: "browser" }, { name: "gw" }],
        network: { default: { latencyMs: 1 } },
        faults: [{ atMs: 1_050, durationMs: 1_500, type: "pause", instance: "browser-1" }],
      },
      handlers: {
        browser: {
          onStart: (ctx) => { ctx.wsConnect("gw", "/feed"); },
          onWsClose: (i, ctx) => { log.push(`${ctx.now} client closed ${i.code} ${i.wasClean}`); },
        },
        gw: heartbeatServer(log, 400),
      },
    }).run();
    expect(log).toEqual(["1600 server closed 1006 terminated", "2550 client closed 1006 false"]);
    expect(events.filter((e) => e.type === "ws.close")).toMatchObject([{ code: 1006, initiator: "gw-1", timeMs: 1600 }]);
    expect(events.filter((e) => e.type === "net.send" && e.label === "ws.pong").length).toBe(2);
  });

  it("behind a partition the reset is lost: the client keeps a half-open connection", () => {
    const log: string[] = [];
    const sim = createSim({
      seed: 4,
      scenario: {
        name: "ws-cut", durationMs: 3_000, services: [{ name: "browser" }, { name: "gw" }],
        faults: [{ atMs: 500, durationMs: 2_000, type: "partition", a: "browser", b: "gw" }],
      },
      handlers: {
        browser: {
          onStart: (ctx) => { ctx.wsConnect("gw", "/feed"); },
          onWsClose: (i, ctx) => { log.push(`${ctx.now} client closed ${i.code}`); },
        },
        gw: heartbeatServer(log, 300),
      },
    });
    sim.run();
    expect(log).toEqual(["900 server closed 1006 terminated"]); // beats at 300 (pong), 600 (lost), 900
    expect(sim.world.ws.stateOf(1)).toBe("closed");
  });
});
