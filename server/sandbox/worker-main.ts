/**
 * Runs inside a pool worker: imports the registered task module (once per worker) and calls its
 * export with the payload. Task modules are registered by the host on the main thread; the worker
 * never imports a path that did not come from that registry.
 */
export interface WorkerEnvelope {
  moduleUrl: string;
  exportName: string;
  payload: unknown;
}

type TaskFn = (payload: unknown) => unknown;
const loaded = new Map<string, Promise<Record<string, unknown>>>();

export default async function runInWorker(envelope: WorkerEnvelope): Promise<unknown> {
  let mod = loaded.get(envelope.moduleUrl);
  if (!mod) {
    mod = import(envelope.moduleUrl) as Promise<Record<string, unknown>>;
    loaded.set(envelope.moduleUrl, mod);
  }
  const ns = await mod;
  const fn = pickExport(ns, envelope.exportName);
  if (!fn) throw new Error(`sandbox task module ${envelope.moduleUrl} has no function export "${envelope.exportName}"`);
  return fn(envelope.payload);
}

/** tsx may present a TypeScript module as CommonJS, so exports can sit one `default` deeper. */
function pickExport(ns: Record<string, unknown>, name: string): TaskFn | null {
  const direct = ns[name];
  if (typeof direct === "function") return direct as TaskFn;
  const inner = ns.default as Record<string, unknown> | undefined;
  const nested = inner && typeof inner === "object" ? inner[name] : undefined;
  return typeof nested === "function" ? (nested as TaskFn) : null;
}
