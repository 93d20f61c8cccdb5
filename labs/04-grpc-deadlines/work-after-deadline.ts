/**
 * "Did anyone keep working after the caller gave up?" as a query over the event log: a root call (the
 * gateway's RPC) fixes a deadline for its trace; every call started in that trace after the deadline by
 * the services below it is work nobody will use. Calls that never left the process (a gRPC call whose
 * own deadline had already passed fails on the spot, without a request on the wire) do not count.
 */
import type { CallEndEvent, CallStartEvent, SimEvent } from "../../server/sim/events";

export interface RootCall { callId: number; traceId: string; deadlineAtMs: number; statusName: string; messages: number }

/** The RPCs `from` made to `method`, with how they ended (calls still open at the end are left out). */
export function grpcRoots(events: readonly SimEvent[], from: string, method: string): RootCall[] {
  const ends = new Map<number, CallEndEvent>();
  for (const e of events) if (e.type === "call.end" && e.protocol === "grpc") ends.set(e.callId, e);
  const roots: RootCall[] = [];
  for (const e of events) {
    if (e.type !== "call.start" || e.protocol !== "grpc" || e.fromService !== from || e.method !== method) continue;
    const end = ends.get(e.callId);
    if (end) roots.push({ callId: e.callId, traceId: e.traceId, deadlineAtMs: e.deadlineAtMs, statusName: end.statusName, messages: end.messages });
  }
  return roots;
}

/** Calls started by `services` in a root's trace after the root's deadline. */
export function callsAfterDeadline(events: readonly SimEvent[], roots: readonly RootCall[], services: readonly string[]): CallStartEvent[] {
  const deadlineOf = new Map(roots.map((r) => [r.traceId, r.deadlineAtMs]));
  return events.filter((e): e is CallStartEvent => {
    if (e.type !== "call.start" || !services.includes(e.fromService)) return false;
    const deadline = deadlineOf.get(e.traceId);
    if (deadline === undefined || e.timeMs <= deadline) return false;
    return !(e.protocol === "grpc" && e.deadlineAtMs <= e.timeMs);
  });
}

/** Roots whose trace has a gRPC call by `services` carrying a later deadline than the root's: it was not passed down. */
export function widenedDeadlines(events: readonly SimEvent[], roots: readonly RootCall[], services: readonly string[]): number {
  const deadlineOf = new Map(roots.map((r) => [r.traceId, r.deadlineAtMs]));
  const widened = new Set<string>();
  for (const e of events) {
    if (e.type !== "call.start" || e.protocol !== "grpc" || !services.includes(e.fromService)) continue;
    const deadline = deadlineOf.get(e.traceId);
    if (deadline !== undefined && e.deadlineAtMs > deadline + 1e-6) widened.add(e.traceId);
  }
  return widened.size;
}

/** "57 requests to stockdb and 3 to inventory" / "no request". */
export function summarise(calls: readonly CallStartEvent[]): string {
  if (calls.length === 0) return "no request";
  const byTarget = new Map<string, number>();
  for (const c of calls) byTarget.set(c.toService, (byTarget.get(c.toService) ?? 0) + 1);
  const parts = [...byTarget].sort((a, b) => b[1] - a[1]).map(([to, n], i) => `${n}${i === 0 ? ` request${n === 1 ? "" : "s"}` : ""} to ${to}`);
  return parts.join(" and ");
}
