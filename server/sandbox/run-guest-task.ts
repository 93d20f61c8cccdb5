/** Pool task module for `runGuest` (registered by `createSandboxPool` as "sandbox.run-guest"). */
import { runGuest, type RunGuestRequest, type RunGuestResult } from "./run-guest";

export default function runGuestTask(payload: unknown): Promise<RunGuestResult> {
  return runGuest(payload as RunGuestRequest);
}
