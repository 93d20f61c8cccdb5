import type { SimEvent } from "@/server/sim/events";

export interface LatencyPoint { timeMs: number; p50: number; p99: number; count: number }

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] as number;

/**
 * p50 and p99 of end-to-end latency (calls made by the workload client, or every call if there is none)
 * per time bucket, up to `nowMs`. Buckets with no completed call are skipped rather than drawn as zero.
 */
export function latencySeries(events: readonly SimEvent[], nowMs: number, bucketMs: number): LatencyPoint[] {
  const buckets = new Map<number, number[]>();
  let fromClient = false;
  for (const e of events) {
    if (e.timeMs > nowMs) break;
    if (e.type !== "call.end") continue;
    const isClient = !e.parentSpanId;
    if (isClient && !fromClient) { fromClient = true; buckets.clear(); }
    if (fromClient && !isClient) continue;
    const b = Math.floor(e.timeMs / bucketMs) * bucketMs;
    const xs = buckets.get(b);
    if (xs) xs.push(e.latencyMs); else buckets.set(b, [e.latencyMs]);
  }
  return [...buckets.entries()].sort((a, b) => a[0] - b[0]).map(([timeMs, xs]) => {
    const sorted = xs.sort((a, b) => a - b);
    return { timeMs, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), count: sorted.length };
  });
}
