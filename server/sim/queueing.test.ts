import { describe, expect, it } from "vitest";
import type { WorkEndEvent } from "./events";
import { createSim } from "./sim";

/**
 * Agreement with queueing theory. One service, Poisson arrivals (rate λ), exponential service times
 * (rate μ per server), zero network latency, unbounded queue: M/M/c. Sojourn time is measured on the
 * server (work.end.totalMs: arrival at the instance → reply sent). The first 5% of customers are a
 * warm-up and are discarded. Seeds are fixed, so these tests cannot flake.
 */
function runQueue(opts: { seed: number; lambdaPerSec: number; serviceMeanMs: number; servers: number; customers: number; sampleEveryMs?: number }) {
  const sojournMs: number[] = [];
  const sim = createSim({
    seed: opts.seed,
    retainLog: false,
    scenario: {
      name: "mmc", durationMs: 1e9,
      services: [{ name: "server", instances: 1, concurrency: opts.servers, queueCapacity: 10_000_000, serviceTimeMs: { type: "exponential", meanMs: opts.serviceMeanMs } }],
      network: { default: { latencyMs: 0 } },
      workloads: [{ name: "arrivals", protocol: "http", to: "server", arrival: { type: "poisson", ratePerSec: opts.lambdaPerSec }, count: opts.customers, timeoutMs: 1e9 }],
      limits: { maxEvents: 50_000_000, maxSteps: 50_000_000, maxSimTimeMs: 1e10 },
    },
    handlers: { server: { onHttp: () => ({ status: 200 }) } },
  });
  sim.onEvent((e) => { if (e.type === "work.end") sojournMs.push((e as WorkEndEvent).totalMs); });
  // Little's law needs L measured independently of W: sample the number in the system on a clock.
  let samples = 0, inSystemSum = 0;
  const server = sim.world.instances.get("server-1")!;
  const stepMs = opts.sampleEveryMs ?? 0;
  if (stepMs > 0) {
    const horizonMs = (opts.customers / opts.lambdaPerSec) * 1000;
    for (let t = stepMs; t < horizonMs; t += stepMs) {
      sim.runUntil(t);
      if (t > horizonMs * 0.05) { samples++; inSystemSum += server.inFlight + server.queueDepth; }
    }
  }
  sim.runUntil(Infinity);
  const kept = sojournMs.slice(Math.floor(sojournMs.length * 0.05));
  const meanMs = kept.reduce((a, b) => a + b, 0) / kept.length;
  return { meanMs, count: sojournMs.length, meanInSystem: samples ? inSystemSum / samples : NaN };
}

function erlangC(servers: number, offeredLoad: number): number {
  let sum = 0, term = 1;
  for (let k = 0; k < servers; k++) {
    if (k > 0) term *= offeredLoad / k;
    sum += term;
  }
  const top = (term * offeredLoad) / servers / (1 - offeredLoad / servers);
  return top / (sum + top);
}

describe("M/M/1 agrees with theory: mean time in system = 1/(μ − λ)", () => {
  const muPerSec = 100; // mean service 10 ms
  // Heavy traffic has long, correlated busy periods, so the sample mean converges slowly: at these sizes
  // the error across seeds 12–15 was within −2.4…+3.1% (ρ = 0.8, 400k) and −0.4…+3.1% (ρ = 0.9, 1M).
  for (const [rho, customers, seed] of [[0.5, 60_000, 11], [0.8, 400_000, 13], [0.9, 1_000_000, 14]] as const) {
    it(`ρ = ${rho}`, () => {
      const lambda = rho * muPerSec;
      const { meanMs, count } = runQueue({ seed, lambdaPerSec: lambda, serviceMeanMs: 1000 / muPerSec, servers: 1, customers });
      const theoryMs = 1000 / (muPerSec - lambda);
      expect(count).toBe(customers);
      expect(Math.abs(meanMs - theoryMs) / theoryMs, `seed=${seed} measured ${meanMs} vs ${theoryMs}`).toBeLessThan(0.05);
    });
  }
});

describe("M/M/c agrees with Erlang C", () => {
  it("c = 3, ρ = 0.8", () => {
    const servers = 3, muPerSec = 100, lambda = 240;
    const { meanMs } = runQueue({ seed: 21, lambdaPerSec: lambda, serviceMeanMs: 10, servers, customers: 150_000 });
    const a = lambda / muPerSec;
    const theoryMs = (erlangC(servers, a) / (servers * muPerSec - lambda) + 1 / muPerSec) * 1000;
    expect(Math.abs(meanMs - theoryMs) / theoryMs, `seed=21 measured ${meanMs} vs ${theoryMs}`).toBeLessThan(0.05);
  });
});

describe("Little's law", () => {
  it("L (time-sampled) = λW within 3%", () => {
    const lambda = 80;
    const { meanMs, meanInSystem } = runQueue({ seed: 31, lambdaPerSec: lambda, serviceMeanMs: 10, servers: 1, customers: 100_000, sampleEveryMs: 2 });
    const littleL = (lambda / 1000) * meanMs;
    expect(Math.abs(meanInSystem - littleL) / littleL, `seed=31 L=${meanInSystem} λW=${littleL}`).toBeLessThan(0.03);
  });
});
