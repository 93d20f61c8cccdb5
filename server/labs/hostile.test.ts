/**
 * Hostile learner code through the lab runtime (SDK + bridge + simulation), not just the raw VM: each
 * case is a service file whose handler (or top level) misbehaves. Every case must end its run with the
 * expected clean error, leave the host unpolluted, and a benign run right after it must still pass.
 * A few cases also go through the worker pool concurrently with benign runs of a real lab.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileGuest } from "../sandbox/compile";
import { SandboxPool } from "../sandbox/pool";
import type { LabError } from "../../lib/lab/protocol";
import { defineLab } from "./define";
import { runLab, type LabRunOutcome } from "./host";
import { filesRecord, getLab, labFiles, makeLab } from "./registry";
import { LabRuntime } from "./runtime";

const lab = makeLab(defineLab({
  id: "99-hostile", chapter: "ch01-introduction", section: "key-elements",
  title: { zh: "敌意代码", en: "Hostile code" }, description: { zh: "测试", en: "test" }, goals: [{ zh: "测试", en: "test" }],
  files: ["svc.ts"],
  scenario: {
    name: "hostile", durationMs: 2_000,
    services: [{ name: "svc" }, { name: "other" }],
    brokers: [{ kind: "amqp", name: "rabbit", queues: [{ name: "q" }] }],
    workloads: [{ name: "poke", protocol: "http", to: "svc", method: "GET", path: "/x", arrival: { type: "constant", intervalMs: 100 }, count: 3, startMs: 10 }],
  },
  objectives: [{ id: "answered", title: { zh: "答复", en: "answered" }, explain: { zh: "答复", en: "answered" },
    check: (events) => ({ passed: events.some((e) => e.type === "call.end" && e.status === 200), detail: "a 200" }) }],
  hints: [{ zh: "无", en: "none" }],
  topology: { nodes: [{ id: "svc", kind: "service", label: "svc" }], edges: [] },
  completion: { zh: "完成", en: "done" },
  maxEvents: 20_000,
}));

/** Tight op budgets keep the loops short; everything else is the labs' real configuration. */
const LIMITS = { callOpTicksMax: 300, runOpTicksMax: 1_200, callWallMsMax: 5_000, runWallMsMax: 20_000 };

type Expect = "ok" | "compile" | "runtime" | { limit: RegExp };
interface Case { name: string; body?: string; file?: string; expect: Expect; message?: RegExp }

const handler = (body: string) => `import { createService, fetch, http, log, metrics, setTimeout, setInterval, amqp } from "lab";
void fetch; void http; void log; void metrics; void setTimeout; void setInterval; void amqp;
const app = createService("svc");
app.get("/x", async (req: any, res: any) => {
${body}
  res.json({ ok: true });
});
`;

