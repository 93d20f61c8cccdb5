import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import type { RpcResponse } from "./api";
import type { CallEndEvent, NetSendEvent, SimEvent } from "./events";
import { GrpcStatus, grpcStatusName } from "./grpc-status";
import { createSim } from "./sim";

const PROTO = `
syntax = "proto3";
package shop;
message ChargeRequest { string order_id = 1; int64 amount_cents = 2; repeated string items = 3; }
message ChargeReply { string charge_id = 1; bool ok = 2; }
message WatchRequest { string order_id = 1; }
message OrderUpdate { string order_id = 1; string status = 2; int32 seq = 3; }
service Payments { rpc Charge(ChargeRequest) returns (ChargeReply); }
service Orders { rpc Watch(WatchRequest) returns (stream OrderUpdate); }
`;

const callEnds = (events: readonly SimEvent[]) => events.filter((e): e is CallEndEvent => e.type === "call.end");

describe("gRPC status codes", () => {
  it("has the 17 codes with their spec values", () => {
    expect(Object.keys(GrpcStatus)).toHaveLength(17);
    expect(GrpcStatus).toMatchObject({ OK: 0, CANCELLED: 1, UNKNOWN: 2, INVALID_ARGUMENT: 3, DEADLINE_EXCEEDED: 4, NOT_FOUND: 5,
      ALREADY_EXISTS: 6, PERMISSION_DENIED: 7, RESOURCE_EXHAUSTED: 8, FAILED_PRECONDITION: 9, ABORTED: 10, OUT_OF_RANGE: 11,
      UNIMPLEMENTED: 12, INTERNAL: 13, UNAVAILABLE: 14, DATA_LOSS: 15, UNAUTHENTICATED: 16 });
    expect(grpcStatusName(14)).toBe("UNAVAILABLE");
  });
});

