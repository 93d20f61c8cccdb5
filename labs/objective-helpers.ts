/** Small queries over the event log shared by the labs' objectives (on top of server/sim's objectives). */
import type { CallEndEvent, SimEvent } from "../server/sim/events";
import type { Scenario } from "../server/sim/scenario";

export function callsOf(events: readonly SimEvent[], f: { from?: string; to?: string; method?: string; pathPrefix?: string }): CallEndEvent[] {
  return events.filter((e): e is CallEndEvent => e.type === "call.end"
    && (f.from === undefined || e.fromService === f.from)
    && (f.to === undefined || e.toService === f.to)
    && (f.method === undefined || e.method === f.method)
    && (f.pathPrefix === undefined || e.path.startsWith(f.pathPrefix)));
}

/** The [start, end) window of the first scheduled fault of `type` on `instance`. */
export function faultWindow(scenario: Scenario, type: string, instance: string): { startMs: number; endMs: number } {
  const f = scenario.faults.find((x) => x.type === type && "instance" in x && x.instance === instance);
  if (!f) throw new Error(`the scenario has no ${type} fault on ${instance}`);
  return { startMs: f.atMs, endMs: f.atMs + (f.durationMs ?? Infinity) };
}

export function ms(x: number): string {
  return `${Math.round(x * 10) / 10} ms`;
}
