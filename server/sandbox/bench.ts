/**
 * Measures the figures quoted in README.md: `npx tsx server/sandbox/bench.ts`.
 * Wall-clock numbers depend on the machine; tick counts do not.
 */
import { compileGuest, type CompiledGuest } from "./compile";
import { GuestVm } from "./guest-vm";
import { SandboxPool } from "./pool";
import { runGuest } from "./run-guest";

const GUEST = `
declare const __host: { noop(x: unknown): void };
export const noopCalls = (n: number) => { for (let i = 0; i < n; i++) __host.noop(i); };
export const objectCalls = (n: number) => { for (let i = 0; i < n; i++) __host.noop({ id: i, name: "order", items: [1, 2, 3] }); };
export const handler = (req: { a: number }) => ({ b: req.a + 1 });
export const sum = (n: number) => { let s = 0; for (let i = 0; i < n; i++) s += i; return s; };
export const spin = () => { for (;;) {} };
`;

async function compiled(): Promise<CompiledGuest> {
  const c = await compileGuest({ files: { "main.ts": GUEST } });
  if (!c.ok) throw new Error(c.error.message);
  return c.compiled;
}

function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const code = await compiled();
  console.log(`compile (esbuild, 1 file, first call incl. service start): ${(performance.now() - t0).toFixed(1)} ms`);
  const t1 = performance.now();
  await compiled();
  console.log(`compile (warm): ${(performance.now() - t1).toFixed(1)} ms`);

  const make = async () => {
    const vm = await GuestVm.create({ seed: 1, bridge: { noop: () => undefined }, limits: { runWallMsMax: 600_000, runOpTicksMax: 10_000_000, callOpTicksMax: 1_000_000, callWallMsMax: 60_000, bridgeCallsMax: 10_000_000 } });
    vm.load(code);
    return vm;
  };
  (await make()).dispose(); // compiles the .wasm once for the thread
  // Run with `node --expose-gc --import tsx` for stable figures.
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  gc();
  const { rss: rssBefore, external: externalBefore } = process.memoryUsage();
  const held: GuestVm[] = [];
  for (let i = 0; i < 20; i++) {
    const v = await make();
    v.call(v.getFunction(["handler"])!, [{ a: i }]);
    held.push(v);
  }
  gc();
  const rssPerVm = (process.memoryUsage().rss - rssBefore) / 20;
  const externalPerVm = (process.memoryUsage().external - externalBefore) / 20;
  console.log(`memory per live VM (after one call): resident +${(rssPerVm / 2 ** 20).toFixed(2)} MiB, reserved +${(externalPerVm / 2 ** 20).toFixed(1)} MiB (WASM linear memory, committed lazily)`);
  for (const v of held) v.dispose();
  const createMs: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    const vm = await make();
    createMs.push(performance.now() - t);
    vm.dispose();
  }
  createMs.sort((a, b) => a - b);
  console.log(`VM create + prelude + load: median ${createMs[10]!.toFixed(2)} ms, max ${createMs[19]!.toFixed(2)} ms`);

  const vm = await make();
  const fn = (name: string) => vm.getFunction([name])!;
  const n = 20_000;
  const baseline = time(() => vm.call(fn("sum"), [n]));
  const noop = time(() => vm.call(fn("noopCalls"), [n]));
  const obj = time(() => vm.call(fn("objectCalls"), [n]));
  console.log(`guest→host bridge call, number arg: ${(((noop - baseline) / n) * 1000).toFixed(2)} µs; object arg (JSON): ${(((obj - baseline) / n) * 1000).toFixed(2)} µs`);
  const handler = fn("handler");
  const calls = 5_000;
  const hostCalls = time(() => { for (let i = 0; i < calls; i++) vm.call(handler, [{ a: i }]); });
  console.log(`host→guest call (JSON arg + JSON result + job drain): ${((hostCalls / calls) * 1000).toFixed(2)} µs`);

  const before = vm.budget.ticksTotal;
  vm.call(fn("sum"), [1_000_000]);
  console.log(`ticks for 1e6 iterations of \`s += i\`: ${vm.budget.ticksTotal - before}`);
  vm.dispose();

  for (const [label, fnName] of [["for(;;){}", "spin"], ["s += i loop", "sum"]] as const) {
    const r = await runGuest({ compiled: code, seed: 1, limits: { callOpTicksMax: 5_000, callWallMsMax: 60_000, runWallMsMax: 60_000 }, calls: [{ path: [fnName], args: [1e12] }] });
    console.log(`${label}: 5 000 ticks took ${r.stats.wallMsRun.toFixed(0)} ms (${r.error?.kind === "limit" ? r.error.limit : "no limit"})`);
  }


  const pool = new SandboxPool({ threads: 1 });
  pool.registerTask("run", new URL("./run-guest-task.ts", import.meta.url));
  const req = { compiled: code, seed: 1, calls: [{ path: ["handler"], args: [{ a: 1 }] }] };
  const c0 = performance.now();
  await pool.runTask("run", req, { timeoutMs: 30_000 });
  const cold = performance.now() - c0;
  const w0 = performance.now();
  for (let i = 0; i < 10; i++) await pool.runTask("run", req, { timeoutMs: 30_000 });
  console.log(`pool run (new VM per run): cold worker ${cold.toFixed(0)} ms, warm ${((performance.now() - w0) / 10).toFixed(1)} ms`);
  await pool.close();
}

void main();
