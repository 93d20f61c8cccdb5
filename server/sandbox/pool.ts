/**
 * A pool of worker threads (piscina) for sandbox work, so a busy guest never blocks the HTTP/socket
 * event loop. Generic: the host registers task modules by name (the lab runner, the script runner…)
 * and runs them with a hard timeout. In-VM budgets are the normal way a run ends; the timeout here is
 * the last-resort kill switch — aborting a running piscina task terminates its worker thread, which
 * stops even a guest stuck where no interrupt reaches it. A new worker replaces it on demand.
 */
import { availableParallelism } from "node:os";
import { pathToFileURL } from "node:url";
import { Piscina } from "piscina";
import type { WorkerEnvelope } from "./worker-main";

export interface SandboxPoolOptions {
  /** Worker threads; defaults to availableParallelism() − 1 (at least 1), leaving a core for the server. */
  threads?: number;
  /** Tasks waiting for a worker before runTask rejects with a queue-full error. */
  queueMax?: number;
  idleTimeoutMs?: number;
  /** V8 limits per worker; the WASM heaps are capped separately, inside each VM. */
  heapMbMax?: number;
  stackMbMax?: number;
}

export interface RunTaskOptions {
  /** Wall-clock time after which the worker running the task is terminated. */
  timeoutMs: number;
  signal?: AbortSignal;
}

export class SandboxTaskKilledError extends Error {
  constructor(readonly reason: "timeout" | "aborted", message: string) {
    super(message);
    this.name = "SandboxTaskKilledError";
  }
}

export class SandboxPool {
  private readonly piscina: Piscina<WorkerEnvelope, unknown>;
  private readonly tasks = new Map<string, { moduleUrl: string; exportName: string }>();

  constructor(options: SandboxPoolOptions = {}) {
    const threads = options.threads ?? Math.max(1, availableParallelism() - 1);
    this.piscina = new Piscina<WorkerEnvelope, unknown>({
      filename: new URL("./worker-shim.mjs", import.meta.url).href,
      minThreads: 0,
      maxThreads: threads,
      maxQueue: options.queueMax ?? threads * 64,
      idleTimeout: options.idleTimeoutMs ?? 30_000,
      concurrentTasksPerWorker: 1,
      resourceLimits: { maxOldGenerationSizeMb: options.heapMbMax ?? 256, stackSizeMb: options.stackMbMax ?? 4 },
    });
  }

  /** Makes `name` runnable; `module` is a file URL or absolute path of a module exporting `exportName`. */
  registerTask(name: string, module: URL | string, exportName = "default"): void {
    const moduleUrl = module instanceof URL ? module.href : module.startsWith("file:") ? module : pathToFileURL(module).href;
    this.tasks.set(name, { moduleUrl, exportName });
  }

  async runTask<R = unknown>(name: string, payload: unknown, options: RunTaskOptions): Promise<R> {
    const task = this.tasks.get(name);
    if (!task) throw new Error(`SandboxPool: no task registered as "${name}"`);
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
    try {
      return (await this.piscina.run({ ...task, payload }, { signal })) as R;
    } catch (err) {
      if (timeout.aborted) throw new SandboxTaskKilledError("timeout", `sandbox task "${name}" ran past ${options.timeoutMs} ms and its worker was terminated`);
      if (options.signal?.aborted) throw new SandboxTaskKilledError("aborted", `sandbox task "${name}" was aborted`);
      throw err;
    }
  }

  get stats(): { threads: number; queued: number; completed: number } {
    return { threads: this.piscina.threads.length, queued: this.piscina.queueSize, completed: this.piscina.completed };
  }

  async close(): Promise<void> {
    await this.piscina.destroy();
  }
}
