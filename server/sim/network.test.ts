import { describe, expect, it } from "vitest";
import type { NetDeliverEvent, SimEvent } from "./events";
import type { LinkSettings } from "./scenario";
import { createSim } from "./sim";

/** A publisher sending `count` pub/sub messages to one subscriber over a configured link. */
function traffic(link: Partial<LinkSettings>, count: number, seed = 1, gapMs = 1) {
  return createSim({
    seed,
    scenario: {
      name: "net", durationMs: count * gapMs + 5000,
      services: [{ name: "src" }, { name: "dst" }],
      brokers: [{ kind: "pubsub", name: "bus" }],
      network: { default: { latencyMs: 0 }, links: [{ from: "bus", to: "dst", ...link }] },
    },
    handlers: {
      dst: { onStart: (ctx) => ctx.pubsubSubscribe("bus", "t") },
      src: {
        onStart: (ctx) => { ctx.setTimer(100, "tick", 0); },
        onTimer(t, ctx) {
          const n = t.data as number;
          ctx.pubsubPublish("bus", "t", n, 1000);
          if (n + 1 < count) ctx.setTimer(gapMs, "tick", n + 1);
        },
      },
    },
  }).run();
}

const delivered = (events: readonly SimEvent[]) =>
  events.filter((e): e is NetDeliverEvent => e.type === "net.deliver" && e.label === "pubsub.message");

describe("network links", () => {
  it("applies the latency distribution plus jitter", () => {
    const d = delivered(traffic({ latencyMs: 10, jitterMs: 5 }, 2000));
    expect(d).toHaveLength(2000);
    expect(Math.min(...d.map((e) => e.latencyMs))).toBeGreaterThanOrEqual(10);
    expect(Math.max(...d.map((e) => e.latencyMs))).toBeLessThan(15 + 5); // FIFO may hold one behind a slower predecessor
    const mean = d.reduce((a, e) => a + e.latencyMs, 0) / d.length;
    expect(mean).toBeGreaterThan(12);
    expect(mean).toBeLessThan(13.5);
  });

  it("drops about dropProbability of messages and records why", () => {
    const events = traffic({ dropProbability: 0.2 }, 5000);
    const drops = events.filter((e) => e.type === "net.drop" && e.reason === "loss").length;
    expect(drops / 5000).toBeGreaterThan(0.18);
    expect(drops / 5000).toBeLessThan(0.22);
    expect(delivered(events)).toHaveLength(5000 - drops);
  });

  it("duplicates about duplicateProbability of messages", () => {
    const d = delivered(traffic({ duplicateProbability: 0.1 }, 5000));
    const dups = d.filter((e) => e.duplicate).length;
    expect(dups / 5000).toBeGreaterThan(0.08);
    expect(dups / 5000).toBeLessThan(0.12);
  });

  it("keeps FIFO order unless reordering is enabled", () => {
    const order = (events: readonly SimEvent[]) => delivered(events).map((e) => e.msgId);
    const fifo = order(traffic({ latencyMs: { type: "exponential", meanMs: 5 } }, 1000));
    expect(fifo).toEqual([...fifo].sort((a, b) => a - b));
    const shuffled = order(traffic({ latencyMs: 1, reorderProbability: 0.2, reorderDelayMs: 3 }, 1000));
    expect(shuffled).not.toEqual([...shuffled].sort((a, b) => a - b));
  });

  it("serialises messages at the link's bandwidth", () => {
    // 1000-byte messages every 1 ms over a 200 kB/s link: 5 ms each, so the link falls behind.
    const d = delivered(traffic({ bandwidthBytesPerSec: 200_000 }, 10));
    expect(d.map((e) => e.timeMs)).toEqual([105, 110, 115, 120, 125, 130, 135, 140, 145, 150]);
  });

  it("partitions drop traffic until healed", () => {
    const events = createSim({
      seed: 1,
      scenario: {
        name: "part", durationMs: 1000, services: [{ name: "a" }, { name: "b" }], brokers: [{ kind: "pubsub", name: "bus" }],
        faults: [{ atMs: 100, type: "partition", a: ["a"], b: ["bus"] }, { atMs: 300, type: "heal" }],
      },
      handlers: {
        a: { onStart: (ctx) => { ctx.setTimer(0, "t", 0); }, onTimer(t, ctx) { ctx.pubsubPublish("bus", "x", 1); if ((t.data as number) < 9) ctx.setTimer(50, "t", (t.data as number) + 1); } },
      },
    }).run();
    const publishes = events.filter((e) => e.type === "net.send" && e.label === "pubsub.publish");
    const dropped = events.filter((e) => e.type === "net.drop" && e.reason === "partition").map((e) => e.timeMs);
    expect(publishes).toHaveLength(10);
    expect(dropped).toEqual([100, 150, 200, 250]);
  });

  it("runtime latency faults add delay and are recorded", () => {
    const sim = createSim({
      seed: 1,
      scenario: { name: "lat", durationMs: 1000, services: [{ name: "a" }, { name: "b" }], network: { default: { latencyMs: 1 } } },
      handlers: {
        a: { onStart: (ctx) => { ctx.setTimer(100, "go"); }, onTimer: (_t, ctx) => { ctx.http("b", {}); } },
        b: { onHttp: () => ({ status: 200 }) },
      },
    });
    sim.runUntil(50);
    expect(sim.command("latency a->b 200ms")).toMatchObject({ ok: true });
    const events = sim.run();
    expect(events.find((e) => e.type === "fault")).toMatchObject({ timeMs: 50, fault: "latency", source: "runtime", target: "a->b", detail: "+200ms" });
    expect(events.find((e) => e.type === "call.end")).toMatchObject({ latencyMs: 2 * 201 + 2 * 201 + 1 });
  });
});
