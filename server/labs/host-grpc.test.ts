/**
 * The learner SDK's gRPC surface (guest/grpc.js + host-grpc.ts) end to end: learner TypeScript in the
 * sandbox, calls over the simulated network, answers back. A throwaway lab with three services keeps
 * each run to a few milliseconds of simulated work.
 */
import { describe, expect, it } from "vitest";
import { compileGuest } from "../sandbox/compile";
import type { CallEndEvent, CallStartEvent, SimEvent } from "../sim/events";
import { defineLab } from "./define";
import { runLab, type LabRunOutcome } from "./host";
import { makeLab } from "./registry";

const PROTO = `syntax = "proto3";
package t.v1;
service Stock {
  rpc Get(GetRequest) returns (Level);
  rpc Watch(GetRequest) returns (stream Level);
}
message GetRequest { string sku = 1; }
message Level { string sku = 1; int32 available = 2; sint32 delta = 3; }
`;

const lab = makeLab(defineLab({
  id: "99-grpc", chapter: "ch04-rpc", section: "grpc-and-protobuf",
  title: { zh: "gRPC", en: "gRPC" }, description: { zh: "测试", en: "test" }, goals: [{ zh: "测试", en: "test" }],
  files: ["edge.ts", "mid.ts", "leaf.ts"],
  scenario: {
    name: "grpc-sdk", durationMs: 1_500,
    services: [{ name: "edge" }, { name: "mid" }, { name: "leaf", serviceTimeMs: 1 }],
    protos: { "t.proto": PROTO },
    workloads: [{ name: "go", protocol: "http", to: "edge", method: "GET", path: "/go", arrival: { type: "constant", intervalMs: 1_000 }, count: 1, startMs: 10 }],
  },
  objectives: [{ id: "ran", title: { zh: "运行", en: "ran" }, explain: { zh: "运行", en: "ran" }, check: () => ({ passed: true, detail: "" }) }],
  hints: [{ zh: "无", en: "none" }],
  topology: { nodes: [{ id: "edge", kind: "service", label: "edge" }], edges: [] },
  completion: { zh: "完成", en: "done" },
  maxEvents: 20_000,
}));

const HEAD = `import { createService, fetch, grpc, log, sleep } from "lab";
void fetch; void sleep;
interface Level { sku: string; available: number; delta: number }
interface StockClient { get: grpc.UnaryMethod<{ sku: string }, Level>; watch: grpc.ServerStreamMethod<{ sku: string }, Level> }
`;
/** edge: GET /go runs `body` (with `stock`, a client of mid) and answers 200. */
const edge = (body: string) => `${HEAD}
const stock = grpc.client<StockClient>("mid", "t.v1.Stock");
createService("edge").get("/go", async (_req, res) => {
${body}
  res.json({ ok: true });
});
`;
/** mid serves t.v1.Stock with `impl`; `leaf` is a client of leaf. */
const mid = (impl: string) => `${HEAD}
const leaf = grpc.client<StockClient>("leaf", "t.v1.Stock");
void leaf;
createService("mid").addService("t.v1.Stock", {
${impl}
});
`;
const LEAF = `${HEAD}
createService("leaf").addService("t.v1.Stock", {
  async Get(call: grpc.ServerUnaryCall<{ sku: string }>, callback: grpc.sendUnaryData<Level>) {
    await sleep(200);
    log.info("leaf answered", { cancelled: call.cancelled });
    callback(null, { sku: call.request.sku, available: 7, delta: -3 });
  },
});
`;

async function run(files: { edge: string; mid?: string; leaf?: string }): Promise<LabRunOutcome> {
  const sources = { "edge.ts": files.edge, "mid.ts": files.mid ?? mid(""), "leaf.ts": files.leaf ?? LEAF };
  const c = await compileGuest({ files: sources, entries: lab.def.files, allowedModules: ["lab"] });
  if (!c.ok) throw new Error(`does not compile: ${JSON.stringify(c.error)}`);
  return runLab({ labId: lab.def.id, compiled: c.compiled, seed: 1, keepEvents: true }, lab);
}

const logsOf = (out: LabRunOutcome, message: string) => out.logs.filter((l) => l.message === message).map((l) => l.fields ?? {});
const grpcStarts = (events: readonly SimEvent[]) => events.filter((e): e is CallStartEvent => e.type === "call.start" && e.protocol === "grpc");
const grpcEnds = (events: readonly SimEvent[]) => events.filter((e): e is CallEndEvent => e.type === "call.end" && e.protocol === "grpc");

