import type { SimEvent } from "@/server/sim/events";
import type { MessageKind } from "./classify";
import { flowStateAt, type FlowState, type MarkerKind } from "./flow-state";
import { anchorOf, serviceOf, type FlowLayout } from "./layout";

export interface FlowView {
  layout: FlowLayout;
  /** The simulated instant to draw. */
  timeMs: number;
  /** A message stays on screen at least this long (simulated ms), so a 2 ms hop is visible at any speed. */
  minFlightMs: number;
  /** How long drops, timeouts and retries stay marked (simulated ms). */
  markerWindowMs: number;
  /** prefers-reduced-motion: messages jump between three stops instead of flying. */
  reducedMotion: boolean;
  selectedMsgId: number | null;
  /** Drawing more than this many dots says nothing more; the newest win. */
  maxMessages: number;
  /** Words on a collapsed group's summary box (English when absent). */
  groupText?: GroupText;
}

export interface GroupText { more(n: number): string; crashed(n: number): string; paused(n: number): string; slow(n: number): string }
export const GROUP_TEXT_EN: GroupText = { more: (n) => `+${n} more`, crashed: (n) => `${n} crashed`, paused: (n) => `${n} paused`, slow: (n) => `${n} slow` };

/** The summary box's two lines: "+35 more", then the troubled counts (empty when none). */
export function groupLines(g: FrameGroup, text: GroupText = GROUP_TEXT_EN): [string, string] {
  const counts = [g.crashed.length ? text.crashed(g.crashed.length) : "", g.paused.length ? text.paused(g.paused.length) : "", g.slow.length ? text.slow(g.slow.length) : ""];
  return [text.more(g.hidden), counts.filter(Boolean).join(" · ")];
}

export interface FrameMessage { id: number; x: number; y: number; kind: MessageKind; dropped: boolean; retry: boolean; selected: boolean; opacity: number }
export interface FrameMarker { id: number; kind: MarkerKind; x: number; y: number; detail: string; opacity: number }
export interface FrameGauge { id: string; nodeId: string; label: string; value: number; max: number; warn: boolean }
export interface FrameBadge { id: string; nodeId: string; text: string; tone: "ok" | "warn" | "bad" }
export interface FrameNodeState { id: string; state: string; slow: boolean; busy: number }
/** The summary box of a collapsed group: how many instances it hides and which of them are in trouble. */
export interface FrameGroup { id: string; hidden: number; crashed: string[]; paused: string[]; slow: string[] }
export interface FlowFrame { messages: FrameMessage[]; markers: FrameMarker[]; gauges: FrameGauge[]; badges: FrameBadge[]; nodes: FrameNodeState[]; groups: FrameGroup[] }

const LANE_OFFSET = 5;

/** A point `p` of the way from a to b, nudged sideways so requests and replies use separate lanes. */
export function along(a: { x: number; y: number }, b: { x: number; y: number }, p: number, lane: number) {
  const dx = b.x - a.x, dy = b.y - a.y;
  const len = Math.hypot(dx, dy) || 1;
  return { x: a.x + dx * p + (-dy / len) * lane, y: a.y + dy * p + (dx / len) * lane };
}

const stepped = (p: number) => (p < 0.34 ? 0.12 : p < 0.67 ? 0.5 : 0.88);

function messagesOf(state: FlowState, view: FlowView): FrameMessage[] {
  const t = view.timeMs;
  const out: FrameMessage[] = [];
  for (const m of state.messages.values()) {
    const landed = m.deliverAtMs >= 0 ? m.deliverAtMs : m.droppedAtMs >= 0 ? m.droppedAtMs : m.sentMs;
    const flightMs = Math.max(landed - m.sentMs, view.minFlightMs, 1e-6);
    const dropped = m.droppedAtMs >= 0 && m.droppedAtMs <= t;
    let p = (t - m.sentMs) / flightMs;
    let opacity = 1;
    if (dropped) {
      p = Math.min(0.5, Math.max(0.15, (m.droppedAtMs - m.sentMs) / flightMs));
      const since = t - Math.max(m.droppedAtMs, m.sentMs + flightMs * p);
      if (since > view.markerWindowMs) continue;
      opacity = 1 - Math.max(0, since) / view.markerWindowMs;
    } else if (p > 1 || p < 0) continue;
    if (view.reducedMotion) p = stepped(p);
    const lane = m.kind === "response" || m.kind === "error" ? -LANE_OFFSET : LANE_OFFSET;
    const pos = along(anchorOf(view.layout, m.from), anchorOf(view.layout, m.to), p, lane);
    out.push({ id: m.msgId, x: pos.x, y: pos.y, kind: m.kind, dropped, retry: m.retry, selected: m.msgId === view.selectedMsgId, opacity });
  }
  if (out.length > view.maxMessages) out.splice(0, out.length - view.maxMessages);
  return out;
}

