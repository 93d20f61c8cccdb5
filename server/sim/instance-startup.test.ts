import { describe, expect, it } from "vitest";
import type { InstanceStateEvent } from "./events";
import { createSim } from "./sim";

const states = (events: readonly unknown[]) => (events as InstanceStateEvent[]).filter((e) => e.type === "instance.state").map((e) => [e.timeMs, e.instance, e.state]);

describe("startupMs", () => {
  it("an instance is starting for startupMs, then up and runs onStart", () => {
    let startedAt = -1;
    const sim = createSim({
      seed: 1,
      scenario: { name: "startup", durationMs: 1_000, services: [{ name: "late", startupMs: 400 }] },
      handlers: { late: { onStart(ctx) { startedAt = ctx.now; } } },
    });
    expect(states(sim.run())).toEqual([[0, "late-1", "starting"], [400, "late-1", "up"]]);
    expect(startedAt).toBe(400);
  });

  it("a crash while starting cancels the start", () => {
    const sim = createSim({
      seed: 1,
      scenario: { name: "startup", durationMs: 1_000, services: [{ name: "late", startupMs: 400 }], faults: [{ atMs: 100, type: "crash", instance: "late-1" }] },
    });
    expect(states(sim.run())).toEqual([[0, "late-1", "starting"], [100, "late-1", "crashed"]]);
  });
});
