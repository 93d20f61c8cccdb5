/**
 * Host functions the guest may call. Each crossing is counted (bridgeCallsMax); arguments arrive as
 * JSON (or `GuestCallback` for function arguments), results go back as JSON. A host function that
 * throws becomes a catchable guest error with the message only (no host stack). After a limit trips
 * every bridge call fails at once and the guest's next interrupt poll stops it uncatchably, so
 * `try { flood() } catch {}` cannot keep a flood going.
 */
import type { QuickJSHandle } from "quickjs-emscripten-core";
import type { z } from "zod";
import type { GuestVm } from "./guest-vm";
import { GuestCallback, type BridgeValue } from "./marshal";
import type { Json } from "./types";

export type BridgeArgs = readonly (BridgeValue | undefined)[];
export type BridgeFunction = (args: BridgeArgs, vm: GuestVm) => Json | undefined | void;

const ARGS_MAX = 16;

/** A bridge function whose arguments are checked by a zod schema (a tuple, usually). */
export function typedBridge<S extends z.ZodType>(schema: S, fn: (args: z.infer<S>, vm: GuestVm) => Json | undefined | void): BridgeFunction {
  return (args, vm) => {
    const parsed = schema.safeParse(args);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new TypeError(`invalid argument ${issue?.path.join(".") ?? ""}: ${issue?.message ?? "bad value"}`);
    }
    return fn(parsed.data, vm);
  };
}

export function installBridge(vm: GuestVm, functions: Record<string, BridgeFunction>, globalName: string): void {
  const ctx = vm.ctx;
  const bridge = ctx.newObject();
  for (const [name, fn] of Object.entries(functions)) {
    const h = ctx.newFunction(name, (...argHandles) => invoke(vm, name, fn, argHandles));
    ctx.setProp(bridge, name, h);
    h.dispose();
  }
  ctx.defineProp(ctx.global, globalName, { value: bridge, configurable: true, enumerable: false });
  bridge.dispose();
}

function invoke(vm: GuestVm, name: string, fn: BridgeFunction, argHandles: QuickJSHandle[]): QuickJSHandle | { error: QuickJSHandle } | undefined {
  const ctx = vm.ctx;
  if (vm.budget.tripped) return { error: vm.limitReached() };
  if (++vm.bridgeCalls > vm.limits.bridgeCallsMax) {
    vm.budget.trip("bridge-calls", `the guest made more than ${vm.limits.bridgeCallsMax} calls to the host`);
    return { error: vm.limitReached() };
  }
  if (argHandles.length > ARGS_MAX) return { error: ctx.newError({ name: "TypeError", message: `${name}: too many arguments` }) };
  const args: (BridgeValue | undefined)[] = [];
  for (const h of argHandles) {
    if (ctx.typeof(h) === "function") {
      const cb = vm.retain(h);
      if (!cb) return { error: vm.limitReached() };
      args.push(cb);
      continue;
    }
    const r = vm.marshal.read(h);
    if (r.ok) {
      args.push(r.value);
      continue;
    }
    releaseCallbacks(vm, args);
    if (vm.budget.tripped) {
      r.thrown?.dispose();
      return { error: vm.limitReached() };
    }
    return { error: r.thrown ?? ctx.newError({ name: "TypeError", message: `${name}: ${r.message}` }) };
  }
  let out: Json | undefined | void;
  try {
    out = fn(args, vm);
  } catch (err) {
    if (vm.budget.tripped) return { error: vm.limitReached() };
    const e = err instanceof Error ? err : new Error(String(err));
    return { error: ctx.newError({ name: e.name === "TypeError" ? "TypeError" : "Error", message: `${name}: ${e.message}`.slice(0, 1_000) }) };
  }
  if (vm.budget.tripped) return { error: vm.limitReached() };
  try {
    return vm.marshal.write(out ?? undefined);
  } catch {
    return { error: vm.limitReached() };
  }
}

function releaseCallbacks(vm: GuestVm, args: (BridgeValue | undefined)[]): void {
  for (const a of args) if (a instanceof GuestCallback) vm.release(a);
}
