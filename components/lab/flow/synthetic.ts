import type { SimEvent } from "@/server/sim/events";
import type { Topology } from "./layout";

/**
 * A steady synthetic load for the flow benchmark: `ratePerSec` messages a second, each `latencyMs` on the
 * wire, so `ratePerSec × latencyMs / 1000` are in flight at any moment. Deterministic (no Math.random).
 */
export function syntheticLoad(opts: { ratePerSec: number; latencyMs: number; durationMs: number }): { topology: Topology; events: SimEvent[] } {
  const services = ["gateway", "orders", "inventory", "payments", "shipping", "users", "search"];
  const topology: Topology = {
    nodes: [{ id: "client", kind: "client", label: "client" }, { id: "client-1", kind: "instance", label: "client-1", parent: "client" },
      ...services.flatMap((s) => [{ id: s, kind: "service" as const, label: s }, { id: `${s}-1`, kind: "instance" as const, label: `${s}-1`, parent: s }, { id: `${s}-2`, kind: "instance" as const, label: `${s}-2`, parent: s }]),
      { id: "rabbit", kind: "broker", label: "rabbit" }],
    edges: [{ from: "client", to: "gateway" }, ...services.slice(1).map((s) => ({ from: "gateway", to: s })), { from: "orders", to: "rabbit" }, { from: "rabbit", to: "shipping" }],
  };
  const pairs = topology.edges.map((e) => [e.from === "client" ? "client-1" : e.from, e.to]);
  const timed: { at: number; seq: number; e: SimEvent }[] = [];
  const stepMs = 1000 / opts.ratePerSec;
  let seq = 0;
  for (let i = 0, t = 0; t < opts.durationMs; i++, t = i * stepMs) {
    const [a, b] = pairs[i % pairs.length] as [string, string];
    const inst = (s: string) => (s === "rabbit" || s.endsWith("-1") ? s : `${s}-${1 + (i % 2)}`);
    const reply = i % 3 === 1;
    const from = inst(reply ? b : a), to = inst(reply ? a : b);
    const protocol = a === "rabbit" || b === "rabbit" ? "amqp" as const : "http" as const;
    const label = protocol === "amqp" ? "amqp.publish" : reply ? "http.response" : "http.request";
    const base = { msgId: i + 1, from, to, protocol, label, sizeBytes: 200, ref: i, traceId: "" };
    const deliverAtMs = t + opts.latencyMs;
    timed.push({ at: t, seq: seq++, e: { type: "net.send", timeMs: t, ...base, deliverAtMs } as unknown as SimEvent });
    if (i % 97 === 5) timed.push({ at: t + opts.latencyMs / 2, seq: seq++, e: { type: "net.drop", timeMs: t + opts.latencyMs / 2, ...base, reason: "loss" } as unknown as SimEvent });
    else timed.push({ at: deliverAtMs, seq: seq++, e: { type: "net.deliver", timeMs: deliverAtMs, ...base, latencyMs: opts.latencyMs, duplicate: false } as unknown as SimEvent });
  }
  timed.sort((x, y) => x.at - y.at || x.seq - y.seq);
  return { topology, events: timed.map((x) => x.e) };
}
