/**
 * Turning whatever the guest threw into a `GuestError`. The thrown value may be anything — 42, null, a
 * Proxy, an object whose `message` getter never returns — so it is read by the prelude's `describe`
 * inside a small private budget (GRACE); if that runs out, a fixed text is used instead. QuickJS's own
 * internal errors for resource exhaustion are reported as limits.
 */
import type { QuickJSHandle } from "quickjs-emscripten-core";
import { GRACE, type Budget } from "./budget";
import type { GuestVm } from "./guest-vm";
import type { PositionMapper } from "./source-map";
import type { GuestError } from "./types";

export function limitFromTrip(budget: Budget): GuestError | null {
  return budget.tripped ? { kind: "limit", limit: budget.tripped.limit, message: budget.tripped.message } : null;
}

const UNREADABLE = "Uncaught exception (the thrown value could not be read within the sandbox's budget)";

export function describeThrown(vm: GuestVm, thrown: QuickJSHandle, describe: QuickJSHandle, mapper: PositionMapper): GuestError {
  const tripped = limitFromTrip(vm.budget);
  if (tripped) {
    thrown.dispose();
    return tripped;
  }
  const ctx = vm.ctx;
  const text = vm.budget.within(GRACE, () => {
    const res = ctx.callFunction(describe, ctx.undefined, thrown);
    if (res.error) {
      res.error.dispose();
      return null;
    }
    const s = ctx.typeof(res.value) === "string" ? ctx.getString(res.value) : null;
    res.value.dispose();
    return s;
  });
  thrown.dispose();
  if (text === null) return { kind: "runtime", message: UNREADABLE };
  const [name = "", message = "", stack = ""] = parseTriple(text);
  if (name === "InternalError") {
    if (message === "out of memory" || message === "string too long") {
      vm.budget.trip("memory", `the guest ran out of memory (${message}; max ${vm.limits.memoryBytesMax} bytes)`);
      return limitFromTrip(vm.budget)!;
    }
    if (message === "stack overflow") {
      return { kind: "limit", limit: "stack", message: `stack overflow: recursion deeper than the sandbox's ${vm.limits.stackBytesMax / 1024} KiB stack` };
    }
    if (message === "interrupted") return { kind: "limit", limit: "time", message: "the guest was interrupted" };
  }
  const shown = name === "Uncaught" ? `Uncaught ${message}` : message ? `${name || "Error"}: ${message}` : name || "Error";
  const pos = mapper.fromStack(stack);
  const error: GuestError = { kind: "runtime", message: shown };
  if (pos) Object.assign(error, pos);
  if (stack) error.stack = mapper.rewriteStack(stack).trimEnd();
  return error;
}

function parseTriple(text: string): string[] {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.map((x) => (typeof x === "string" ? x : "")) : [];
  } catch {
    return [];
  }
}
