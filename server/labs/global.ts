import type { LabsApi } from "./http-api";

/**
 * Next bundles route handlers apart from the custom server, so module state is not shared: the one
 * process-wide lab runtime (and its worker pool) is handed over on globalThis under a registered symbol.
 * This file imports nothing at run time, so the route handler's bundle stays free of sandbox code.
 */
const KEY = Symbol.for("s2s-book.labs-runtime");

export interface RegisteredLabs { api: LabsApi }
type WithLabs = typeof globalThis & { [KEY]?: RegisteredLabs };

export function getRegisteredLabs(): RegisteredLabs | undefined {
  return (globalThis as WithLabs)[KEY];
}
export function registerLabs(labs: RegisteredLabs | undefined): void {
  if (labs) (globalThis as WithLabs)[KEY] = labs;
  else delete (globalThis as WithLabs)[KEY];
}
