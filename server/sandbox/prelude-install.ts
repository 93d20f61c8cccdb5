/**
 * Evaluates the prelude (see prelude.ts) in a fresh context and hands it the private capability object:
 * the seed, the virtual clock and the log sink. The prelude runs before any learner code exists, so
 * the helpers it returns close over pristine intrinsics.
 */
import type { QuickJSHandle } from "quickjs-emscripten-core";
import type { GuestVm, LogLevel } from "./guest-vm";
import type { PreludeHelpers } from "./marshal";
import { PRELUDE_SOURCE } from "./prelude";

export function installPrelude(vm: GuestVm, seed: number, lineCharsMax: number): PreludeHelpers {
  const ctx = vm.ctx;
  const factory = ctx.unwrapResult(ctx.evalCode(PRELUDE_SOURCE, "sandbox-prelude.js", { type: "global" }));
  const host = ctx.newObject();
  const set = (key: string, h: QuickJSHandle): void => {
    ctx.setProp(host, key, h);
    h.dispose();
  };
  // Folded to 32 bits exactly as server/sim/prng.ts does, so guest and engine streams match for any seed.
  set("seed", ctx.newNumber((Math.trunc(seed) ^ Math.trunc(seed / 0x1_0000_0000)) >>> 0));
  set("lineCharsMax", ctx.newNumber(lineCharsMax));
  set("nowMs", ctx.newFunction("nowMs", () => ctx.newNumber(vm.timeMs)));
  set("log", ctx.newFunction("log", (levelH, lineH) => {
    const level = ctx.typeof(levelH) === "string" ? (ctx.getString(levelH) as LogLevel) : "info";
    const line = ctx.typeof(lineH) === "string" ? ctx.getString(lineH).slice(0, lineCharsMax + 1) : "";
    if (vm.budget.tripped || !vm.pushLog(level, line)) return { error: vm.limitReached() };
    return undefined;
  }));
  const helpersObj = ctx.unwrapResult(ctx.callFunction(factory, ctx.undefined, host));
  const get = (k: keyof PreludeHelpers): QuickJSHandle => ctx.getProp(helpersObj, k);
  const helpers = { toJson: get("toJson"), fromJson: get("fromJson"), getPath: get("getPath"), keysOf: get("keysOf"), describe: get("describe") };
  for (const h of [factory, host, helpersObj]) h.dispose();
  return helpers;
}
