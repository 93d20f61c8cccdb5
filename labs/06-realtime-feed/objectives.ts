/**
 * The checks of lab 06. What a browser showed comes from the lab-owned browsers (harness/browsers.ts:
 * one `shown` line per event handed to onEvent, with the domain event's number `n`); connections,
 * crashes and handshakes come from the engine's own events (ws.open, ws.close, call.start to auth).
 * Nothing here reads the learner's logs or trusts the learner's sequence numbers.
 */
import type { CallStartEvent, LogEvent, SimEvent, WsCloseEvent, WsOpenEvent } from "../../server/sim/events";
import type { ObjectiveResult } from "../../server/sim/objectives";

/** The timetable of the scenario in lab.ts (simulated ms). */
export const T = {
  /** Domain events: one every `eventEveryMs` from `eventsFrom`, for user n mod USERS. */
  eventsFrom: 3_000,
  eventEveryMs: 25,
  eventCount: 328,
  crashAt: 4_500,
  crashForMs: 2_500,
  freezeAt: 7_500,
  freezeForMs: 2_500,
  end: 13_000,
} as const;
export const USERS = 41;
export const CRASHED = "gw-2";
/** Four laptops close their lids (the `pause` faults): their browsers answer nothing, not even pings. */
export const FROZEN = ["browsers-5", "browsers-14", "browsers-23", "browsers-32"];
export const HEARTBEAT_MS = 1_000;
const DETECT_LIMIT_MS = 2 * HEARTBEAT_MS;
const STORM_WINDOW_MS = 100;
const STORM_PEAK_MAX = 7;
const BACK_WITHIN_MS = 5_000;

const userOf = (index: number) => `cus-${2000 + index}`;
const sec = (ms: number) => `${Math.round(ms / 100) / 10} s`;
const now = (events: readonly SimEvent[]) => (events.length ? events[events.length - 1]!.timeMs : 0);
const ended = (events: readonly SimEvent[]) => events.some((e) => e.type === "sim.end");

/** The domain events of one user, in publishing order, with the time they were published. */
function expectedOf(index: number): { n: number; atMs: number }[] {
  const out = [];
  for (let n = index - 1; n < T.eventCount; n += USERS) out.push({ n, atMs: T.eventsFrom + n * T.eventEveryMs });
  return out;
}

/** What every user's browser showed, in order: the `n` of each `shown` line. */
function shownByUser(events: readonly SimEvent[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const e of events) {
    if (e.type !== "log" || e.service !== "browsers" || e.msg !== "shown") continue;
    const f = (e as LogEvent).fields;
    const user = String(f.user), list = out.get(user) ?? [];
    list.push(typeof f.n === "number" ? f.n : -1);
    out.set(user, list);
  }
  return out;
}

function listOf(ns: number[], max = 4): string {
  return ns.length <= max ? ns.join(", ") : `${ns.slice(0, max).join(", ")}… (${ns.length})`;
}

export function checkFanOut(events: readonly SimEvent[]): ObjectiveResult {
  if (now(events) < T.crashAt) return { passed: false, detail: `waiting for the events before gw-2's crash at ${sec(T.crashAt)}` };
  const shown = shownByUser(events);
  let expected = 0, got = 0;
  const misses: string[] = [];
  for (let i = 1; i <= USERS; i++) {
    const seen = new Set(shown.get(userOf(i)) ?? []);
    const due = expectedOf(i).filter((x) => x.atMs < T.crashAt).map((x) => x.n);
    const missing = due.filter((n) => !seen.has(n));
    expected += due.length;
    got += due.length - missing.length;
    if (missing.length) misses.push(`${userOf(i)} never got n=${listOf(missing, 2)}`);
  }
  if (misses.length === 0) return { passed: true, detail: `before the crash every browser showed every event of its user (${got} of ${expected})` };
  return {
    passed: false,
    detail: `before the crash (${sec(T.eventsFrom)}–${sec(T.crashAt)}) ${misses.length} of ${USERS} browsers missed events: ${got} of ${expected} shown (${misses.slice(0, 2).join("; ")})`,
  };
}

