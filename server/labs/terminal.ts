/**
 * Answers to the terminal's queries, computed from the events delivered so far (so the terminal never
 * knows more than the timeline shows). Pure functions of (lab, events, time) → text with ANSI colours.
 */
import type { Localized } from "../../lib/lab/api-types";
import type { LogEvent, SimEvent } from "../sim/events";
import { metricsFromEvents } from "../sim/metrics";
import { commandCatalog } from "./commands";
import type { Lab } from "./registry";

const DIM = "\x1b[2m", RED = "\x1b[31m", YELLOW = "\x1b[33m", GREEN = "\x1b[32m", CYAN = "\x1b[36m", RESET = "\x1b[0m";

export function formatTime(ms: number): string {
  return `${(ms / 1000).toFixed(3).padStart(7)}s`;
}

export function formatLog(e: LogEvent): string {
  const colour = e.level === "error" ? RED : e.level === "warn" ? YELLOW : e.level === "debug" ? DIM : "";
  const fields = Object.entries(e.fields).map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`).join(" ");
  return `${DIM}${formatTime(e.timeMs)}${RESET} ${CYAN}${e.instance}${RESET} ${colour}${e.level.toUpperCase()} ${e.msg}${RESET}${fields ? ` ${DIM}${fields}${RESET}` : ""}`;
}

export function answerQuery(lab: Lab, verb: string, args: readonly string[], events: readonly SimEvent[], nowMs: number, locale: keyof Localized = "en"): string {
  switch (verb) {
    case "help": return help(lab, locale);
    case "status": return status(lab, events, nowMs);
    case "logs": return logs(events, args);
    case "trace": return trace(events, args[0]);
    case "metrics": return metrics(events);
    case "queues": return queues(events);
    case "topics": return topics(events);
    default: return `unknown command "${verb}"`;
  }
}

function help(lab: Lab, locale: keyof Localized): string {
  const rows = commandCatalog(lab.def.commands);
  const width = Math.max(...rows.map((r) => r.usage.length));
  return [`${lab.def.title[locale]} — commands:`, ...rows.map((r) => `  ${r.usage.padEnd(width)}  ${DIM}${r.help[locale]}${RESET}`),
    `${DIM}instances: ${lab.instances.join(", ")}${lab.brokers.length ? `; brokers: ${lab.brokers.join(", ")}` : ""}${RESET}`].join("\n");
}

function status(lab: Lab, events: readonly SimEvent[], nowMs: number): string {
  const state = new Map<string, { state: string; slow: number; inFlight: number; queued: number }>();
  for (const id of lab.instances) state.set(id, { state: "starting", slow: 1, inFlight: 0, queued: 0 });
  const brokers = new Map<string, string>(lab.brokers.map((b) => [b, "up"]));
  for (const e of events) {
    if (e.type === "instance.state" && state.has(e.instance)) Object.assign(state.get(e.instance)!, { state: e.state, slow: e.slowFactor });
    else if (e.type === "work.start" && state.has(e.instance)) Object.assign(state.get(e.instance)!, { inFlight: e.inFlight, queued: e.queueDepth });
    else if (e.type === "work.end" && state.has(e.instance)) state.get(e.instance)!.inFlight = Math.max(0, state.get(e.instance)!.inFlight - 1);
    else if (e.type === "broker.state") brokers.set(e.broker, e.state);
  }
  const lines = [`t=${formatTime(nowMs).trim()}`, `  ${"INSTANCE".padEnd(14)} ${"STATE".padEnd(9)} IN-FLIGHT QUEUED`];
  for (const [id, s] of state) {
    const colour = s.state === "up" ? GREEN : s.state === "crashed" ? RED : YELLOW;
    const slow = s.slow !== 1 ? ` (slow ×${s.slow})` : "";
    lines.push(`  ${id.padEnd(14)} ${colour}${s.state.padEnd(9)}${RESET} ${String(s.inFlight).padStart(9)} ${String(s.queued).padStart(6)}${slow}`);
  }
  for (const [b, s] of brokers) lines.push(`  ${b.padEnd(14)} ${s === "up" ? GREEN : RED}${s}${RESET} (broker)`);
  return lines.join("\n");
}

function logs(events: readonly SimEvent[], args: readonly string[]): string {
  const count = Math.min(200, Number(args.find((a) => /^\d+$/.test(a)) ?? 20));
  const instance = args.find((a) => !/^\d+$/.test(a));
  const all = events.filter((e): e is LogEvent => e.type === "log" && (!instance || e.instance === instance || e.service === instance));
  if (all.length === 0) return `no log lines${instance ? ` from ${instance}` : ""} yet`;
  return all.slice(-count).map(formatLog).join("\n");
}

function trace(events: readonly SimEvent[], id: string | undefined): string {
  if (!id) return "usage: trace <callId|traceId>  (call ids are on the timeline; try `logs` or `metrics` first)";
  let traceId = /^\d+$/.test(id) ? "" : id.toLowerCase();
  if (!traceId) {
    const call = events.find((e) => (e.type === "call.start" || e.type === "call.end") && e.callId === Number(id));
    if (!call || (call.type !== "call.start" && call.type !== "call.end")) return `no call #${id} yet`;
    traceId = call.traceId;
  }
  const calls = events.filter((e) => e.type === "call.end" && e.traceId.startsWith(traceId));
  if (calls.length === 0) return `no finished calls in trace ${traceId} yet`;
  const t0 = Math.min(...calls.map((c) => (c.type === "call.end" ? c.startMs : 0)));
  const depth = new Map<string, number>();
  const rows = calls.map((c) => c as Extract<SimEvent, { type: "call.end" }>).sort((a, b) => a.startMs - b.startMs);
  const lines = [`trace ${rows[0]!.traceId}`];
  // gRPC calls show their status by name and the deadline they carried (relative to their start).
  const deadlines = new Map<number, number>();
  for (const e of events) if (e.type === "call.start" && e.protocol === "grpc" && e.traceId === rows[0]!.traceId) deadlines.set(e.callId, e.deadlineAtMs - e.timeMs);
  for (const c of rows) {
    const d = (depth.get(c.parentSpanId) ?? -1) + 1;
    depth.set(c.spanId, d);
    const colour = c.outcome === "ok" && c.status < 400 ? GREEN : RED;
    const bar = "█".repeat(Math.max(1, Math.round(c.latencyMs / 2))).slice(0, 60);
    const grpc = c.protocol === "grpc";
    const what = grpc ? c.method : `${c.method} ${c.path}`;
    const deadline = deadlines.has(c.callId) ? ` ${DIM}deadline ${deadlines.get(c.callId)!.toFixed(1)} ms${RESET}` : "";
    lines.push(`  ${"  ".repeat(d)}${c.fromService} → ${c.toService} ${what} ${colour}${grpc ? c.statusName : c.status || c.outcome}${RESET} +${(c.startMs - t0).toFixed(1)} ms ${c.latencyMs.toFixed(1)} ms${deadline} ${DIM}${bar}${RESET}`);
  }
  return lines.join("\n");
}

