import type { CallEndEvent, SimEvent } from "./events";
import { Histogram } from "./metrics";

/**
 * Queries over an event log that labs use to grade behaviour. Each returns { passed, detail } where
 * detail is one sentence a learner can act on.
 */
export interface ObjectiveResult { passed: boolean; detail: string }

export interface CallFilter { fromService?: string; toService?: string; protocol?: "http" | "grpc"; method?: string; path?: string }

function calls(events: readonly SimEvent[], f: CallFilter = {}): CallEndEvent[] {
  return events.filter((e): e is CallEndEvent => e.type === "call.end"
    && (f.fromService === undefined || e.fromService === f.fromService)
    && (f.toService === undefined || e.toService === f.toService)
    && (f.protocol === undefined || e.protocol === f.protocol)
    && (f.method === undefined || e.method === f.method)
    && (f.path === undefined || e.path === f.path));
}

function describe(f: CallFilter): string {
  return `${f.fromService ?? "*"} → ${f.toService ?? "*"}`;
}

/** "p99 < 200 ms" over calls matching the filter (successful ones only if okOnly). */
export function latencyPercentileBelow(events: readonly SimEvent[], opts: CallFilter & { p: number; maxMs: number; okOnly?: boolean }): ObjectiveResult {
  const h = new Histogram();
  for (const c of calls(events, opts)) if (!opts.okOnly || c.outcome === "ok") h.add(c.latencyMs);
  if (h.count === 0) return { passed: false, detail: `no calls ${describe(opts)} were made` };
  const value = h.percentile(opts.p);
  const passed = value < opts.maxMs;
  return { passed, detail: `p${opts.p} of ${h.count} calls ${describe(opts)} is ${round(value)} ms (${passed ? "below" : "not below"} ${opts.maxMs} ms)` };
}

export function errorRateBelow(events: readonly SimEvent[], opts: CallFilter & { maxRate: number }): ObjectiveResult {
  const all = calls(events, opts);
  if (all.length === 0) return { passed: false, detail: `no calls ${describe(opts)} were made` };
  const failed = all.filter((c) => c.outcome !== "ok").length;
  const rate = failed / all.length;
  const passed = rate < opts.maxRate;
  return { passed, detail: `${failed} of ${all.length} calls ${describe(opts)} failed (${round(rate * 100)}%, limit ${round(opts.maxRate * 100)}%)` };
}

/**
 * "Every order was charged exactly once": `occurrence` maps an event to a key (or undefined); every
 * expected key must occur exactly once. Expected keys default to every key seen.
 */
