import type { WorkKind } from "./events";
import type { Instance } from "./instance";

/** How a protocol module starts, and refuses, a unit of work on an instance. */
export interface WorkHandler {
  start(item: WorkItem): void;
  reject(item: WorkItem, reason: "queue-full" | "not-up"): void;
  /** Called after the item's work.end, e.g. to hand the next record of a batch to the instance. */
  finished?(item: WorkItem): void;
}

/**
 * One unit of work on an instance: an inbound request, a delivered message. It holds a concurrency slot
 * from start to finish. The handler runs at start; its effects are released at readyAtMs (start +
 * sampled service time), which is how CPU time shows up in latency.
 */
export interface WorkItem {
  id: number;
  /** What the work is about, for correlating events: callId, msgId, connId… */
  ref: number;
  kind: WorkKind;
  name: string;
  inst: Instance;
  epoch: number;
  handler: WorkHandler;
  data: unknown;
  /** Counts against the instance's queueCapacity (requests do; messages already accepted do not). */
  bounded: boolean;
  /** Finish automatically at readyAtMs; otherwise the protocol module calls inst.finish(). */
  finishOnReady: boolean;
  arrivedAtMs: number;
  startedAtMs: number;
  readyAtMs: number;
  finished: boolean;
  traceId: string;
  spanId: string;
  parentSpanId: string;
}

export function newWorkItem(
  id: number, ref: number, kind: WorkKind, name: string, inst: Instance, handler: WorkHandler, data: unknown,
  arrivedAtMs: number, bounded: boolean, finishOnReady: boolean,
  traceId: string, spanId: string, parentSpanId: string,
): WorkItem {
  return {
    id, ref, kind, name, inst, epoch: inst.epoch, handler, data, bounded, finishOnReady, arrivedAtMs,
    startedAtMs: -1, readyAtMs: -1, finished: false, traceId, spanId, parentSpanId,
  };
}
