import type { SimEvent } from "@/server/sim/events";

export interface Span {
  spanId: string;
  parentSpanId: string;
  kind: "client" | "server";
  name: string;
  service: string;
  startMs: number;
  endMs: number;
  outcome: string;
  depth: number;
}

/**
 * A trace's spans in waterfall order: client spans from call.end (call.start while still open), server
 * spans from work.end (work.start while still running), each indented under its parent.
 */
export function traceSpans(events: readonly SimEvent[], traceId: string, nowMs: number): Span[] {
  const spans = new Map<string, Span>();
  const openCalls = new Map<number, Span>();
  const openWork = new Map<number, Span>();
  for (const e of events) {
    if (e.timeMs > nowMs) break;
    if (!("traceId" in e) || e.traceId !== traceId) continue;
    if (e.type === "call.start") {
      const s: Span = { spanId: e.spanId, parentSpanId: e.parentSpanId, kind: "client", name: `${e.method} ${e.path} → ${e.toService}${e.attempt > 1 ? ` (#${e.attempt})` : ""}`, service: e.fromService, startMs: e.timeMs, endMs: -1, outcome: "open", depth: 0 };
      openCalls.set(e.callId, s); spans.set(s.spanId, s);
    } else if (e.type === "call.end") {
      const s = openCalls.get(e.callId) ?? spans.get(e.spanId);
      const span: Span = { ...(s ?? { spanId: e.spanId, parentSpanId: e.parentSpanId, kind: "client", name: `${e.method} ${e.path} → ${e.toService}`, service: e.fromService, startMs: e.startMs, depth: 0 }), endMs: e.timeMs, outcome: e.outcome === "ok" ? `${e.statusName}` : `${e.outcome} ${e.statusName}` } as Span;
      spans.set(span.spanId, span);
    } else if (e.type === "work.start") {
      openWork.set(e.workId, { spanId: `work-${e.workId}`, parentSpanId: "", kind: "server", name: `${e.instance}: ${e.name}`, service: e.service, startMs: e.timeMs - e.queuedMs, endMs: -1, outcome: "running", depth: 0 });
    } else if (e.type === "work.end") {
      openWork.delete(e.workId);
      spans.set(e.spanId, { spanId: e.spanId, parentSpanId: e.parentSpanId, kind: "server", name: `${e.instance}: ${e.name}`, service: e.service, startMs: e.arrivedAtMs, endMs: e.timeMs, outcome: String(e.status), depth: 0 });
    }
  }
  const all = [...spans.values(), ...openWork.values()];
  const byId = new Map(all.map((s) => [s.spanId, s]));
  const depth = (s: Span, guard = 0): number => {
    const p = byId.get(s.parentSpanId);
    return p && guard < 20 ? depth(p, guard + 1) + 1 : 0;
  };
  // Parents first, children right after them in start order: a depth-first walk.
  const kids = new Map<string, Span[]>();
  for (const s of all) { s.depth = depth(s); const key = byId.has(s.parentSpanId) ? s.parentSpanId : ""; kids.set(key, [...(kids.get(key) ?? []), s]); }
  const out: Span[] = [];
  const walk = (key: string) => { for (const s of (kids.get(key) ?? []).sort((a, b) => a.startMs - b.startMs)) { out.push(s); walk(s.spanId); } };
  walk("");
  return out;
}

/** Trace ids of the latest root requests (calls with no parent span), newest first; `done` once answered. */
export function recentTraces(events: readonly SimEvent[], nowMs: number, limit = 20): { traceId: string; label: string; startMs: number; done: boolean }[] {
  const out: { traceId: string; label: string; startMs: number; done: boolean }[] = [];
  const byTrace = new Map<string, (typeof out)[number]>();
  for (const e of events) {
    if (e.timeMs > nowMs) break;
    if (e.type === "call.start" && !e.parentSpanId && e.traceId && !byTrace.has(e.traceId)) {
      const t = { traceId: e.traceId, label: `${e.method} ${e.path}`, startMs: e.timeMs, done: false };
      out.push(t); byTrace.set(e.traceId, t);
    } else if (e.type === "call.end" && !e.parentSpanId) {
      const t = byTrace.get(e.traceId);
      if (t) t.done = true;
    }
  }
  return out.slice(-limit).reverse();
}
