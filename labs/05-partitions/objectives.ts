/** The objectives of 05-partitions: queries over the event log (server/sim events). */
import type { ObjectiveResult } from "../../server/sim/objectives";
import type { InstanceStateEvent, KafkaAppendEvent, KafkaOffsetResetEvent, SimEvent } from "../../server/sim/events";

/** The same plan as orders.ts: orders o-0 … o-199, and every fifth (n % 5 === 2) cancelled after payment. */
export const ORDERS = 200;
const CANCELLED = Array.from({ length: ORDERS }, (_, n) => n).filter((n) => n % 5 === 2).map((n) => `o-${n}`);

export const TOPIC = "order-events";
/** shipping-3 is deployed at 2 s (it starts down). */
export const SCALE_OUT = { atMs: 0, durationMs: 2_000, type: "crash", instance: "shipping-3" } as const;
export const CARRIER_HANGS = { atMs: 3_400, durationMs: 400, type: "pause", instance: "carrier-1" } as const;
export const KILL = { atMs: 3_600, type: "crash", instance: "shipping-1" } as const;
export const ANALYTICS_STARTS_MS = 4_000;

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const examples = (list: string[]) => list.slice(0, 3).join(", ") + (list.length > 3 ? ", …" : "");

/** The carrier's log, per order: how many couriers were booked and whether one is still active. */
function carrier(events: readonly SimEvent[]): Map<string, { booked: number; active: boolean }> {
  const out = new Map<string, { booked: number; active: boolean }>();
  for (const e of events) {
    if (e.type !== "log" || e.service !== "carrier") continue;
    const id = String(e.fields.orderId);
    const row = out.get(id) ?? { booked: 0, active: false };
    if (e.msg === "courier booked") Object.assign(row, { booked: row.booked + 1, active: true });
    else if (e.msg === "courier cancelled") row.active = false;
    out.set(id, row);
  }
  return out;
}

/** Every record of the topic, and those shipping never finished (its eachMessage resolved: work.end). */
function shippingProgress(events: readonly SimEvent[]) {
  const records = events.filter((e): e is KafkaAppendEvent => e.type === "kafka.append" && e.topic === TOPIC);
  const finished = new Set<number>();
  for (const e of events) if (e.type === "work.end" && e.kind === "kafka" && e.service === "shipping") finished.add(e.ref);
  const lost = records.filter((r) => !finished.has(r.msgId));
  return { records, lost, lostKeys: new Set(lost.map((r) => r.key).filter(Boolean)) };
}

function crashAt(events: readonly SimEvent[]): { instance: string; atMs: number } | undefined {
  const crash = events.find((e): e is InstanceStateEvent => e.type === "instance.state" && e.state === "crashed" && e.service === "shipping" && e.timeMs > 0);
  return crash ? { instance: crash.instance, atMs: crash.timeMs } : undefined;
}

export function checkCancelledNotShipped(events: readonly SimEvent[]): ObjectiveResult {
  const { records, lostKeys } = shippingProgress(events);
  if (records.length === 0) return { passed: false, detail: "no order events were published" };
  const bookings = carrier(events);
  // An order with an event shipping never finished fails the next objective, not this one.
  const active = CANCELLED.filter((id) => bookings.get(id)?.active);
  const shipped = active.filter((id) => !lostKeys.has(id));
  const unkeyed = records.filter((r) => r.key === "").length;
  const notes = [
    unkeyed > 0 ? `${unkeyed} of ${records.length} records had no key` : "",
    active.length > shipped.length ? `${active.length - shipped.length} more lost an event (see the next objective)` : "",
  ].filter(Boolean).join("; ");
  const tail = notes ? `; ${notes}` : "";
  return shipped.length === 0
    ? { passed: true, detail: `none of the ${CANCELLED.length} cancelled orders was left with a courier${tail}` }
    : { passed: false, detail: `${shipped.length} of ${CANCELLED.length} cancelled orders still have a courier booked (${examples(shipped)}): OrderCancelled was handled before OrderPaid had finished${tail}` };
}

export function checkNoLostEvent(events: readonly SimEvent[]): ObjectiveResult {
  const { records, lost } = shippingProgress(events);
  if (records.length === 0) return { passed: false, detail: "no order events were published" };
  if (lost.length === 0) return { passed: true, detail: `shipping finished all ${records.length} order events` };
  const r = lost[0]!;
  const crash = crashAt(events);
  const committed = crash !== undefined && events.some((e) => e.type === "kafka.commit" && e.group === "shipping"
    && e.partition === r.partition && e.offset > r.offset && e.timeMs <= crash.atMs);
  const why = crash && committed
    ? `: ${crash.instance} crashed at ${s(crash.atMs)} in the middle of it, but its offset was already committed, so the partition's next owner started after it`
    : "";
  return { passed: false, detail: `shipping never finished ${lost.length} of ${records.length} order events (e.g. partition ${r.partition} offset ${r.offset}${r.key ? `, ${r.key}` : ""})${why}` };
}

export function checkNoDoubleBooking(events: readonly SimEvent[]): ObjectiveResult {
  const bookings = carrier(events);
  const twice = [...bookings].filter(([, b]) => b.booked > 1);
  const total = [...bookings.values()].reduce((n, b) => n + b.booked, 0);
  if (total === 0) return { passed: false, detail: "no courier was booked at all" };
  if (twice.length === 0) return { passed: true, detail: `${total} couriers booked, never two for the same order` };
  const crash = crashAt(events);
  const why = crash ? ` — ${crash.instance} crashed at ${s(crash.atMs)} after the carrier had booked but before the offset was committed, and the partition's next owner handled the event again` : "";
  return { passed: false, detail: `${twice.length} order${twice.length === 1 ? "" : "s"} got more than one courier (${examples(twice.map(([id, b]) => `${id}×${b.booked}`))})${why}` };
}

export function checkAnalyticsReplay(events: readonly SimEvent[]): ObjectiveResult {
  const appended = new Set<string>();
  const read = new Set<string>();
  const groups = new Set<string>();
  for (const e of events) {
    if (e.type === "kafka.append" && e.topic === TOPIC) appended.add(`${e.partition}/${e.offset}`);
    else if (e.type === "kafka.consume" && e.topic === TOPIC && e.instance.startsWith("analytics")) {
      read.add(`${e.partition}/${e.offset}`);
      groups.add(e.group);
    } else if (e.type === "kafka.member" && e.change === "join" && e.instance.startsWith("analytics")) groups.add(e.group);
  }
  if (groups.has("shipping")) {
    return { passed: false, detail: `analytics joined the group "shipping": it takes partitions away from shipping instead of reading its own copy of the topic` };
  }
  if (read.size === 0) return { passed: false, detail: "analytics consumed nothing" };
  const missed = [...appended].filter((id) => !read.has(id)).length;
  const reset = events.find((e): e is KafkaOffsetResetEvent => e.type === "kafka.offset-reset" && e.member.startsWith("analytics"));
  const from = reset ? ` (with no committed offset it started partition ${reset.partition} at offset ${reset.offset})` : "";
  return missed === 0
    ? { passed: true, detail: `analytics read all ${appended.size} records in its own group "${[...groups][0]}", history included` }
    : { passed: false, detail: `analytics read ${read.size} of ${appended.size} records${from}: the ${missed} published before it joined at ${s(ANALYTICS_STARTS_MS)} are missing` };
}