/** The connection each frozen browser had open when it froze, and when (if) a gateway dropped it. */
export function checkDeadDetected(events: readonly SimEvent[]): ObjectiveResult {
  if (now(events) < T.freezeAt + DETECT_LIMIT_MS) return { passed: false, detail: `waiting for the browsers that freeze at ${sec(T.freezeAt)}` };
  const open = new Map<number, WsOpenEvent>();
  const closes = new Map<number, WsCloseEvent>();
  for (const e of events) {
    if (e.type === "ws.open") open.set(e.connId, e);
    else if (e.type === "ws.close") {
      if (e.timeMs < T.freezeAt) open.delete(e.connId);
      else if (!closes.has(e.connId)) closes.set(e.connId, e);
    }
  }
  const delays: string[] = [];
  const slow: string[] = [];
  let measured = 0;
  for (const browser of FROZEN) {
    const conn = [...open.values()].filter((o) => o.from === browser && o.timeMs < T.freezeAt).at(-1);
    if (!conn) continue;
    measured += 1;
    const close = closes.get(conn.connId);
    const byGateway = close && close.initiator.startsWith("gw-");
    const delayMs = byGateway ? close.timeMs - T.freezeAt : Infinity;
    delays.push(delayMs === Infinity ? "never" : sec(delayMs));
    if (delayMs > DETECT_LIMIT_MS) {
      slow.push(byGateway && close.code !== 1006 ? `${browser}: closed with ${close.code} only when it woke up — a close handshake waits for an answer` : browser);
    }
  }
  if (measured === 0) return { passed: false, detail: "none of the frozen browsers had an open connection when it froze" };
  const summary = `the gateway dropped the frozen browsers' connections after ${delays.join(", ")} (limit ${sec(DETECT_LIMIT_MS)} = 2 heartbeats of ${sec(HEARTBEAT_MS)})`;
  return slow.length ? { passed: false, detail: `${summary}; too late: ${slow.join("; ")}` } : { passed: true, detail: summary };
}

export function checkReconnectSpread(events: readonly SimEvent[]): ObjectiveResult {
  const until = T.crashAt + BACK_WITHIN_MS;
  if (now(events) < until) return { passed: false, detail: `waiting for the reconnections after gw-2's crash at ${sec(T.crashAt)}` };
  const victims = new Set(events.filter((e): e is WsCloseEvent => e.type === "ws.close" && e.initiator === CRASHED
    && e.code === 1006 && e.timeMs >= T.crashAt && e.timeMs < T.crashAt + 50).map((e) => e.from));
  if (victims.size === 0) return { passed: false, detail: "no browser was connected to gw-2 when it crashed" };
  const starts = events.filter((e): e is CallStartEvent => e.type === "call.start" && e.toService === "auth" && e.from.startsWith("browsers-")
    && e.timeMs >= T.crashAt && e.timeMs < until).map((e) => e.timeMs);
  let peak = 0, peakAt = 0;
  for (let i = 0, j = 0; i < starts.length; i++) {
    while (starts[i]! - starts[j]! >= STORM_WINDOW_MS) j++;
    if (i - j + 1 > peak) [peak, peakAt] = [i - j + 1, starts[j]!];
  }
  const backAt = new Map<string, number>();
  for (const e of events) {
    if (e.type === "ws.open" && e.timeMs > T.crashAt && victims.has(e.from) && !backAt.has(e.from)) backAt.set(e.from, e.timeMs);
  }
  const lastBack = Math.max(...[...backAt.values()].map((t) => t - T.crashAt));
  const missing = victims.size - backAt.size;
  const back = missing > 0 ? `${missing} of the ${victims.size} browsers gw-2 dropped were not back ${sec(BACK_WITHIN_MS)} later`
    : `the ${victims.size} browsers gw-2 dropped were all back after ${sec(lastBack)} (limit ${sec(BACK_WITHIN_MS)})`;
  const passed = peak <= STORM_PEAK_MAX && missing === 0 && lastBack <= BACK_WITHIN_MS;
  return { passed, detail: `peak ${peak} handshakes in ${STORM_WINDOW_MS} ms at ${sec(peakAt)} (limit ${STORM_PEAK_MAX}); ${back}` };
}

export function checkNoGaps(events: readonly SimEvent[]): ObjectiveResult {
  if (!ended(events)) return { passed: false, detail: `decided at the end of the run (${sec(T.end)})` };
  const shown = shownByUser(events);
  const problems: string[] = [];
  let perfect = 0;
  for (let i = 1; i <= USERS; i++) {
    const want = expectedOf(i).map((x) => x.n);
    const got = shown.get(userOf(i)) ?? [];
    const seen = new Set<number>(), dupes: number[] = [];
    for (const n of got) {
      if (seen.has(n)) dupes.push(n);
      seen.add(n);
    }
    const missing = want.filter((n) => !seen.has(n));
    const inOrder = got.every((n, k) => k === 0 || n > got[k - 1]!);
    if (!missing.length && !dupes.length && inOrder && got.length === want.length) {
      perfect += 1;
      continue;
    }
    const what = [missing.length ? `missed n=${listOf(missing, 3)}` : "", dupes.length ? `n=${listOf(dupes, 2)} twice` : "", inOrder ? "" : "out of order"];
    problems.push(`${userOf(i)} ${what.filter(Boolean).join(", ")}`);
  }
  const detail = `${perfect} of ${USERS} browsers showed every event of their user exactly once, in order`;
  return problems.length ? { passed: false, detail: `${detail}; ${problems.slice(0, 3).join("; ")}` } : { passed: true, detail };
}
