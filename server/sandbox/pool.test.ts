/**
 * Runs go through worker threads: hostile runs end cleanly while benign runs interleaved with them on
 * the same workers succeed, and a task stuck beyond any interrupt is killed by terminating its worker.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CompiledGuest } from "./compile";
import { BENIGN_SOURCE, caseRequest, compileCase, firstError, HOSTILE_CASES, mismatch } from "./hostile-cases";
import { SandboxPool, SandboxTaskKilledError } from "./pool";
import type { RunGuestResult } from "./run-guest";

let pool: SandboxPool;
let benign: CompiledGuest;

beforeAll(async () => {
  pool = new SandboxPool({ threads: 2 });
  pool.registerTask("run-guest", new URL("./run-guest-task.ts", import.meta.url));
  const fixtures = new URL("./fixtures/stuck-task.ts", import.meta.url);
  pool.registerTask("host-busy-loop", fixtures, "hostBusyLoop");
  pool.registerTask("unguarded-quickjs", fixtures, "unguardedQuickJs");
  pool.registerTask("echo", fixtures, "echo");
  const c = await compileCase(BENIGN_SOURCE);
  if (!c.ok) throw new Error(c.error.message);
  benign = c.compiled;
});

afterAll(async () => {
  await pool.close();
});

const runBenign = () => pool.runTask<RunGuestResult>("run-guest", caseRequest(benign), { timeoutMs: 20_000 });

describe("SandboxPool", () => {
  it("ends every hostile run cleanly while benign runs interleaved on the same workers succeed", async () => {
    const compiled = await Promise.all(HOSTILE_CASES.map(async (c) => ({ c, r: await compileCase(c.source) })));
    const runnable = compiled.filter((x): x is { c: typeof x.c; r: { ok: true; compiled: CompiledGuest } } => x.r.ok);
    const hostile = runnable.map(({ c, r }) =>
      pool.runTask<RunGuestResult>("run-guest", caseRequest(r.compiled), { timeoutMs: 20_000 }).then((res) => ({ c, res })));
    const benignRuns = Array.from({ length: runnable.length }, runBenign);
    const [hostileDone, benignDone] = await Promise.all([Promise.all(hostile), Promise.all(benignRuns)]);
    const wrong = hostileDone.map(({ c, res }) => ({ name: c.name, why: mismatch(c.expect, firstError(res)) })).filter((x) => x.why);
    expect(wrong).toEqual([]);
    for (const b of benignDone) expect(b.results[0]).toEqual({ ok: true, value: { doubled: 2, now: 1_000 } });
  });

  it("terminates a worker stuck in a host loop and replaces it", async () => {
    const startedAt = performance.now();
    await expect(pool.runTask("host-busy-loop", null, { timeoutMs: 500 })).rejects.toMatchObject({ name: "SandboxTaskKilledError", reason: "timeout" });
    expect(performance.now() - startedAt).toBeLessThan(5_000);
    expect((await runBenign()).ok).toBe(true);
  });

  it("terminates a worker stuck in WASM with no interrupt handler", async () => {
    await expect(pool.runTask("unguarded-quickjs", null, { timeoutMs: 800 })).rejects.toBeInstanceOf(SandboxTaskKilledError);
    expect((await runBenign()).ok).toBe(true);
  });

  it("honours the caller's abort signal and rejects unknown task names", async () => {
    const controller = new AbortController();
    const running = pool.runTask("host-busy-loop", null, { timeoutMs: 10_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    await expect(running).rejects.toMatchObject({ reason: "aborted" });
    await expect(pool.runTask("nope", null, { timeoutMs: 100 })).rejects.toThrow(/no task registered/);
    expect(await pool.runTask("echo", { a: 1 }, { timeoutMs: 5_000 })).toEqual({ echoed: { a: 1 } });
  });
});
