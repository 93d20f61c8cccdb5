import { describe, expect, it } from "vitest";
import { SimLimitError } from "./limits";
import { ScenarioError, parseScenario } from "./scenario";
import { createSim } from "./sim";

function issuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ScenarioError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  return [];
}

describe("scenario validation", () => {
  it("applies defaults", () => {
    const s = parseScenario({ name: "min", durationMs: 10, services: [{ name: "api" }] });
    expect(s.services[0]).toMatchObject({ instances: 1, concurrency: 8, queueCapacity: 1000, serviceTimeMs: 1, httpPool: { maxConnections: 10 } });
    expect(s.network.default).toMatchObject({ latencyMs: 1, dropProbability: 0 });
  });

  it("names the offending field in every error", () => {
    const issues = issuesOf(() => parseScenario({
      name: "bad name!", durationMs: -1,
      services: [{ name: "api", concurrency: 0 }, { name: "api" }],
      network: { default: { dropProbability: 2 }, links: [{ from: "api", to: "ghost" }] },
      brokers: [{ kind: "amqp", name: "rabbit", queues: [{ name: "q", deadLetterExchange: "nope" }], bindings: [{ exchange: "x", queue: "q" }] }],
      workloads: [{ name: "w", protocol: "kafka", broker: "missing", topic: "t", arrival: { type: "poisson", ratePerSec: 0 }, count: 1 }],
      faults: [{ atMs: 5, type: "slow", instance: "api-1", factor: -2 }],
    }));
    const paths = issues.map((i) => i.split(":")[0]);
    for (const path of ["name", "durationMs", "services.0.concurrency", "network.default.dropProbability", "workloads.0.arrival.ratePerSec", "faults.0.factor"]) {
      expect(paths, issues.join("\n")).toContain(path);
    }
  });

  it("reports cross-reference errors by path", () => {
    const issues = issuesOf(() => parseScenario({
      name: "refs", durationMs: 10,
      services: [{ name: "api" }, { name: "api" }],
      network: { links: [{ from: "api", to: "ghost" }] },
      brokers: [{ kind: "amqp", name: "rabbit", queues: [{ name: "q", deadLetterExchange: "nope" }], bindings: [{ exchange: "x", queue: "q" }] }],
      workloads: [{ name: "w", protocol: "http", to: "nobody", arrival: { type: "constant", intervalMs: 1 }, count: 1 }],
    }));
    expect(issues).toEqual(expect.arrayContaining([
      'services.1.name: duplicate name "api"',
      'network.links.0.to: unknown node "ghost"',
      'brokers.0.bindings.0.exchange: unknown exchange "x"',
      'brokers.0.queues.0.deadLetterExchange: unknown exchange "nope"',
      'workloads.0.to: unknown target "nobody"',
    ]));
  });

  it("rejects faults and handlers naming things that do not exist", () => {
    expect(issuesOf(() => createSim({ seed: 1, scenario: { name: "f", durationMs: 10, services: [{ name: "api" }], faults: [{ atMs: 1, type: "crash", instance: "api-7" }] } })))
      .toEqual([expect.stringMatching(/^faults\.0: unknown instance "api-7"/)]);
    expect(issuesOf(() => createSim({ seed: 1, scenario: { name: "h", durationMs: 10, services: [{ name: "api" }] }, handlers: { apii: {} } })))
      .toEqual(["handlers.apii: no service with this name in the scenario"]);
  });
});

describe("limits on a whole run", () => {
  it("stops a learner's runaway timer loop with SimLimitError naming the limit", () => {
    const sim = createSim({
      seed: 1,
      scenario: { name: "loop", durationMs: 1000, services: [{ name: "api" }], limits: { maxEvents: 5000 } },
      handlers: { api: { onStart: (ctx) => { ctx.setTimer(0, "again"); }, onTimer: (_t, ctx) => { ctx.setTimer(0, "again"); } } },
    });
    let error: unknown;
    try { sim.run(); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(SimLimitError);
    expect(error).toMatchObject({ limit: "maxEvents", value: 5000, message: "simulation limit maxEvents=5000 reached at t=0ms (seed=1)" });
  });

  it("stops at maxSimTimeMs when a run is asked to go further", () => {
    const sim = createSim({
      seed: 1, limits: { maxSimTimeMs: 500 },
      scenario: { name: "tick", durationMs: 10_000, services: [{ name: "api" }] },
      handlers: { api: { onStart: (ctx) => { ctx.setTimer(100, "tick"); }, onTimer: (_t, ctx) => { ctx.setTimer(100, "tick"); } } },
    });
    expect(() => sim.run()).toThrow(expect.objectContaining({ name: "SimLimitError", limit: "maxSimTimeMs", value: 500 }));
  });
});
