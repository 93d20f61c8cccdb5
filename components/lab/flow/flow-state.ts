import type { InstanceState, Protocol, SimEvent } from "@/server/sim/events";
import { classifyMessage, isFailureStatus, type MessageKind } from "./classify";

/** A message on the wire (or just landed: it stays visible for a minimum flight so it can be seen). */
export interface FlightMessage {
  msgId: number;
  from: string;
  to: string;
  kind: MessageKind;
  protocol: Protocol;
  label: string;
  sizeBytes: number;
  ref: number;
  traceId: string;
  sentMs: number;
  /** When it arrives (or -1 if it is lost). */
  deliverAtMs: number;
  /** Set when the drop happened: the message stops where it was and fades. */
  droppedAtMs: number;
  dropReason: string;
  retry: boolean;
}

export type MarkerKind = "drop" | "timeout" | "retry" | "reject" | "lost";
export interface FlowMarker { id: number; kind: MarkerKind; from: string; to: string; atMs: number; detail: string }

export interface NodeStatus { state: InstanceState; slowFactor: number; queueDepth: number; inFlight: number }
export interface QueueGauge { broker: string; queue: string; ready: number; unacked: number }
export interface LagGauge { broker: string; group: string; topic: string; partition: number; endOffset: number; committed: number }

/** Everything the flow view draws at one instant, built incrementally from the event log. */
export interface FlowState {
  /** Number of events applied. */
  index: number;
  timeMs: number;
  messages: Map<number, FlightMessage>;
  markers: FlowMarker[];
  nodes: Map<string, NodeStatus>;
  /** `${instance} ${name}` → value, from state.change (circuit breakers and other learner state). */
  states: Map<string, { instance: string; name: string; value: string; atMs: number }>;
  queues: Map<string, QueueGauge>;
  lags: Map<string, LagGauge>;
  brokersDown: Set<string>;
  failedRefs: Set<number>;
  retryRefs: Set<number>;
}

/** Messages stay in the state this long after landing (the longest minimum flight the view asks for). */
export const LINGER_MS_MAX = 6000;
const MARKERS_MAX = 200;

export function emptyFlowState(): FlowState {
  return {
    index: 0, timeMs: 0, messages: new Map(), markers: [], nodes: new Map(), states: new Map(),
    queues: new Map(), lags: new Map(), brokersDown: new Set(), failedRefs: new Set(), retryRefs: new Set(),
  };
}

function node(state: FlowState, id: string): NodeStatus {
  let n = state.nodes.get(id);
  if (!n) { n = { state: "up", slowFactor: 1, queueDepth: 0, inFlight: 0 }; state.nodes.set(id, n); }
  return n;
}

function queue(state: FlowState, broker: string, name: string): QueueGauge {
  const key = `${broker}/${name}`;
  let q = state.queues.get(key);
  if (!q) { q = { broker, queue: name, ready: 0, unacked: 0 }; state.queues.set(key, q); }
  return q;
}

function lag(state: FlowState, broker: string, group: string, topic: string, partition: number): LagGauge {
  const key = `${broker}/${group}/${topic}/${partition}`;
  let l = state.lags.get(key);
  if (!l) {
    // A new group starts at the partition's current end (as if it reset to latest) unless it commits lower.
    const end = Math.max(0, ...[...state.lags.values()].filter((x) => x.broker === broker && x.topic === topic && x.partition === partition).map((x) => x.endOffset));
    l = { broker, group, topic, partition, endOffset: end, committed: 0 };
    state.lags.set(key, l);
  }
  return l;
}

function mark(state: FlowState, marker: Omit<FlowMarker, "id">) {
  state.markers.push({ ...marker, id: state.index });
  if (state.markers.length > MARKERS_MAX) state.markers.splice(0, state.markers.length - MARKERS_MAX);
}