function metrics(events: readonly SimEvent[]): string {
  const m = metricsFromEvents(events).snapshot();
  const lines = [`  ${"CALLS".padEnd(28)} ${"COUNT".padStart(6)} ${"p50".padStart(8)} ${"p99".padStart(8)} ${"max".padStart(8)}`];
  for (const [name, h] of Object.entries(m.histograms)) {
    if (!name.startsWith("call_latency_ms{")) continue;
    const pair = name.slice("call_latency_ms{".length, -1);
    lines.push(`  ${pair.padEnd(28)} ${String(h.count).padStart(6)} ${h.p50.toFixed(1).padStart(8)} ${h.p99.toFixed(1).padStart(8)} ${h.max.toFixed(1).padStart(8)}`);
  }
  const counters = Object.entries(m.counters);
  if (counters.length) lines.push("", ...counters.map(([k, v]) => `  ${k} ${v}`));
  for (const [name, h] of Object.entries(m.histograms)) {
    if (name.includes(":")) lines.push(`  ${name} count=${h.count} p50=${h.p50.toFixed(1)} p99=${h.p99.toFixed(1)}`);
  }
  return lines.length > 1 ? lines.join("\n") : "no calls yet";
}

function queues(events: readonly SimEvent[]): string {
  const q = new Map<string, { ready: number; unacked: number; acked: number; dead: number }>();
  const get = (broker: string, queue: string) => {
    const key = `${broker}/${queue}`;
    let v = q.get(key);
    if (!v) q.set(key, (v = { ready: 0, unacked: 0, acked: 0, dead: 0 }));
    return v;
  };
  for (const e of events) {
    if (e.type === "amqp.route") for (const name of e.queues) get(e.broker, name).ready++;
    else if (e.type === "amqp.deliver") {
      const v = get(e.broker, e.queue);
      v.ready = Math.max(0, v.ready - 1);
      if (e.autoAck) v.acked++;
      else v.unacked++;
    } else if (e.type === "amqp.ack") Object.assign(get(e.broker, e.queue), { unacked: Math.max(0, get(e.broker, e.queue).unacked - 1), acked: get(e.broker, e.queue).acked + 1 });
    else if (e.type === "amqp.nack") get(e.broker, e.queue).unacked = Math.max(0, get(e.broker, e.queue).unacked - 1);
    else if (e.type === "amqp.requeue") {
      const v = get(e.broker, e.queue);
      v.ready++;
      if (e.reason === "consumer-gone") v.unacked = Math.max(0, v.unacked - 1);
    } else if (e.type === "amqp.dead-letter" || e.type === "amqp.drop") {
      const v = get(e.broker, e.queue);
      v.ready = Math.max(0, v.ready - 1);
      v.dead++;
    }
  }
  if (q.size === 0) return "no messages have reached a queue yet";
  return [`  ${"QUEUE".padEnd(28)} ${"READY".padStart(6)} ${"UNACKED".padStart(8)} ${"ACKED".padStart(6)} ${"DEAD".padStart(5)}`,
    ...[...q].map(([k, v]) => `  ${k.padEnd(28)} ${String(v.ready).padStart(6)} ${String(v.unacked).padStart(8)} ${String(v.acked).padStart(6)} ${String(v.dead).padStart(5)}`)].join("\n");
}

function topics(events: readonly SimEvent[]): string {
  const end = new Map<string, number>();
  const committed = new Map<string, Map<string, number>>();
  for (const e of events) {
    if (e.type === "kafka.append") end.set(`${e.topic}/${e.partition}`, Math.max(end.get(`${e.topic}/${e.partition}`) ?? 0, e.offset + 1));
    else if (e.type === "kafka.commit") {
      let g = committed.get(e.group);
      if (!g) committed.set(e.group, (g = new Map()));
      g.set(`${e.topic}/${e.partition}`, e.offset);
    }
  }
  if (end.size === 0) return "no records have been appended yet";
  const lines = [`  ${"PARTITION".padEnd(24)} ${"END".padStart(6)}  GROUP COMMITTED (LAG)`];
  for (const [tp, off] of [...end].sort()) {
    const groups = [...committed].map(([g, m]) => `${g} ${m.get(tp) ?? 0} (${off - (m.get(tp) ?? 0)})`).join("  ");
    lines.push(`  ${tp.padEnd(24)} ${String(off).padStart(6)}  ${groups || "-"}`);
  }
  return lines.join("\n");
}