describe("gRPC in the learner SDK", () => {
  it("unary calls: promise and callback forms, replies normalised through Protobuf, real sizes", async () => {
    const out = await run({
      edge: edge(`
  const level = await stock.get({ sku: "SKU-1" }, { deadline: Date.now() + 100 });
  log.info("got", { level: JSON.stringify(level) });
  stock.Get({ sku: "SKU-2" }, (err, value) => log.info("callback", { err: err === null, sku: value?.sku ?? "" }));
  log.info("sizes", grpc.sizes("t.v1.Level", { sku: "SKU-7731", available: 150, delta: -3 }));`),
      mid: mid(`  Get(call: grpc.ServerUnaryCall<{ sku: string }>, callback: grpc.sendUnaryData<Level>) {
    callback(null, { sku: call.request.sku, available: 0, delta: 2 } as Level);
  },`),
    });
    expect(out.error).toBeUndefined();
    // available: 0 is not on the wire (proto3 default) and comes back as 0.
    expect(logsOf(out, "got")).toEqual([{ level: JSON.stringify({ sku: "SKU-1", available: 0, delta: 2 }) }]);
    expect(logsOf(out, "callback")).toEqual([{ err: true, sku: "SKU-2" }]);
    expect(logsOf(out, "sizes")).toEqual([{ protobufBytes: 15, framedBytes: 20, jsonBytes: 45, hex: "0a 08 53 4b 55 2d 37 37 33 31 10 96 01 18 05" }]);
    const replies = out.events.filter((e) => e.type === "net.send" && e.label === "grpc.response");
    expect(replies.map((e) => e.type === "net.send" && e.sizeBytes)).toEqual([5 + 9, 5 + 9]); // 0a 05 "SKU-1" 18 04
  });

  it("without parent a downstream call keeps its own deadline; with parent the earlier one wins", async () => {
    const impl = (options: string) => `  async Get(call: grpc.ServerUnaryCall<{ sku: string }>, callback: grpc.sendUnaryData<Level>) {
    try {
      callback(null, await leaf.get({ sku: call.request.sku }, ${options}));
    } catch (err) {
      callback(err as grpc.ServiceError);
    }
  },`;
    const edgeCall = edge(`
  try { await stock.get({ sku: "SKU-1" }, { deadline: Date.now() + 50 }); } catch (err) { log.info("edge", { code: (err as grpc.ServiceError).code }); }`);
    const own = await run({ edge: edgeCall, mid: mid(impl("{ deadline: Date.now() + 2_000 }")) });
    const [outer, inner] = grpcStarts(own.events);
    expect(inner!.deadlineAtMs - inner!.timeMs).toBeCloseTo(2_000, 6);
    expect(logsOf(own, "edge")).toEqual([{ code: 4 }]);
    // The leaf worked on (and answered) long after the edge had given up.
    expect(logsOf(own, "leaf answered")).toEqual([{ cancelled: false }]);
    expect(grpcEnds(own.events).map((e) => e.statusName)).toEqual(["DEADLINE_EXCEEDED", "OK"]);

    const passed = await run({ edge: edgeCall, mid: mid(impl("{ deadline: Date.now() + 2_000, parent: call }")) });
    const [outer2, inner2] = grpcStarts(passed.events);
    expect(inner2!.deadlineAtMs).toBe(outer2!.deadlineAtMs);
    expect(outer!.deadlineAtMs).toBe(outer2!.deadlineAtMs);
    // The leaf still runs its handler to the end (gRPC does not interrupt it) but sees it was cancelled.
    expect(logsOf(passed, "leaf answered")).toEqual([{ cancelled: true }]);
    expect(grpcEnds(passed.events).map((e) => e.statusName)).toEqual(["DEADLINE_EXCEEDED", "DEADLINE_EXCEEDED"]);
    expect(passed.events.some((e) => e.type === "net.send" && e.label === "grpc.response")).toBe(false);
  });

  it("server streams: events and for await, 'cancelled' fires at the deadline and late writes are dropped", async () => {
    const out = await run({
      edge: edge(`
  const got: number[] = [];
  try {
    for await (const level of stock.watch({ sku: "SKU-1" }, { deadline: Date.now() + 100 })) got.push(level.available);
  } catch (err) {
    log.info("watch ended", { code: (err as grpc.ServiceError).code, got: got.join(",") });
  }
  const ended = await new Promise<string>((resolve) => {
    stock.watch({ sku: "SKU-2" }).on("data", (l) => got.push(l.available)).on("end", () => resolve("end")).on("error", () => resolve("error"));
  });
  log.info("second", { ended });`),
      mid: mid(`  Watch(call: grpc.ServerWritableStream<{ sku: string }, Level>) {
    let n = 0;
    const timer = setInterval(() => {
      const sent = call.write({ sku: call.request.sku, available: ++n, delta: 1 });
      if (!sent) log.info("write refused", { n });
      if (call.request.sku === "SKU-2" && n === 3) { clearInterval(timer); call.end(); }
    }, 30);
    call.on("cancelled", () => { log.info("cancelled", { n, deadlineLeftMs: call.getDeadline() - Date.now() }); clearInterval(timer); });
  },`).replace("import { createService", "import { setInterval, clearInterval, createService"),
    });
    expect(out.error).toBeUndefined();
    expect(logsOf(out, "watch ended")).toEqual([{ code: 4, got: "1,2,3" }]);
    expect(logsOf(out, "cancelled")).toEqual([{ n: 3, deadlineLeftMs: 0 }]);
    expect(logsOf(out, "write refused")).toEqual([]);
    expect(logsOf(out, "second")).toEqual([{ ended: "end" }]);
  });

  it("errors: status codes, UNIMPLEMENTED, a throwing handler (UNKNOWN + position), a bad service name", async () => {
    const out = await run({
      edge: edge(`
  for (const sku of ["missing", "boom"]) {
    try { await stock.get({ sku }); } catch (err) { const e = err as grpc.ServiceError; log.info("failed", { code: e.code, details: e.details, message: e.message }); }
  }
  try { await new Promise((_, reject) => stock.watch({ sku: "x" }).on("error", reject)); } catch (err) { log.info("failed", { code: (err as grpc.ServiceError).code }); }`),
      mid: mid(`  Get(call: grpc.ServerUnaryCall<{ sku: string }>, callback: grpc.sendUnaryData<Level>) {
    if (call.request.sku === "missing") return callback({ code: grpc.status.NOT_FOUND, details: "no such sku" });
    throw new Error("kaboom");
  },`),
    });
    expect(logsOf(out, "failed")).toEqual([
      { code: 5, details: "no such sku", message: "5 NOT_FOUND: no such sku" },
      { code: 2, details: "Error: kaboom", message: "2 UNKNOWN: Error: kaboom" },
      { code: 12 },
    ]);
    expect(out.error).toMatchObject({ kind: "runtime", file: "mid.ts", line: 11 });

    const bad = await run({ edge: edge(""), mid: `import { createService } from "lab";\ncreateService("mid").addService("t.v1.Stok", {});\n` });
    expect(bad.error).toMatchObject({ kind: "runtime", file: "mid.ts", line: 2 });
    expect(bad.error!.message).toMatch(/no gRPC service "t\.v1\.Stok".*t\.v1\.Stock/);
    const typo = await run({ edge: edge(""), mid: `import { createService } from "lab";\ncreateService("mid").addService("t.v1.Stock", { Gte() {} });\n` });
    expect(typo.error!.message).toMatch(/no method "Gte" \(its methods: Get, Watch\)/);
  });

  it("the SDK's internal gRPC module cannot be installed again by learner code", async () => {
    const out = await run({ edge: edge(`
  const m = await import(["lab", "grpc"].join("-"));
  m.installGrpc({ host: {} });`) });
    expect(out.error).toMatchObject({ kind: "runtime", file: "edge.ts" });
    expect(out.error!.message).toMatch(/already installed/);
  });

  it("a reply that does not fit the .proto ends the call with INTERNAL and points at the code", async () => {
    const out = await run({
      edge: edge(`
  try { await stock.get({ sku: "x" }); } catch (err) { log.info("failed", { code: (err as grpc.ServiceError).code }); }`),
      mid: mid(`  Get(_call: grpc.ServerUnaryCall<{ sku: string }>, callback: grpc.sendUnaryData<Level>) {
    callback(null, { sku: 42 } as unknown as Level);
  },`),
    });
    expect(logsOf(out, "failed")).toEqual([{ code: 13 }]);
    expect(out.error).toMatchObject({ kind: "runtime", file: "mid.ts" });
    expect(out.error!.message).toMatch(/sku: string expected/);
  });
});
