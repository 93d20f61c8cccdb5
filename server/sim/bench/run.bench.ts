/**
 * Engine benchmark (not a test): `npm run bench:sim`. Prints events/s and memory for
 *  (a) the bare kernel: timer churn through the event queue,
 *  (b) a 10-service HTTP call graph, 100k requests,
 *  (c) a 12-partition topic, 6 consumers, 1M messages.
 * Memory is measured after a forced GC while the run's log is still referenced.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { Kernel } from "../kernel";
import { createSim, type HandlerMap, type ScenarioInput } from "../index";

interface Result { name: string; events: number; wallMs: number; heapDeltaBytes: number; rssPeakBytes: number }

// `npm run bench:sim` cannot pass --expose-gc, so enable it from inside (a well-known V8 idiom).
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

interface Run { events: number; retained: number; keep: unknown }

function measure(name: string, body: () => Run): { result: Result; retained: number } {
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  let rssPeakBytes = process.memoryUsage().rss;
  const start = performance.now();
  const run = body();
  const wallMs = performance.now() - start;
  rssPeakBytes = Math.max(rssPeakBytes, process.memoryUsage().rss);
  gc();
  const heapDeltaBytes = process.memoryUsage().heapUsed - heapBefore;
  if (run.keep === undefined) throw new Error("unreachable"); // keeps the log alive until measured
  return { result: { name, events: run.events, wallMs, heapDeltaBytes, rssPeakBytes }, retained: run.retained };
}

function report(r: Result, retained: number): void {
  const rate = Math.round(r.events / (r.wallMs / 1000));
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  console.log(`\n${r.name}`);
  console.log(`  ${rate} events/s  (${r.events} events in ${r.wallMs.toFixed(0)} ms)`);
  console.log(`  RSS after run ${mb(r.rssPeakBytes)} MB, heap retained ${mb(r.heapDeltaBytes)} MB (after GC)`);
  if (retained > 0) console.log(`  ${mb((r.heapDeltaBytes / retained) * 1_000_000)} MB per million retained events`);
}

/** (a) 10,000 concurrent timers, each re-arming itself with a pseudo-random delay. */
function bareCore(): Run {
  const k = new Kernel({ seed: 1, retainLog: false, limits: { maxSteps: 50_000_000, maxSimTimeMs: 1e12, maxQueueSize: 1_000_000 } });
  const rng = k.rng;
  const total = 5_000_000;
  let fired = 0;
  const kind = k.register((n: number) => {
    if (++fired < total) k.after(1 + rng.next() * 100, kind, n);
  });
  for (let i = 0; i < 10_000; i++) k.after(rng.next() * 100, kind, i);
  k.runUntil(Infinity);
  return { events: k.steps, retained: 0, keep: k };
}

/** (b) gateway → one of three 3-service chains (10 services), 100k requests. */
function httpGraph(): Run {
  const chains = [["orders", "inventory", "warehouse"], ["payments", "fraud", "ledger"], ["users", "profiles", "prefs"]];
  const names = ["gateway", ...chains.flat()];
  const handlers: HandlerMap = {
    gateway: {
      onHttp(req, ctx) {
        const n = (req.body as { n: number }).n;
        ctx.http(chains[n % 3]![0]!, { method: "GET", path: "/x", bodyBytes: 64 }, (res) => ctx.reply({ status: res.status, bodyBytes: 128 }));
      },
    },
  };
  for (const chain of chains) {
    chain.forEach((name, i) => {
      const next = chain[i + 1];
      handlers[name] = next
        ? { onHttp: (_req, ctx) => { ctx.http(next, { path: "/x", bodyBytes: 64 }, (res) => ctx.reply({ status: res.status, bodyBytes: 128 })); } }
        : { onHttp: () => ({ status: 200, bodyBytes: 256 }) };
    });
  }
  const scenario: ScenarioInput = {
    name: "bench-http", durationMs: 60_000,
    services: names.map((name) => ({ name, instances: 2, concurrency: 64, serviceTimeMs: { type: "exponential", meanMs: 0.5 } })),
    network: { default: { latencyMs: { type: "lognormal", medianMs: 0.5, sigma: 0.4 } } },
    workloads: [{ name: "load", protocol: "http", to: "gateway", arrival: { type: "poisson", ratePerSec: 5000 }, count: 100_000, bodyBytes: 64 }],
    limits: { maxEvents: 10_000_000, maxLogEvents: 10_000_000, maxSteps: 50_000_000 },
  };
  const sim = createSim({ seed: 7, scenario, handlers });
  sim.run();
  const ok = sim.metrics.counters.get("calls{client->gateway,ok}") ?? 0;
  if (ok !== 100_000) throw new Error(`expected 100000 ok requests, got ${ok}`);
  return { events: sim.kernel.emitted, retained: sim.events.length, keep: sim };
}

/** (c) 1M keyed messages into 12 partitions, consumed by a group of 6. */
function kafkaLog(): Run {
  let consumed = 0;
  const scenario: ScenarioInput = {
    name: "bench-kafka", durationMs: 30_000,
    services: [{ name: "consumer", instances: 6, concurrency: 1, serviceTimeMs: 0.01 }],
    brokers: [{ kind: "kafka", name: "kafka", topics: [{ name: "orders", partitions: 12 }] }],
    network: { default: { latencyMs: 0.5 } },
    workloads: [{ name: "produce", protocol: "kafka", broker: "kafka", topic: "orders", arrival: { type: "constant", intervalMs: 0.02 }, count: 1_000_000, keys: 10_000, bodyBytes: 100 }],
    limits: { maxEvents: 20_000_000, maxLogEvents: 20_000_000, maxSteps: 50_000_000 },
  };
  const handlers: HandlerMap = {
    consumer: {
      onStart: (ctx) => { ctx.subscribe("kafka", { group: "g", topics: ["orders"], maxPollRecords: 500 }); },
      onMessage: () => { consumed++; },
    },
  };
  const sim = createSim({ seed: 3, scenario, handlers });
  sim.run();
  if (consumed < 1_000_000) throw new Error(`expected 1000000 consumed, got ${consumed}`);
  return { events: sim.kernel.emitted, retained: sim.events.length, keep: sim };
}

function main(): void {
  console.log(`simulation engine benchmark — node ${process.version}, ${process.platform}/${process.arch}`);
  const a = measure("(a) bare core: timer churn, 10k timers, 5M dispatches", bareCore);
  report(a.result, a.retained);
  const b = measure("(b) HTTP call graph: 10 services × 2 instances, 100k requests (4 calls each)", httpGraph);
  report(b.result, b.retained);
  const c = measure("(c) Kafka: 12 partitions, 6 consumers, 1M messages", kafkaLog);
  report(c.result, c.retained);
}

main();