const CASES: Case[] = [
  // Constructor chains and code from strings
  { name: "({}).constructor.constructor", body: `return ({}).constructor.constructor("return process")().exit(1);`, expect: "runtime", message: /Function constructor/ },
  { name: "function this.constructor chain", body: `const f: any = function (this: any) { return this; }; f.call({}).constructor.constructor("return process")();`, expect: "runtime", message: /Function constructor/ },
  { name: "async function constructor", body: `(async function () {}).constructor("return process")();`, expect: "runtime", message: /Function constructor/ },
  { name: "SDK function's constructor", body: `(fetch as any).constructor("return globalThis.process")().exit(1);`, expect: "runtime", message: /Function constructor/ },
  { name: "eval", body: `(globalThis as any)["ev" + "al"]("1");`, expect: "runtime", message: /not a function/ },
  { name: "new Function", body: `new Function("return process")();`, expect: "runtime", message: /Function constructor/ },
  { name: "require and process", body: `(globalThis as any).require("fs");`, expect: "runtime", message: /not a function/ },
  // Modules
  { name: "import fs", file: `import fs from "fs";\nimport { createService } from "lab";\ncreateService("svc");\nvoid fs;\n`, expect: "compile", message: /not allowed/ },
  { name: "import node:child_process dynamically (literal)", body: `await import("node:child_process");`, expect: "compile", message: /not allowed/ },
  { name: "dynamic import, computed name", body: `await import(["f", "s"].join(""));`, expect: "runtime", message: /Cannot import/ },
  // Tampering with the SDK and the bridge
  { name: "prototype pollution of SDK objects", body: `(Object.prototype as any).polluted = "yes"; Object.getPrototypeOf(res).json = function () { return 1; }; (Array.prototype as any).map = null;`, expect: "ok" },
  { name: "JSON and Object tampering", body: `(globalThis as any).JSON = { stringify() { return "{}"; }, parse() { return {}; } }; (Object as any).keys = null;`, expect: "ok" },
  { name: "re-registering the dispatcher", body: `(globalThis as any).__host.register(() => 0);`, expect: "runtime", message: /already registered/ },
  { name: "bridge called with hostile arguments", body: `(globalThis as any).__host.reply(1, { status: 99999, headers: null, body: 1 });`, expect: "runtime", message: /invalid argument/ },
  { name: "replying twice", body: `res.json({ a: 1 });`, expect: "runtime", message: /Cannot set headers/ },
  // Endless loops, everywhere code runs
  { name: "while (true) in a handler", body: `while (true) {}`, expect: { limit: /operation ticks/ } },
  { name: "loop in a promise job", body: `Promise.resolve().then(() => { for (;;) {} });`, expect: { limit: /operation ticks/ } },
  { name: "endless promise-job chain", body: `const loop = (): Promise<void> => Promise.resolve().then(loop); void loop();`, expect: { limit: /promise jobs|operation ticks/ } },
  { name: "loop in a timer callback", body: `setTimeout(() => { for (;;) {} }, 5);`, expect: { limit: /operation ticks/ } },
  { name: "loop at the top level of a file", file: `import { createService } from "lab";\ncreateService("svc");\nfor (;;) {}\n`, expect: { limit: /operation ticks/ } },
  { name: "regexp backtracking", body: `/(a+)+$/.test("a".repeat(40) + "b");`, expect: { limit: /operation ticks/ } },
  // Memory and stack
  { name: "string doubling", body: `let s = "x"; for (;;) s += s;`, expect: { limit: /memory/ } },
  { name: "huge array", body: `const a: number[] = []; for (let i = 0; ; i++) a.push(i);`, expect: { limit: /memory|operation ticks/ } },
  { name: "typed array bomb", body: `new Uint8Array(new ArrayBuffer(2 ** 30));`, expect: "runtime", message: /not defined/ },
  { name: "deep recursion (caught by the SDK, still a limit)", body: `const f = (n: number): number => f(n + 1) + 1; f(0);`, expect: { limit: /stack overflow/ } },
  // Floods
  { name: "log flood", body: `for (;;) log.info("spam");`, expect: { limit: /log lines|bridge/ } },
  { name: "console flood with catch", body: `for (;;) { try { console.log("x"); } catch { /* keep going */ } }`, expect: { limit: /log lines|bridge|operation ticks/ } },
  { name: "request flood (fan-out to itself)", body: `void fetch("http://svc/x").catch(() => 0); void fetch("http://svc/x").catch(() => 0);`, expect: { limit: /maxEvents|maxQueueSize|bridge/ } },
  { name: "timer flood", body: `for (let i = 0; i < 500; i++) setInterval(() => undefined, 0);`, expect: { limit: /maxEvents|bridge/ } },
  { name: "metric flood in one call", body: `for (;;) metrics.counter("x").inc();`, expect: { limit: /maxEvents|bridge|operation ticks/ } },
  // Values that cannot cross the bridge
  { name: "getter loop in a reply body", body: `return res.json({ get x() { for (;;) {} } });`, expect: { limit: /operation ticks/ } },
  { name: "Proxy as fetch options", body: `await fetch("http://other/", new Proxy({}, { get() { throw new Error("gotcha"); } }) as any);`, expect: "runtime", message: /gotcha/ },
  { name: "huge reply body", body: `return res.json("x".repeat(3e6));`, expect: { limit: /bytes|memory/ } },
  { name: "BigInt in a reply", body: `return res.json({ n: 10n });`, expect: "runtime", message: /BigInt/ },
  // Throwing things that are not Errors
  { name: "throw 42", body: `throw 42;`, expect: "runtime", message: /Uncaught 42/ },
  { name: "throw null", body: `throw null;`, expect: "runtime", message: /Uncaught null/ },
  { name: "throw an object whose getter loops", body: `throw { get message() { for (;;) {} } };`, expect: { limit: /operation ticks/ } },
  { name: "throw a Proxy", body: `throw new Proxy({}, { get() { for (;;) {} } });`, expect: { limit: /operation ticks/ } },
];

