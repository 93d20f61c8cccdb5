import { describe, expect, it } from "vitest";
import type { AppendResult, InboundMessage, StoredEvent, WsCloseInfo } from "./api";
import { createSim } from "./sim";
import { WsCloseCode, isSendableCloseCode, wsCloseCodeName } from "./websocket-codes";

describe("WebSocket", () => {
  it("opens with a handshake, carries messages both ways and closes cleanly with a code", () => {
    const log: string[] = [];
    const events = createSim({
      seed: 1,
      scenario: { name: "ws", durationMs: 1000, services: [{ name: "browser" }, { name: "chat" }] },
      handlers: {
        browser: {
          onStart: (ctx) => { ctx.wsConnect("chat", "/room/1"); },
          onWsOpen: (c, ctx) => { log.push(`client open ${c.role}`); ctx.wsSend(c.connId, "hello"); },
          onWsMessage: (m, ctx) => { log.push(`client got ${String(m.data)}`); ctx.wsClose(m.connId, WsCloseCode.NORMAL_CLOSURE, "bye"); },
          onWsClose: (i) => { log.push(`client closed ${i.code} ${i.wasClean}`); },
        },
        chat: {
          onWsOpen: (c) => { log.push(`server open ${c.role} ${c.path}`); },
          onWsMessage: (m, ctx) => { log.push(`server got ${String(m.data)}`); ctx.wsSend(m.connId, "welcome"); },
          onWsClose: (i) => { log.push(`server closed ${i.code} ${i.reason}`); },
        },
      },
    }).run();
    expect(log).toEqual([
      "server open server /room/1", "client open client", "server got hello", "client got welcome",
      "server closed 1000 bye", "client closed 1000 true",
    ]);
    expect(events.filter((e) => e.type === "ws.close")).toMatchObject([{ code: 1000, codeName: "NORMAL_CLOSURE", initiator: "browser-1" }]);
  });

  it("reports 1006 to the peer when a process dies, and on pong timeout when the server stalls", () => {
    const closes: WsCloseInfo[] = [];
    createSim({
      seed: 2,
      scenario: {
        name: "ws-fail", durationMs: 5000, services: [{ name: "a", instances: 2 }, { name: "srv", instances: 2, loadBalancer: "round-robin" }],
        faults: [{ atMs: 100, type: "crash", instance: "srv-1" }, { atMs: 100, type: "pause", instance: "srv-2" }],
      },
      handlers: {
        a: { onStart: (ctx) => { ctx.wsConnect(ctx.instance === "a-1" ? "srv-1" : "srv-2", "/", { pingIntervalMs: 200, pongTimeoutMs: 500 }); }, onWsClose: (i) => { closes.push(i); } },
      },
    }).run();
    expect(closes.map((c) => [c.code, c.wasClean, c.reason])).toEqual([[1006, false, "srv-1 went away"], [1006, false, "pong timeout"]]);
  });

  it("knows RFC 6455 close codes", () => {
    expect(wsCloseCodeName(1001)).toBe("GOING_AWAY");
    expect(wsCloseCodeName(1011)).toBe("INTERNAL_ERROR");
    expect(isSendableCloseCode(1006)).toBe(false);
    expect(isSendableCloseCode(1005)).toBe(false);
    expect(isSendableCloseCode(4000)).toBe(true);
  });
});

describe("pub/sub", () => {
  it("fans out to current subscribers only (no persistence)", () => {
    const got: string[] = [];
    createSim({
      seed: 3,
      scenario: {
        name: "ps", durationMs: 1000, services: [{ name: "pub" }, { name: "sub", instances: 2 }], brokers: [{ kind: "pubsub", name: "bus" }],
        faults: [{ atMs: 50, durationMs: 100, type: "crash", instance: "sub-2" }],
      },
      handlers: {
        pub: { onStart: (ctx) => { ctx.setTimer(20, "a"); ctx.setTimer(100, "b"); ctx.setTimer(300, "c"); }, onTimer: (t, ctx) => ctx.pubsubPublish("bus", "news", t.name) },
        sub: { onStart: (ctx) => ctx.pubsubSubscribe("bus", "news"), onMessage: (m, ctx) => { if (m.source === "pubsub") got.push(`${ctx.instance}:${String(m.data)}`); } },
      },
    }).run();
    expect(got.sort()).toEqual(["sub-1:a", "sub-1:b", "sub-1:c", "sub-2:a", "sub-2:c"]);
  });
});

describe("event store", () => {
  it("appends with expected version, rejects conflicts, reads and delivers to subscribers", () => {
    const results: AppendResult[] = [];
    const seen: InboundMessage[] = [];
    let read: StoredEvent[] = [];
    const events = createSim({
      seed: 4,
      scenario: { name: "es", durationMs: 1000, services: [{ name: "writer" }, { name: "projector" }], brokers: [{ kind: "eventstore", name: "store" }] },
      handlers: {
        projector: { onStart: (ctx) => ctx.subscribeToStream("store", "$all"), onMessage: (m) => { seen.push(m); } },
        writer: {
          onStart(ctx) {
            ctx.setTimer(10, "go");
          },
          onTimer(_t, ctx) {
            ctx.appendToStream("store", "order-1", [{ type: "Created", data: { id: 1 } }, { type: "Paid", data: {} }], 0, (r) => {
              results.push(r);
              ctx.appendToStream("store", "order-1", [{ type: "Shipped", data: {} }], 0, (r2) => {
                results.push(r2);
                ctx.appendToStream("store", "order-1", [{ type: "Shipped", data: {} }], r2.actualVersion, (r3) => {
                  results.push(r3);
                  ctx.readStream("store", "order-1", 1, (evs) => { read = evs; });
                });
              });
            });
          },
        },
      },
    }).run();
    expect(results.map((r) => [r.ok, r.error, r.nextVersion])).toEqual([[true, "", 2], [false, "wrong-expected-version", 2], [true, "", 3]]);
    expect(events.filter((e) => e.type === "es.conflict")).toMatchObject([{ stream: "order-1", expectedVersion: 0, actualVersion: 2 }]);
    expect(read.map((e) => [e.type, e.version])).toEqual([["Paid", 1], ["Shipped", 2]]);
    expect(seen.map((m) => (m.source === "eventstore" ? m.event.type : ""))).toEqual(["Created", "Paid", "Shipped"]);
  });
});