export function exactlyOnce(events: readonly SimEvent[], opts: {
  occurrence: (e: SimEvent) => string | undefined; expected?: readonly string[]; what: string;
}): ObjectiveResult {
  const counts = new Map<string, number>();
  for (const e of events) {
    const key = opts.occurrence(e);
    if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const expected = opts.expected ?? [...counts.keys()];
  const missing = expected.filter((k) => !counts.has(k));
  const duplicated = expected.filter((k) => (counts.get(k) ?? 0) > 1);
  if (expected.length === 0) return { passed: false, detail: `no ${opts.what} happened` };
  if (missing.length === 0 && duplicated.length === 0) return { passed: true, detail: `all ${expected.length} ${opts.what}s happened exactly once` };
  const parts = [];
  if (missing.length) parts.push(`${missing.length} never happened (e.g. ${missing.slice(0, 3).join(", ")})`);
  if (duplicated.length) parts.push(`${duplicated.length} happened more than once (e.g. ${duplicated.slice(0, 3).map((k) => `${k}×${counts.get(k)}`).join(", ")})`);
  return { passed: false, detail: `${opts.what}: ${parts.join("; ")}` };
}

/** A log line's field as the key, for exactlyOnce: e.g. logField("payments", "charged", "orderId"). */
export function logField(service: string, msg: string, field: string) {
  return (e: SimEvent): string | undefined =>
    e.type === "log" && e.service === service && e.msg === msg && e.fields[field] !== undefined ? String(e.fields[field]) : undefined;
}

/**
 * "No message was lost": every message published to the broker (AMQP) or appended (Kafka) was fully
 * processed — a consumer's work on it ended (work.end) at least once.
 */
export function noMessageLost(events: readonly SimEvent[], opts: { protocol: "amqp" | "kafka"; broker?: string }): ObjectiveResult {
  const published = new Set<number>();
  const processed = new Set<number>();
  for (const e of events) {
    if (opts.protocol === "amqp" && e.type === "amqp.publish" && (opts.broker === undefined || e.broker === opts.broker)) published.add(e.msgId);
    if (opts.protocol === "kafka" && e.type === "kafka.append" && (opts.broker === undefined || e.broker === opts.broker)) published.add(e.msgId);
    if (e.type === "work.end" && e.kind === opts.protocol) processed.add(e.ref);
  }
  if (published.size === 0) return { passed: false, detail: "no messages were published" };
  const lost = [...published].filter((id) => !processed.has(id));
  return lost.length === 0
    ? { passed: true, detail: `all ${published.size} messages were processed` }
    : { passed: false, detail: `${lost.length} of ${published.size} messages were never processed (msgIds ${lost.slice(0, 5).join(", ")}${lost.length > 5 ? ", …" : ""})` };
}

/**
 * "The breaker opened within 3 failures": counts failed calls from `fromService` before the first
 * state.change of `name` to `value` on that service.
 */
export function stateReachedWithinFailures(events: readonly SimEvent[], opts: {
  service: string; name: string; value: string; maxFailures: number; toService?: string;
}): ObjectiveResult {
  let failures = 0;
  for (const e of events) {
    if (e.type === "call.end" && e.fromService === opts.service && e.outcome !== "ok" && (opts.toService === undefined || e.toService === opts.toService)) failures++;
    if (e.type === "state.change" && e.service === opts.service && e.name === opts.name && e.to === opts.value) {
      const passed = failures <= opts.maxFailures;
      return { passed, detail: `${opts.name} became "${opts.value}" after ${failures} failed call(s) (limit ${opts.maxFailures}) at t=${round(e.timeMs)} ms` };
    }
  }
  return { passed: false, detail: `${opts.name} never became "${opts.value}" (${failures} failed calls seen)` };
}

/** Per-key processing order on a Kafka topic: first-time consumption of a key's records follows offset order. */
export function perKeyOrderPreserved(events: readonly SimEvent[], opts: { topic?: string } = {}): ObjectiveResult {
  const lastOffset = new Map<string, number>();
  const seen = new Set<string>();
  let checked = 0;
  for (const e of events) {
    if (e.type !== "kafka.consume" || (opts.topic !== undefined && e.topic !== opts.topic)) continue;
    const id = `${e.topic}/${e.partition}/${e.offset}`;
    if (seen.has(id)) continue; // a redelivery after a crash: at-least-once, not a reordering
    seen.add(id);
    checked++;
    const key = `${e.topic}/${e.key}`;
    const prev = lastOffset.get(key);
    if (prev !== undefined && e.offset < prev) {
      return { passed: false, detail: `key "${e.key}" processed offset ${e.offset} after ${prev} at t=${round(e.timeMs)} ms` };
    }
    lastOffset.set(key, e.offset);
  }
  return { passed: checked > 0, detail: checked > 0 ? `${checked} records over ${lastOffset.size} keys were processed in key order` : "no records were consumed" };
}

/** Generic: at least / at most `n` events match. */
export function countBetween(events: readonly SimEvent[], opts: { match: (e: SimEvent) => boolean; min?: number; max?: number; what: string }): ObjectiveResult {
  const n = events.filter(opts.match).length;
  const passed = n >= (opts.min ?? 0) && n <= (opts.max ?? Infinity);
  const bounds = [opts.min !== undefined ? `≥ ${opts.min}` : "", opts.max !== undefined ? `≤ ${opts.max}` : ""].filter(Boolean).join(" and ");
  return { passed, detail: `${n} ${opts.what} (expected ${bounds || "any"})` };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
