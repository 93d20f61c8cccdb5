// Lab-owned (not shown to the learner): tonight's orders, shared by harness/orders.ts (which publishes
// them) and lab.ts (whose objectives know which orders exist). Pure data: no "lab" import.

/** When things happen, in simulated ms. */
export const TRAFFIC = {
  /** orders publishes a batch every tick. */
  tickMs: 50,
  /** The last tick that publishes. */
  lastTickMs: 4_500,
  /** 20:00, the sale opens: 50 orders a tick (1 000/s) for half a second, against ~500/s of capacity. */
  burstFromMs: 1_000,
  burstUntilMs: 1_500,
  burstPerTick: 50,
  /** One order comes from the old mobile app, which does not send a phone number. */
  poisonAtMs: 3_000,
} as const;

export interface PlannedOrder {
  orderId: string;
  /** The tick that publishes it. */
  atMs: number;
  /** null: the malformed event (no phone number). */
  phone: string | null;
  burst: boolean;
}

/** Every order of the run, in publishing order. */
export function orderSchedule(): PlannedOrder[] {
  const out: PlannedOrder[] = [];
  let n = 0;
  for (let t: number = TRAFFIC.tickMs; t <= TRAFFIC.lastTickMs; t += TRAFFIC.tickMs) {
    const burst = t >= TRAFFIC.burstFromMs && t < TRAFFIC.burstUntilMs;
    const count = burst ? TRAFFIC.burstPerTick : 1;
    for (let i = 0; i < count; i++, n++) {
      const poison = t === TRAFFIC.poisonAtMs && i === 0;
      out.push({ orderId: `o-${n}`, atMs: t, phone: poison ? null : `+86 138 0000 ${String(n).padStart(4, "0")}`, burst });
    }
  }
  return out;
}
