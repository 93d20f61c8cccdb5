/**
 * A complete, generic sandbox run as plain data in and out: create a VM, load a compiled bundle, make a
 * list of calls, and run any callbacks the guest handed to `__host.defer` after each call (the smallest
 * "host calls the guest back later" loop). It is the pool's built-in task (`run-guest-task.ts`), the
 * harness of the hostile-code suite, and a template for the lab runner.
 */
import { z } from "zod";
import { typedBridge } from "./bridge";
import { GuestVm, type CallResult, type LogLine } from "./guest-vm";
import { GuestCallback } from "./marshal";
import { jsonSchema, type GuestError, type Json } from "./types";

export const runGuestRequestSchema = z.object({
  compiled: z.object({
    code: z.string().max(4 << 20),
    sourceMap: z.string().max(8 << 20),
    fileName: z.string().min(1).max(200),
    allowedModules: z.array(z.string()),
  }),
  seed: z.number().int(),
  timeMs: z.number().finite().default(0),
  limits: z.record(z.string(), z.number()).default({}),
  /** Host module sources by id (e.g. a test SDK for "lab"). */
  modules: z.record(z.string(), z.string().max(1 << 20)).default({}),
  calls: z.array(z.object({
    path: z.array(z.string().max(200)).max(10),
    args: z.array(jsonSchema).max(16).default([]),
    timeMs: z.number().finite().optional(),
  })).max(1_000).default([]),
  /** Deferred callbacks run per call, at most; more are dropped (the guest asked for too much). */
  deferredPerCallMax: z.number().int().positive().max(10_000).default(100),
});
export type RunGuestRequest = z.input<typeof runGuestRequestSchema>;

export interface RunGuestResult {
  ok: boolean;
  results: CallResult[];
  /** Values the guest passed to `__host.emit`, in order. */
  emitted: Json[];
  logs: LogLine[];
  error?: GuestError;
  stats: ReturnType<GuestVm["stats"]> & { createMs: number };
}

export async function runGuest(input: RunGuestRequest): Promise<RunGuestResult> {
  const req = runGuestRequestSchema.parse(input);
  const emitted: Json[] = [];
  const deferred: { cb: GuestCallback; arg: Json }[] = [];
  const startedAt = performance.now();
  const vm = await GuestVm.create({
    seed: req.seed, timeMs: req.timeMs, limits: req.limits, modules: req.modules,
    bridge: {
      emit: typedBridge(z.tuple([jsonSchema]), ([value]) => void emitted.push(value)),
      defer: typedBridge(z.tuple([z.instanceof(GuestCallback), jsonSchema.optional()]), ([cb, arg]) => {
        deferred.push({ cb, arg: arg ?? null });
        return deferred.length;
      }),
    },
  });
  const createMs = performance.now() - startedAt;
  const results: CallResult[] = [];
  let error: GuestError | undefined;
  try {
    const loaded = vm.load(req.compiled as Parameters<GuestVm["load"]>[0]);
    if (!loaded.ok) error = loaded.error;
    for (const call of error ? [] : req.calls) {
      if (call.timeMs !== undefined) vm.setTimeMs(call.timeMs);
      const fn = vm.getFunction(call.path);
      const result: CallResult = fn ? vm.call(fn, call.args) : vm.failure ? { ok: false, error: vm.failure }
        : { ok: false, error: { kind: "runtime", message: `${call.path.join(".")} is not an exported function` } };
      if (fn) vm.release(fn);
      results.push(result);
      runDeferred(vm, deferred, req.deferredPerCallMax, results);
      if (vm.failure) break;
    }
    error ??= vm.failure ?? undefined;
    return { ok: !error && results.every((r) => r.ok), results, emitted, logs: vm.takeLogs(), error, stats: { ...vm.stats(), createMs } };
  } finally {
    vm.dispose();
  }
}

function runDeferred(vm: GuestVm, queue: { cb: GuestCallback; arg: Json }[], max: number, results: CallResult[]): void {
  for (let i = 0; i < max && queue.length > 0 && !vm.failure; i++) {
    const { cb, arg } = queue.shift()!;
    const r = vm.call(cb, [arg]);
    vm.release(cb);
    if (!r.ok) results.push(r);
  }
  for (const { cb } of queue.splice(0)) vm.release(cb);
}
