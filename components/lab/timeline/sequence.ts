import type { SimEvent } from "@/server/sim/events";
import { classifyMessage, isFailureStatus, type MessageKind } from "../flow/classify";
import { serviceOf } from "../flow/layout";

export interface SequenceArrow { msgId: number; from: string; to: string; sentMs: number; endMs: number; kind: MessageKind; label: string; dropped: boolean }
export interface SequenceModel { lanes: string[]; arrows: SequenceArrow[]; fromMs: number; toMs: number }

/**
 * The same log as a sequence diagram: one swimlane per service (instances fold into their service), one
 * arrow per message, for the `limit` latest messages sent up to `timeMs`.
 */
export function sequenceModel(events: readonly SimEvent[], timeMs: number, limit = 60): SequenceModel {
  const sends = new Map<number, SequenceArrow>();
  const failed = new Set<number>();
  for (const e of events) {
    if (e.timeMs > timeMs) break;
    if (e.type === "work.end" && isFailureStatus(e.kind, e.status)) failed.add(e.ref);
    else if (e.type === "work.reject") failed.add(e.ref);
    else if (e.type === "net.send") {
      sends.set(e.msgId, { msgId: e.msgId, from: serviceOf(e.from), to: serviceOf(e.to), sentMs: e.timeMs, endMs: e.deliverAtMs >= 0 ? e.deliverAtMs : e.timeMs, kind: classifyMessage(e, failed), label: e.label, dropped: e.deliverAtMs < 0 });
    } else if (e.type === "net.drop") {
      const a = sends.get(e.msgId);
      if (a) { a.dropped = true; a.endMs = e.timeMs; }
    }
  }
  const arrows = [...sends.values()].slice(-limit);
  const lanes: string[] = [];
  const laneOrder = (id: string) => (id === "client" ? -1 : 0);
  for (const a of arrows) for (const id of [a.from, a.to]) if (!lanes.includes(id)) lanes.push(id);
  lanes.sort((a, b) => laneOrder(a) - laneOrder(b));
  const fromMs = arrows.length ? (arrows[0] as SequenceArrow).sentMs : 0;
  const toMs = arrows.length ? Math.max(...arrows.map((a) => a.endMs), fromMs + 1) : 1;
  return { lanes, arrows, fromMs, toMs };
}
