import type { ProgressApi } from "./api";

/**
 * Next bundles route handlers apart from the custom server's own modules, so module state is not shared
 * between them; the process-wide progress API is handed over on globalThis under a registered symbol.
 * This file imports nothing at run time so the route handler's bundle stays free of database code.
 */
const KEY = Symbol.for("s2s-book.progress-runtime");

export interface Registered { api: ProgressApi }
type WithRuntime = typeof globalThis & { [KEY]?: Registered };

export function getRegistered<T extends Registered = Registered>(): T | undefined {
  return (globalThis as WithRuntime)[KEY] as T | undefined;
}
export function register(runtime: Registered | undefined): void {
  if (runtime) (globalThis as WithRuntime)[KEY] = runtime;
  else delete (globalThis as WithRuntime)[KEY];
}
