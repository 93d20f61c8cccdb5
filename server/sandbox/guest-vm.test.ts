import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { Prng } from "../sim/prng";
import { typedBridge } from "./bridge";
import { compileGuest } from "./compile";
import { GuestVm } from "./guest-vm";
import { GuestCallback } from "./marshal";
import { TEST_SDK } from "./hostile-cases";
import { runGuest } from "./run-guest";
import type { Json } from "./types";

const vms: GuestVm[] = [];
afterEach(() => {
  for (const vm of vms.splice(0)) vm.dispose();
});

async function load(files: Record<string, string>, options: Partial<Parameters<typeof GuestVm.create>[0]> = {}): Promise<GuestVm> {
  const c = await compileGuest({ files, allowedModules: ["lab"] });
  if (!c.ok) throw new Error(JSON.stringify(c.error));
  const vm = await GuestVm.create({ seed: 1, modules: { lab: TEST_SDK }, ...options });
  vms.push(vm);
  const loaded = vm.load(c.compiled);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
  return vm;
}

describe("GuestVm", () => {
  it("calls an exported handler with JSON and later calls back a function the guest passed to the host", async () => {
    const pending: GuestCallback[] = [];
    const vm = await load({
      "orders.ts": `import { price } from "./pricing";
declare const __host: { http(to: string, body: unknown, cb: (res: { status: number }) => void): number };
let confirmed = 0;
export function onHttp(req: { items: number[] }) {
  const id = __host.http("payments", { total: price(req.items) }, (res) => { if (res.status === 200) confirmed++; });
  return { id, total: price(req.items) };
}
export const stats = () => ({ confirmed });`,
      "pricing.ts": `export const price = (items: number[]): number => items.reduce((a, b) => a + b, 0);`,
    }, { bridge: { http: typedBridge(z.tuple([z.string(), z.unknown(), z.instanceof(GuestCallback)]), ([, , cb]) => pending.push(cb)) } });
    const onHttp = vm.getFunction(["onHttp"]);
    expect(onHttp).not.toBeNull();
    expect(vm.call(onHttp!, [{ items: [2, 3] }])).toEqual({ ok: true, value: { id: 1, total: 5 } });
    expect(pending).toHaveLength(1);
    expect(vm.call(pending[0]!, [{ status: 200 }])).toEqual({ ok: true, value: undefined });
    expect(vm.call(vm.getFunction(["stats"])!, [])).toEqual({ ok: true, value: { confirmed: 1 } });
    expect(vm.keys([])).toEqual(expect.arrayContaining(["onHttp", "stats"]));
  });

  it("maps runtime errors to the learner's file, line and column, also inside callbacks and promise jobs", async () => {
    const vm = await load({
      "main.ts": `import { check } from "./util";\nexport function run(n: number) {\n  return check(n);\n}\nexport async function later() {\n  await null;\n  (null as any).x;\n}\n`,
      "util.ts": `type N = number;\n\nexport function check(n: N): N {\n  if (n > 1) throw new RangeError("n too large: " + n);\n  return n;\n}\n`,
    });
    const r = vm.call(vm.getFunction(["run"])!, [5]);
    expect(r).toMatchObject({ ok: false, error: { kind: "runtime", message: "RangeError: n too large: 5", file: "util.ts", line: 4 } });
    const col = !r.ok && r.error.kind === "runtime" ? r.error.column ?? 0 : 0;
    expect(col).toBeGreaterThanOrEqual(13); // inside `throw new RangeError(…)`
    expect(col).toBeLessThanOrEqual(52);
    expect(!r.ok && r.error.kind === "runtime" && r.error.stack).toContain("main.ts:3:");
    expect(vm.call(vm.getFunction(["later"])!, [])).toMatchObject({ ok: false, error: { kind: "runtime", file: "main.ts", line: 7 } });
    expect(vm.call(vm.getFunction(["run"])!, [1])).toEqual({ ok: true, value: 1 }); // a runtime error does not end the session
  });

  it("seeds Math.random: same seed ⇒ same sequence, equal to the engine's xoshiro128** stream", async () => {
    const files = { "main.ts": `export const draw = (n: number) => Array.from({ length: n }, () => Math.random());` };
    const a = await load(files, { seed: 2024 });
    const b = await load(files, { seed: 2024 });
    const c = await load(files, { seed: 2025 });
    const seq = (vm: GuestVm) => vm.call(vm.getFunction(["draw"])!, [5]);
    const prng = new Prng(2024);
    const [fromA, fromB, fromC] = [seq(a), seq(b), seq(c)];
    expect(fromA).toEqual({ ok: true, value: Array.from({ length: 5 }, () => prng.nextUint32() / 2 ** 32) });
    expect(fromB).toEqual(fromA);
    expect(fromC).not.toEqual(fromA);
  });

  it("gives Date and Date.now the simulated time, in UTC", async () => {
    const vm = await load({ "main.ts": `export const now = () => [Date.now(), new Date().getTime(), new Date(0).getHours(), new Date(0).getTimezoneOffset(), typeof (globalThis as any).performance, String(new Date(86_400_000)).slice(0, 3), new Date() instanceof Date];` }, { timeMs: 1_234 });
    expect(vm.call(vm.getFunction(["now"])!, [])).toEqual({ ok: true, value: [1_234, 1_234, 0, 0, "undefined", "Fri", true] });
    vm.setTimeMs(99_000);
    const later = vm.call(vm.getFunction(["now"])!, []);
    expect(later.ok && (later.value as number[]).slice(0, 2)).toEqual([99_000, 99_000]);
  });

  it("cuts an endless loop at the same operation tick every time (deterministic budget)", async () => {
    const source = { "main.ts": `import { emit } from "lab";\nlet i = 0;\nexport function work() { for (;;) { i++; if (i % 5_000 === 0) emit(i); } }` };
    const limits = { callOpTicksMax: 300, callWallMsMax: 30_000, runWallMsMax: 60_000 };
    const run = () => runGuest({ compiled: compiled!, seed: 3, limits, modules: { lab: TEST_SDK }, calls: [{ path: ["work"], args: [] }] });
    const c = await compileGuest({ files: source });
    const compiled = c.ok ? c.compiled : null;
    const [first, second] = [await run(), await run()];
    expect(first.error).toMatchObject({ kind: "limit", limit: "ops" });
    expect(first.emitted.length).toBeGreaterThan(10);
    expect(second.emitted).toEqual(first.emitted);
    expect(second.stats.opTicksRun).toBe(first.stats.opTicksRun);
  });

  it("settles async handlers through the job queue and reports promises that never settle", async () => {
    const vm = await load({ "main.ts": `export async function ok(x: number) { await null; return x + 1; }\nexport function never() { return new Promise(() => {}); }` });
    expect(vm.call(vm.getFunction(["ok"])!, [1])).toEqual({ ok: true, value: 2 });
    expect(vm.call(vm.getFunction(["never"])!, [])).toMatchObject({ ok: false, error: { kind: "runtime", message: expect.stringContaining("never settled") } });
  });

  it("validates bridge arguments with zod and throws a catchable TypeError into the guest", async () => {
    const seen: Json[] = [];
    const vm = await load({ "main.ts": `declare const __host: any;\nexport function go() { try { __host.add("x", 2); } catch (e: any) { return e.name + ": " + e.message; } }` },
      { bridge: { add: typedBridge(z.tuple([z.number(), z.number()]), ([a, b]) => void seen.push(a + b)) } });
    const r = vm.call(vm.getFunction(["go"])!, []);
    expect(r.ok && String(r.value)).toMatch(/^TypeError: add: invalid argument 0/);
    expect(seen).toEqual([]);
  });

  it("keeps host functions from re-entering the guest and hides host objects", async () => {
    let vmRef: GuestVm | null = null;
    const vm = await load({ "main.ts": `declare const __host: any;\nexport function go(cb: () => void) { try { __host.reenter(() => 1); } catch (e: any) { return [e.message, typeof (globalThis as any).process, typeof (globalThis as any).require, this === undefined]; } }` },
      { bridge: { reenter: ([cb]) => void vmRef!.call(cb as GuestCallback, []) } });
    vmRef = vm;
    const r = vm.call(vm.getFunction(["go"])!, []);
    expect(r).toEqual({ ok: true, value: ["reenter: GuestVm: calls are not re-entrant (schedule from bridge functions instead)", "undefined", "undefined", true] });
  });

  it("allows ordinary recursion and refuses every call after a limit tripped", async () => {
    const vm = await load({ "main.ts": `const depth = (n: number): number => (n === 0 ? 0 : 1 + depth(n - 1));\nexport const deep = () => depth(1_000);\nexport function spin() { for (;;) {} }` }, { limits: { callOpTicksMax: 200 } });
    expect(vm.call(vm.getFunction(["deep"])!, [])).toEqual({ ok: true, value: 1_000 });
    const deep = vm.getFunction(["deep"])!;
    expect(vm.call(vm.getFunction(["spin"])!, [])).toMatchObject({ ok: false, error: { kind: "limit", limit: "ops" } });
    expect(vm.call(deep, [])).toMatchObject({ ok: false, error: { kind: "limit", limit: "ops" } });
    expect(vm.failure).toMatchObject({ kind: "limit", limit: "ops" });
  });
});