function markersOf(state: FlowState, view: FlowView): FrameMarker[] {
  const out: FrameMarker[] = [];
  for (const mk of state.markers) {
    const age = view.timeMs - mk.atMs;
    if (age < 0 || age > view.markerWindowMs) continue;
    const a = anchorOf(view.layout, mk.from), b = anchorOf(view.layout, mk.to);
    const pos = mk.from === mk.to ? { x: a.x + 40, y: a.y - 18 } : along(a, b, mk.kind === "timeout" ? 0.18 : 0.5, 0);
    out.push({ id: mk.id, kind: mk.kind, x: pos.x, y: pos.y, detail: mk.detail, opacity: 1 - age / view.markerWindowMs });
  }
  return out;
}

/** Queue depth and consumer lag, attached to the queue/topic node when the lab draws one, else to the broker. */
function gaugesOf(state: FlowState, layout: FlowLayout): FrameGauge[] {
  const out: FrameGauge[] = [];
  const hostFor = (broker: string, name: string) =>
    layout.nodes.find((n) => (n.kind === "queue" || n.kind === "topic" || n.kind === "partition") && (n.id === name || n.label === name || n.id === `${broker}/${name}`))?.id ?? broker;
  for (const [key, q] of state.queues) {
    const depth = q.ready + q.unacked;
    out.push({ id: `q:${key}`, nodeId: hostFor(q.broker, q.queue), label: `${q.queue} ${q.ready}+${q.unacked}`, value: depth, max: Math.max(10, depth), warn: depth > 50 });
  }
  const lagBy = new Map<string, { broker: string; topic: string; lag: number }>();
  for (const l of state.lags.values()) {
    if (!l.group) continue;
    const k = `${l.broker}/${l.group}/${l.topic}`;
    const cur = lagBy.get(k) ?? { broker: l.broker, topic: l.topic, lag: 0 };
    cur.lag += Math.max(0, l.endOffset - l.committed);
    lagBy.set(k, cur);
  }
  for (const [k, l] of lagBy) out.push({ id: `lag:${k}`, nodeId: hostFor(l.broker, l.topic), label: `lag ${k.split("/")[1]} ${l.lag}`, value: l.lag, max: Math.max(20, l.lag), warn: l.lag > 100 });
  for (const [id, n] of state.nodes) {
    if (n.queueDepth > 0 || n.inFlight > 0) out.push({ id: `w:${id}`, nodeId: id, label: `${n.inFlight}▸${n.queueDepth}`, value: n.queueDepth, max: Math.max(10, n.queueDepth), warn: n.queueDepth > 20 });
  }
  return out;
}

function badgesOf(state: FlowState, layout: FlowLayout): FrameBadge[] {
  const out: FrameBadge[] = [];
  for (const [key, s] of state.states) {
    // A hidden instance has no box of its own: its badge would pile up on the group's summary.
    if (layout.collapsed.has(s.instance)) continue;
    const v = s.value.toLowerCase();
    const tone = v.includes("open") && !v.includes("half") ? "bad" : v.includes("half") ? "warn" : "ok";
    out.push({ id: key, nodeId: s.instance, text: `${s.name}: ${s.value}`, tone });
  }
  for (const b of state.brokersDown) out.push({ id: `down:${b}`, nodeId: b, text: "down", tone: "bad" });
  return out;
}

/** Counts for every collapsed group's summary box (crashed, paused and slow among the hidden instances). */
function groupsOf(state: FlowState, layout: FlowLayout): FrameGroup[] {
  const out: FrameGroup[] = [];
  for (const n of layout.nodes) {
    if (!n.hidden) continue;
    const g: FrameGroup = { id: n.id, hidden: n.hidden.length, crashed: [], paused: [], slow: [] };
    for (const id of n.hidden) {
      const s = state.nodes.get(id);
      if (!s) continue;
      // Each hidden instance counts once: crashed, else paused, else slow.
      if (s.state === "crashed") g.crashed.push(id);
      else if (s.state === "paused") g.paused.push(id);
      else if (s.slowFactor > 1) g.slow.push(id);
    }
    out.push(g);
  }
  return out;
}

/** What the view draws at `view.timeMs`: plain data, so it is testable without a DOM. */
export function flowFrame(events: readonly SimEvent[], view: FlowView): FlowFrame {
  const state = flowStateAt(events, view.timeMs);
  const nodes: FrameNodeState[] = [];
  for (const n of view.layout.nodes) {
    const s = state.nodes.get(n.id);
    if (s) nodes.push({ id: n.id, state: s.state, slow: s.slowFactor > 1, busy: s.inFlight });
    else if (n.kind === "service" || n.kind === "client") {
      // A service is down when every instance it has is down.
      const kids = [...state.nodes.entries()].filter(([id]) => serviceOf(id) === n.id);
      if (kids.length && kids.every(([, k]) => k.state === "crashed" || k.state === "stopped")) nodes.push({ id: n.id, state: "crashed", slow: false, busy: 0 });
    }
  }
  return { messages: messagesOf(state, view), markers: markersOf(state, view), gauges: gaugesOf(state, view.layout), badges: badgesOf(state, view.layout), nodes, groups: groupsOf(state, view.layout) };
}
