import { describe, expect, it } from "vitest";
import { parseCommand } from "./commands";
import { ofType } from "./events";
import type { HandlerMap } from "./api";
import { createSim } from "./sim";

describe("terminal commands", () => {
  it("parse into fault data", () => {
    expect(parseCommand("kill orders-1")).toEqual({ ok: true, fault: { type: "crash", instance: "orders-1" } });
    expect(parseCommand("latency orders->payments 200ms")).toEqual({ ok: true, fault: { type: "latency", from: "orders", to: "payments", addMs: 200, bidirectional: true } });
    expect(parseCommand("latency a->b 1.5s oneway")).toMatchObject({ ok: true, fault: { addMs: 1500, bidirectional: false } });
    expect(parseCommand("loss a->b 10%")).toMatchObject({ ok: true, fault: { dropProbability: 0.1 } });
    expect(parseCommand("partition a b,c")).toEqual({ ok: true, fault: { type: "partition", a: ["a"], b: ["b", "c"] } });
    expect(parseCommand("slow orders-2 5x")).toEqual({ ok: true, fault: { type: "slow", instance: "orders-2", factor: 5 } });
    expect(parseCommand("heal")).toEqual({ ok: true, fault: { type: "heal" } });
    expect(parseCommand("broker-down rabbit")).toEqual({ ok: true, fault: { type: "broker-down", broker: "rabbit" } });
  });

  it("explain what is wrong", () => {
    expect(parseCommand("explode x")).toMatchObject({ ok: false, error: expect.stringContaining("unknown command") });
    expect(parseCommand("latency a-b 5ms")).toMatchObject({ ok: false, error: expect.stringContaining("<a>-><b>") });
    expect(parseCommand("latency a->b soon")).toMatchObject({ ok: false, error: expect.stringContaining("bad duration") });
    expect(parseCommand("loss a->b 2")).toMatchObject({ ok: false, error: expect.stringContaining("dropProbability") });
    expect(parseCommand("kill")).toMatchObject({ ok: false, error: expect.stringContaining("instance") });
  });
});

const echo: HandlerMap = { api: { onHttp: () => ({ status: 200 }) } };
const scenario = {
  name: "faults", durationMs: 2000,
  services: [{ name: "api", instances: 2, concurrency: 1, serviceTimeMs: 10 }],
  workloads: [{ name: "load", protocol: "http" as const, to: "api-1", arrival: { type: "constant" as const, intervalMs: 20 }, count: 50, timeoutMs: 2000 }],
};

describe("faults at run time", () => {
  it("kill and restart are recorded and change the instance's state", () => {
    const sim = createSim({ seed: 1, scenario, handlers: echo });
    sim.runUntil(100);
    expect(sim.command("kill api-1")).toMatchObject({ ok: true });
    expect(sim.instances().find((i) => i.id === "api-1")!.state).toBe("crashed");
    sim.runUntil(300);
    expect(sim.command("restart api-1")).toMatchObject({ ok: true });
    const events = sim.run();
    expect(events.filter((e) => e.type === "fault").map((e) => [e.timeMs, e.fault, e.source, e.target])).toEqual([
      [100, "crash", "runtime", "api-1"], [300, "restart", "runtime", "api-1"],
    ]);
    expect(events.filter(ofType("instance.state")).filter((e) => e.instance === "api-1").map((e) => e.state)).toEqual(["up", "crashed", "up"]);
    expect(events.some((e) => e.type === "call.end" && e.outcome === "unavailable")).toBe(true);
  });

  it("pause queues work until resume; slow multiplies service time", () => {
    const sim = createSim({ seed: 1, scenario: { ...scenario, faults: [{ atMs: 200, durationMs: 300, type: "pause", instance: "api-1" }, { atMs: 700, type: "slow", instance: "api-1", factor: 4 }] }, handlers: echo });
    const events = sim.run();
    const starts = events.filter((e) => e.type === "work.start");
    expect(starts.filter((e) => e.timeMs > 200 && e.timeMs < 500)).toHaveLength(0);
    expect(Math.max(...starts.map((e) => e.queuedMs))).toBeGreaterThan(250);
    const served = events.filter((e) => e.type === "work.end").map((e) => [e.arrivedAtMs, e.serviceMs]);
    expect(served.filter(([at]) => at! > 1000).every(([, ms]) => ms === 40)).toBe(true);
    expect(sim.command("resume api-9")).toMatchObject({ ok: false, error: expect.stringContaining('unknown instance "api-9"') });
  });

  it("scheduled faults with a duration revert themselves", () => {
    const events = createSim({ seed: 1, scenario: { ...scenario, faults: [{ atMs: 100, durationMs: 250, type: "crash", instance: "api-2" }] }, handlers: echo }).run();
    expect(events.filter((e) => e.type === "fault").map((e) => [e.timeMs, e.fault, e.source])).toEqual([[100, "crash", "schedule"], [350, "restart", "schedule"]]);
  });
});
