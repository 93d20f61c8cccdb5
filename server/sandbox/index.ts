/**
 * The sandbox's public API. Typical use (the lab runner, inside a pool task):
 *   compileGuest → GuestVm.create({ seed, bridge, modules }) → vm.load → vm.getFunction → vm.call …
 * and on the main thread: createSandboxPool().runTask(name, payload, { timeoutMs }).
 */
export { compileGuest, compileInputSchema, GUEST_BUNDLE_NAME, type CompiledGuest, type CompileInput, type CompileResult } from "./compile";
export { GuestVm, type CallResult, type GuestVmOptions, type LogLevel, type LogLine } from "./guest-vm";
export { typedBridge, type BridgeArgs, type BridgeFunction } from "./bridge";
export { GuestCallback, type BridgeValue } from "./marshal";
export { SandboxPool, SandboxTaskKilledError, type RunTaskOptions, type SandboxPoolOptions } from "./pool";
export { runGuest, runGuestRequestSchema, type RunGuestRequest, type RunGuestResult } from "./run-guest";
export {
  jsonSchema, limitKinds, resolveLimits, sandboxLimitsSchema,
  type GuestError, type Json, type LimitKind, type SandboxLimits, type SandboxLimitsInput, type SourcePosition,
} from "./types";

import { SandboxPool, type SandboxPoolOptions } from "./pool";

/** A pool with the built-in "sandbox.run-guest" task registered; register more with `registerTask`. */
export function createSandboxPool(options: SandboxPoolOptions = {}): SandboxPool {
  const pool = new SandboxPool(options);
  pool.registerTask("sandbox.run-guest", new URL("./run-guest-task.ts", import.meta.url));
  return pool;
}
