/** The objectives of 05-work-queue: queries over the event log (server/sim events). */
import type { ObjectiveResult } from "../../server/sim/objectives";
import type { SimEvent } from "../../server/sim/events";
import { orderSchedule, TRAFFIC } from "./harness/traffic";

export const QUEUE = "notify.order-events";
export const DEAD_LETTER_QUEUE = "notify.dead-letter";
export const CRASH = { atMs: 1_400, durationMs: 1_000, type: "crash", instance: "notify-1" } as const;
/** The burst must be notified within this long of its first order. */
export const BURST_DEADLINE_MS = 2_500;
/** How often the malformed message may be delivered before it must be in the dead-letter queue. */
export const POISON_DELIVERIES_MAX = 5;

const PLAN = orderSchedule();
const EXPECTED = PLAN.filter((o) => o.phone !== null);
const BURST = EXPECTED.filter((o) => o.burst);

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const examples = (ids: string[]) => ids.slice(0, 3).join(", ") + (ids.length > 3 ? ", …" : "");

/** First time, and how often, each order's SMS went out (the gateway's `sms sent` log lines). */
function smsSent(events: readonly SimEvent[]): Map<string, { firstMs: number; count: number }> {
  const sent = new Map<string, { firstMs: number; count: number }>();
  for (const e of events) {
    if (e.type !== "log" || e.service !== "sms" || e.msg !== "sms sent") continue;
    const id = String(e.fields.orderId);
    const seen = sent.get(id);
    if (seen) seen.count++;
    else sent.set(id, { firstMs: e.timeMs, count: 1 });
  }
  return sent;
}

/** Messages a notify instance held when it crashed and that the broker never delivered again. */
function lostInCrash(events: readonly SimEvent[]): { count: number; instance: string; atMs: number } {
  const lost = new Map<number, { instance: string; atMs: number }>();
  for (const e of events) {
    if (e.type === "work.lost" && e.kind === "amqp" && e.service === "notify") lost.set(e.ref, { instance: e.instance, atMs: e.timeMs });
    else if (e.type === "amqp.deliver" && e.queue === QUEUE) lost.delete(e.msgId);
  }
  const first = [...lost.values()][0];
  return { count: lost.size, instance: first?.instance ?? CRASH.instance, atMs: first?.atMs ?? CRASH.atMs };
}

export function checkNoLoss(events: readonly SimEvent[]): ObjectiveResult {
  const sent = smsSent(events);
  const missing = EXPECTED.filter((o) => !sent.has(o.orderId)).map((o) => o.orderId);
  const twice = EXPECTED.filter((o) => (sent.get(o.orderId)?.count ?? 0) > 1).length;
  const crash = lostInCrash(events);
  if (missing.length === 0) {
    const dup = twice > 0 ? `; ${twice} got it more than once (redelivered after a failure or crash: at-least-once)` : "";
    return { passed: true, detail: `all ${EXPECTED.length} orders got their SMS${dup}` };
  }
  const busy = events.filter((e) => e.type === "call.end" && e.fromService === "notify" && e.toService === "sms" && e.status >= 500).length;
  const why = [
    crash.count > 0 ? `${crash.instance} crashed at ${s(crash.atMs)} holding ${crash.count} messages the broker never delivered again` : "",
    busy > 0 ? `the gateway answered 5xx (busy) ${busy} times` : "",
  ].filter(Boolean).join("; ");
  return { passed: false, detail: `${missing.length} of ${EXPECTED.length} orders never got an SMS (${examples(missing)})${why ? `; ${why}` : ""}` };
}

export function checkBurstDrained(events: readonly SimEvent[]): ObjectiveResult {
  const sent = smsSent(events);
  const from = TRAFFIC.burstFromMs;
  const late = BURST.filter((o) => (sent.get(o.orderId)?.firstMs ?? Infinity) > from + BURST_DEADLINE_MS);
  const done = BURST.map((o) => sent.get(o.orderId)?.firstMs ?? Infinity).filter(Number.isFinite);
  const perConsumer = new Map<string, number>();
  for (const e of events) {
    if (e.type === "call.end" && e.fromService === "notify" && e.toService === "sms" && e.status === 202) perConsumer.set(e.from, (perConsumer.get(e.from) ?? 0) + 1);
  }
  const share = [...perConsumer].sort(([a], [b]) => a.localeCompare(b)).map(([i, n]) => `${i} ${n}`).join(", ");
  const last = done.length ? Math.max(...done) : NaN;
  const head = late.length === 0
    ? `the last of the ${BURST.length} burst orders got its SMS at ${s(last)}, ${s(last - from)} after the burst began (limit ${s(BURST_DEADLINE_MS)})`
    : `${late.length} of ${BURST.length} burst orders got no SMS within ${s(BURST_DEADLINE_MS)} of the burst (at ${s(from)})` +
      (done.length === BURST.length ? `; the last at ${s(last)}` : `; ${BURST.length - done.length} never did`);
  return { passed: late.length === 0, detail: `${head}. SMS sent per consumer: ${share || "none"}` };
}

export function checkPoisonDeadLettered(events: readonly SimEvent[]): ObjectiveResult {
  const deliveries = new Map<number, number>();
  const dead: number[] = [];
  for (const e of events) {
    if (e.type === "amqp.deliver" && e.queue === QUEUE) deliveries.set(e.msgId, (deliveries.get(e.msgId) ?? 0) + 1);
    else if (e.type === "amqp.route" && e.queues.includes(DEAD_LETTER_QUEUE)) dead.push(e.msgId);
  }
  const [worstId, worst] = [...deliveries].reduce((a, b) => (b[1] > a[1] ? b : a), [-1, 0]);
  if (dead.length === 0) {
    const loop = worst > POISON_DELIVERIES_MAX ? `; one message was delivered ${worst} times and is still going round` : "";
    return { passed: false, detail: `the dead-letter queue is empty: the malformed order (${PLAN.find((o) => o.phone === null)?.orderId}) was not isolated${loop}` };
  }
  if (dead.length > 1) {
    return { passed: false, detail: `${dead.length} messages were dead-lettered; only the malformed one belongs there — the others were worth another try` };
  }
  const times = deliveries.get(dead[0]!) ?? 0;
  const passed = times <= POISON_DELIVERIES_MAX && worst <= POISON_DELIVERIES_MAX;
  const detail = passed
    ? `the malformed message reached ${DEAD_LETTER_QUEUE} after ${times} deliver${times === 1 ? "y" : "ies"} (limit ${POISON_DELIVERIES_MAX}), and it was the only one`
    : times > POISON_DELIVERIES_MAX
      ? `the malformed message was delivered ${times} times before it was dead-lettered (limit ${POISON_DELIVERIES_MAX})`
      : `message #${worstId} was delivered ${worst} times (limit ${POISON_DELIVERIES_MAX})`;
  return { passed, detail };
}