/** Applies one event. Mutates `state` (the caller owns it); returns nothing so misuse is obvious. */
export function applyEvent(state: FlowState, e: SimEvent): void {
  state.timeMs = Math.max(state.timeMs, e.timeMs);
  switch (e.type) {
    case "net.send":
      state.messages.set(e.msgId, {
        msgId: e.msgId, from: e.from, to: e.to, kind: classifyMessage(e, state.failedRefs), protocol: e.protocol,
        label: e.label, sizeBytes: e.sizeBytes, ref: e.ref, traceId: e.traceId, sentMs: e.timeMs,
        deliverAtMs: e.deliverAtMs, droppedAtMs: -1, dropReason: "",
        retry: state.retryRefs.has(e.ref) && e.label.includes("request"),
      });
      break;
    case "net.deliver": {
      const m = state.messages.get(e.msgId);
      if (m) m.deliverAtMs = e.timeMs;
      break;
    }
    case "net.drop": {
      const m = state.messages.get(e.msgId);
      if (m) { m.droppedAtMs = e.timeMs; m.dropReason = e.reason; m.deliverAtMs = -1; }
      mark(state, { kind: "drop", from: e.from, to: e.to, atMs: e.timeMs, detail: e.reason });
      break;
    }
    case "instance.state": {
      const n = node(state, e.instance);
      n.state = e.state; n.slowFactor = e.slowFactor;
      if (e.state === "crashed" || e.state === "stopped") { n.inFlight = 0; n.queueDepth = 0; }
      break;
    }
    case "work.start": { const n = node(state, e.instance); n.inFlight = e.inFlight; n.queueDepth = e.queueDepth; break; }
    case "work.end": {
      const n = node(state, e.instance);
      n.inFlight = Math.max(0, n.inFlight - 1);
      if (isFailureStatus(e.kind, e.status)) state.failedRefs.add(e.ref);
      break;
    }
    case "work.reject":
      state.failedRefs.add(e.ref);
      mark(state, { kind: "reject", from: e.instance, to: e.instance, atMs: e.timeMs, detail: e.reason });
      break;
    case "work.lost": mark(state, { kind: "lost", from: e.instance, to: e.instance, atMs: e.timeMs, detail: e.reason }); break;
    case "call.start": if (e.attempt > 1) state.retryRefs.add(e.callId); break;
    case "call.retry":
      state.retryRefs.add(e.callId);
      mark(state, { kind: "retry", from: e.from, to: e.toService, atMs: e.timeMs, detail: `attempt ${e.attempt}` });
      break;
    case "call.end":
      if (e.outcome === "timeout") mark(state, { kind: "timeout", from: e.from, to: e.to || e.toService, atMs: e.timeMs, detail: `${e.method} ${e.path}` });
      break;
    case "state.change":
      state.states.set(`${e.instance} ${e.name}`, { instance: e.instance, name: e.name, value: e.to, atMs: e.timeMs });
      break;
    case "broker.state": if (e.state === "down") state.brokersDown.add(e.broker); else state.brokersDown.delete(e.broker); break;
    case "amqp.route": for (const q of e.queues) queue(state, e.broker, q).ready++; break;
    case "amqp.deliver": { const q = queue(state, e.broker, e.queue); q.ready = Math.max(0, q.ready - 1); if (!e.autoAck) q.unacked++; break; }
    case "amqp.ack": { const q = queue(state, e.broker, e.queue); q.unacked = Math.max(0, q.unacked - 1); break; }
    case "amqp.nack": { const q = queue(state, e.broker, e.queue); q.unacked = Math.max(0, q.unacked - 1); break; }
    case "amqp.requeue": queue(state, e.broker, e.queue).ready++; break;
    case "amqp.dead-letter": case "amqp.drop": {
      const q = queue(state, e.broker, e.queue);
      q.ready = Math.max(0, q.ready - 1);
      break;
    }
    case "kafka.append":
      for (const l of state.lags.values()) if (l.broker === e.broker && l.topic === e.topic && l.partition === e.partition) l.endOffset = e.offset + 1;
      if (![...state.lags.values()].some((l) => l.broker === e.broker && l.topic === e.topic && l.partition === e.partition)) {
        state.lags.set(`${e.broker}//${e.topic}/${e.partition}`, { broker: e.broker, group: "", topic: e.topic, partition: e.partition, endOffset: e.offset + 1, committed: 0 });
      }
      break;
    case "kafka.commit": lag(state, e.broker, e.group, e.topic, e.partition).committed = e.offset; break;
    case "kafka.offset-reset": lag(state, e.broker, e.group, e.topic, e.partition).committed = e.offset; break;
    default: break;
  }
}

/** Forgets messages that landed or were lost long ago: the view no longer draws them. */
export function pruneMessages(state: FlowState, nowMs: number): void {
  for (const [id, m] of state.messages) {
    const endMs = m.droppedAtMs >= 0 ? m.droppedAtMs : m.deliverAtMs;
    if (endMs >= 0 && nowMs - endMs > LINGER_MS_MAX && nowMs - m.sentMs > LINGER_MS_MAX) state.messages.delete(id);
  }
}

/** Index of the first event with timeMs > t (events are ordered by time). */
export function eventIndexAfter(events: readonly SimEvent[], timeMs: number): number {
  let lo = 0, hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((events[mid] as SimEvent).timeMs <= timeMs) lo = mid + 1; else hi = mid;
  }
  return lo;
}

const cache = new WeakMap<readonly SimEvent[], FlowState>();

/**
 * The flow state after every event up to `timeMs`. Pure from the caller's side; internally it keeps one
 * cursor per (append-only) log so a frame costs only the events since the previous one, and it rebuilds
 * from the start when time goes backwards.
 */
export function flowStateAt(events: readonly SimEvent[], timeMs: number): FlowState {
  let state = cache.get(events);
  const end = eventIndexAfter(events, timeMs);
  if (!state || state.index > end || state.timeMs > timeMs) state = emptyFlowState();
  for (let i = state.index; i < end; i++) { applyEvent(state, events[i] as SimEvent); state.index = i + 1; }
  state.timeMs = Math.max(state.timeMs, timeMs);
  pruneMessages(state, timeMs);
  cache.set(events, state);
  return state;
}