async function runCase(source: string): Promise<{ compileError?: LabError; out?: LabRunOutcome }> {
  const c = await compileGuest({ files: { "svc.ts": source }, allowedModules: ["lab"] });
  if (!c.ok) return { compileError: c.error as LabError };
  return { out: await runLab({ labId: lab.def.id, compiled: c.compiled, seed: 5, limits: LIMITS }, lab) };
}

function mismatch(c: Case, r: { compileError?: LabError; out?: LabRunOutcome }): string | null {
  const error = r.compileError ?? r.out?.error;
  if (c.expect === "ok") return error ? `expected success, got ${JSON.stringify(error)}` : null;
  if (!error) return `expected an error, got success`;
  const kind = typeof c.expect === "string" ? c.expect : "limit";
  if (error.kind !== kind) return `expected ${kind}, got ${JSON.stringify(error)}`;
  const re = typeof c.expect === "object" ? c.expect.limit : c.message;
  if (re && !re.test(error.message)) return `expected message ${re}, got "${error.message}"`;
  return null;
}

const BENIGN = handler(`log.info("hello", { n: 1 });`);

describe("hostile learner code through the lab runtime", () => {
  it("has at least 25 cases", () => expect(CASES.length).toBeGreaterThanOrEqual(25));

  for (const c of CASES) {
    it(c.name, async () => {
      const r = await runCase(c.file ?? handler(c.body ?? ""));
      expect(mismatch(c, r)).toBeNull();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(typeof JSON.stringify).toBe("function");
      expect(typeof Array.prototype.map).toBe("function");
      const benign = await runCase(BENIGN);
      expect(benign.out?.error).toBeUndefined();
      expect(benign.out?.objectives[0]?.passed).toBe(true);
    });
  }
});

describe("hostile runs in the worker pool", () => {
  let pool: SandboxPool;
  let runtime: LabRuntime;
  beforeAll(() => {
    pool = new SandboxPool({ threads: 2 });
    runtime = new LabRuntime({ pool, taskTimeoutMs: 30_000 });
  });
  afterAll(async () => {
    await runtime.close();
    await pool.close();
  });

  it("end cleanly while benign runs on the same workers pass", async () => {
    const real = getLab("02-sync-vs-async")!;
    const solution = filesRecord(labFiles(real, "solution"));
    const hostile = (body: string) => ({ "payments.ts": handler(body).replace('createService("svc")', 'createService("payments")').replace('app.get("/x"', 'app.post("/charges"') });
    const bad = [
      runtime.execute(real.def.id, hostile("while (true) {}"), 1),
      runtime.execute(real.def.id, hostile(`let s = "x"; for (;;) s += s;`), 1),
      runtime.execute(real.def.id, { "orders.ts": "for (;;) {}" }, 1),
    ];
    const good = [runtime.execute(real.def.id, solution, 1), runtime.execute(real.def.id, solution, 2)];
    const [b1, b2, b3, g1, g2] = await Promise.all([...bad, ...good]);
    // The sync starter calls payments over HTTP, so the hostile /charges handler runs.
    for (const b of [b1, b2, b3]) {
      const error = b!.ok ? b!.outcome.error : b!.error;
      expect(error?.kind).toBe("limit");
    }
    for (const g of [g1, g2]) {
      expect(g!.ok).toBe(true);
      if (g!.ok) expect(g!.outcome.objectives.every((o) => o.passed)).toBe(true);
    }
  });
});