describe("gRPC calls", () => {
  it("sizes messages by real Protobuf encoding (plus the 5-byte gRPC frame prefix)", () => {
    const request = { order_id: "order-42", amount_cents: 129900, items: ["book", "pen", "订单"] };
    const reply = { charge_id: "ch_1", ok: true };
    const sim = createSim({
      seed: 1,
      scenario: { name: "pb", durationMs: 100, services: [{ name: "orders" }, { name: "payments" }], protos: { "shop.proto": PROTO } },
      handlers: {
        orders: { onStart: (ctx) => { ctx.rpc("payments", "shop.Payments/Charge", request); } },
        payments: { onRpc: () => ({ message: reply }) },
      },
    });
    const sends = sim.run().filter((e): e is NetSendEvent => e.type === "net.send" && e.protocol === "grpc");
    const root = protobuf.parse(PROTO, { keepCase: true }).root;
    const encoded = (type: string, msg: object) => { const T = root.lookupType(type); return T.encode(T.fromObject(msg)).finish().length; };
    expect(sends.map((e) => [e.label, e.sizeBytes - 5])).toEqual([
      ["grpc.request", encoded("shop.ChargeRequest", request)],
      ["grpc.response", encoded("shop.ChargeReply", reply)],
    ]);
  });

  it("propagates deadlines downstream and fails every hop with DEADLINE_EXCEEDED", () => {
    const results: RpcResponse[] = [];
    const events = createSim({
      seed: 2,
      scenario: { name: "deadline", durationMs: 2000, services: [{ name: "edge" }, { name: "orders" }, { name: "payments", serviceTimeMs: 500 }] },
      handlers: {
        edge: { onStart: (ctx) => { ctx.rpc("orders", "Orders/Get", {}, (r) => results.push(r), { deadlineMs: 100 }); } },
        orders: { onRpc: (_req, ctx) => { ctx.rpc("payments", "Payments/Charge", {}, (r) => ctx.reply({ code: r.code }), { deadlineMs: 1000 }); } },
        payments: { onRpc: () => ({ message: { ok: true } }) },
      },
    }).run();
    const starts = events.filter((e) => e.type === "call.start");
    expect(starts.map((e) => e.deadlineAtMs)).toEqual([100, 100]);
    expect(results[0]).toMatchObject({ code: GrpcStatus.DEADLINE_EXCEEDED, codeName: "DEADLINE_EXCEEDED", latencyMs: 100 });
    expect(callEnds(events).map((e) => [e.fromService, e.statusName, e.timeMs])).toEqual([
      ["edge", "DEADLINE_EXCEEDED", 100], ["orders", "DEADLINE_EXCEEDED", 100],
    ]);
    expect(events.filter((e) => e.type === "work.end").map((e) => e.status)).toEqual([4, 4]);
    // The late reply from payments is never sent: the server saw its deadline pass.
    expect(events.some((e) => e.type === "net.send" && e.label === "grpc.response")).toBe(false);
  });

  it("does not cap a call whose caller opted out of deadline propagation (grpc-js without parent)", () => {
    const events = createSim({
      seed: 2,
      scenario: { name: "no-propagation", durationMs: 2000, services: [{ name: "edge" }, { name: "orders" }, { name: "payments", serviceTimeMs: 500 }] },
      handlers: {
        edge: { onStart: (ctx) => { ctx.rpc("orders", "Orders/Get", {}, undefined, { deadlineMs: 100 }); } },
        orders: { onRpc: (_req, ctx) => { ctx.rpc("payments", "Payments/Charge", {}, undefined, { deadlineMs: 1000, propagateDeadline: false }); } },
        payments: { onRpc: () => ({ message: { ok: true } }) },
      },
    }).run();
    expect(events.filter((e) => e.type === "call.start").map((e) => e.deadlineAtMs)).toEqual([100, 1002]); // orders calls at 2 ms
    // orders' own caller gave up at 100 ms; payments still works and answers at ~500 ms.
    expect(callEnds(events).map((e) => [e.fromService, e.statusName])).toEqual([["edge", "DEADLINE_EXCEEDED"], ["orders", "OK"]]);
  });

  it("streams server messages in order and ends with a status", () => {
    const got: unknown[] = [];
    let end: RpcResponse | undefined;
    const events = createSim({
      seed: 3,
      scenario: { name: "stream", durationMs: 1000, services: [{ name: "ui" }, { name: "orders", serviceTimeMs: 5 }], protos: { "shop.proto": PROTO } },
      handlers: {
        ui: { onStart: (ctx) => { ctx.rpcStream("orders", "shop.Orders/Watch", { order_id: "o1" }, (m) => got.push(m), (r) => { end = r; }); } },
        orders: {
          onRpc(req, ctx) {
            for (const [seq, status] of ["paid", "packed", "shipped"].entries()) ctx.send({ order_id: req.message.order_id, status, seq });
            ctx.end(GrpcStatus.OK);
          },
        },
      },
    }).run();
    expect(got.map((m) => (m as { status: string }).status)).toEqual(["paid", "packed", "shipped"]);
    expect(end).toMatchObject({ code: 0, codeName: "OK" });
    expect(callEnds(events)[0]).toMatchObject({ messages: 3, outcome: "ok" });
  });

  it("answers UNIMPLEMENTED without a handler, maps returned codes, and rejects undeclared methods", () => {
    const codes: string[] = [];
    const events = createSim({
      seed: 4,
      scenario: { name: "codes", durationMs: 100, services: [{ name: "c" }, { name: "none" }, { name: "payments" }], protos: { "shop.proto": PROTO } },
      handlers: {
        c: {
          onStart(ctx) {
            ctx.rpc("none", "shop.Payments/Charge", {}, (r) => codes.push(r.codeName));
            ctx.rpc("payments", "shop.Payments/Charge", { order_id: "x" }, (r) => codes.push(r.codeName));
            ctx.rpc("payments", "shop.Payments/Refund", {});
          },
        },
        payments: { onRpc: () => ({ code: GrpcStatus.NOT_FOUND, details: "no such order" }) },
      },
    }).run();
    expect(codes.sort()).toEqual(["NOT_FOUND", "UNIMPLEMENTED"]);
    expect(events.some((e) => e.type === "log" && e.level === "error" && e.msg.includes("shop.Payments/Refund"))).toBe(true);
  });

  it("fails with UNAVAILABLE when every instance is down", () => {
    const codes: number[] = [];
    createSim({
      seed: 5,
      scenario: { name: "down", durationMs: 100, services: [{ name: "c" }, { name: "s" }], faults: [{ atMs: 0, type: "crash", instance: "s-1" }] },
      handlers: { c: { onStart: (ctx) => { ctx.setTimer(1, "go"); }, onTimer: (_t, ctx) => { ctx.rpc("s", "S/M", {}, (r) => codes.push(r.code)); } } },
    }).run();
    expect(codes).toEqual([GrpcStatus.UNAVAILABLE]);
  });
});
