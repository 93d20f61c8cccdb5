import type { HandlerMap } from "./api";
import { AmqpModule } from "./amqp-module";
import { type CommandResult, parseCommand } from "./commands";
import { EventStoreModule } from "./event-store";
import type { LogEvent, SimEvent } from "./events";
import { type FaultSource, applyFault, checkFaultTargets } from "./faults";
import { GrpcModule } from "./grpc";
import { HttpModule } from "./http";
import { KafkaModule } from "./kafka-module";
import { Kernel } from "./kernel";
import type { SimLimits } from "./limits";
import { Metrics } from "./metrics";
import { PubSubModule } from "./pubsub";
import { type Scenario, ScenarioError, type ScenarioInput, parseScenario, serviceSchema } from "./scenario";
import { type Fault, type FaultInput, type ScheduledFault, faultSchema } from "./scenario-faults";
import type { SimTimeMs } from "./time";
import { WebSocketModule } from "./websocket";
import { Workloads } from "./workloads";
import { World } from "./world";

export interface SimOptions {
  /** Required: the same seed, scenario and handlers always give the same event log. */
  seed: number;
  scenario: ScenarioInput;
  handlers?: HandlerMap;
  /** Overrides the scenario's limits. */
  limits?: Partial<SimLimits>;
  /** Keep the event log in memory (default true); listeners see every event either way. */
  retainLog?: boolean;
}

export interface InstanceSnapshot {
  id: string; service: string; state: string; inFlight: number; queueDepth: number; slowFactor: number;
}

/** One simulation run. Create with createSim(); drive with run(), runUntil() or step(). */
export class Sim {
  readonly scenario: Scenario;
  readonly kernel: Kernel;
  readonly world: World;
  readonly metrics = new Metrics();
  private readonly faultKind: number;
  private ended = false;

  constructor(options: SimOptions) {
    this.scenario = parseScenario(options.scenario);
    this.kernel = new Kernel({
      seed: options.seed,
      limits: { ...this.scenario.limits, ...options.limits },
      retainLog: options.retainLog ?? true,
    });
    this.kernel.onEvent((e) => this.metrics.observe(e));
    const world = new World(this.kernel, this.scenario, options.handlers ?? {});
    this.world = world;
    world.http = new HttpModule(world);
    world.grpc = new GrpcModule(world);
    world.ws = new WebSocketModule(world);
    world.amqp = new AmqpModule(world);
    world.kafka = new KafkaModule(world);
    world.pubsub = new PubSubModule(world);
    world.eventStore = new EventStoreModule(world);
    this.faultKind = this.kernel.register((_n: number, f: ScheduledFault) => this.scheduledFault(f));
    this.build(options.handlers ?? {});
  }

  private build(handlers: HandlerMap): void {
    const { world, scenario, kernel } = this;
    for (const b of scenario.brokers) {
      if (b.kind === "amqp") world.amqp.addBroker(b);
      else if (b.kind === "kafka") world.kafka.addBroker(b);
      else if (b.kind === "pubsub") world.pubsub.addBroker(b.name);
      else world.eventStore.addStore(b.name);
    }
    for (const spec of scenario.services) world.addService(spec, false);
    for (const w of scenario.workloads) {
      if (world.services.has(w.from)) continue;
      world.addService(serviceSchema.parse({ name: w.from, instances: 1, concurrency: 1_000_000, queueCapacity: 0, serviceTimeMs: 0 }), true);
      if (w.protocol === "http") world.http.pools.maxConnectionsOverride.set(w.from, w.maxConnections);
    }
    const unknownHandlers = Object.keys(handlers).filter((name) => !world.services.has(name));
    if (unknownHandlers.length) {
      throw new ScenarioError(unknownHandlers.map((name) => ({ path: `handlers.${name}`, message: "no service with this name in the scenario" })));
    }
    const faultIssues = scenario.faults.flatMap((f, i) => {
      const problem = checkFaultTargets(world, f);
      return problem ? [{ path: `faults.${i}`, message: problem }] : [];
    });
    if (faultIssues.length) throw new ScenarioError(faultIssues);
    kernel.emit({ type: "sim.start", timeMs: kernel.now, seed: kernel.seed, scenario: scenario.name });
    for (const inst of world.instances.values()) inst.start("initial");
    for (const f of scenario.faults) kernel.at(f.atMs, this.faultKind, 0, f);
    const workloads = new Workloads(world);
    for (const w of scenario.workloads) workloads.start(w);
  }

  private scheduledFault(f: ScheduledFault): void {
    const { atMs: _a, durationMs, ...fault } = f;
    const undo = applyFault(this.world, fault as Fault, "schedule");
    if (durationMs !== undefined && undo) this.kernel.after(durationMs, this.faultKind, 0, { atMs: 0, ...undo });
  }

  get events(): readonly SimEvent[] { return this.kernel.log; }
  get now(): SimTimeMs { return this.kernel.now; }

  /** Runs to the scenario's durationMs and emits sim.end. */
  run(): readonly SimEvent[] {
    this.runUntil(this.scenario.durationMs);
    this.end("until");
    return this.events;
  }

  /** Advances virtual time to `untilMs` (an interactive session calls this in slices). */
  runUntil(untilMs: number): void {
    this.kernel.runUntil(untilMs);
  }

  step(): boolean {
    return this.kernel.step();
  }

  end(reason: "until" | "idle"): void {
    if (this.ended) return;
    this.ended = true;
    this.kernel.emit({ type: "sim.end", timeMs: this.kernel.now, reason, steps: this.kernel.steps });
  }

  /** Injects a fault now (terminal commands, the UI's fault buttons). Throws on unknown targets. */
  inject(fault: FaultInput, source: FaultSource = "runtime"): void {
    const parsed = faultSchema.parse(fault);
    const problem = checkFaultTargets(this.world, parsed);
    if (problem) throw new Error(problem);
    applyFault(this.world, parsed, source);
  }

  /** Parses and applies a terminal command such as `kill orders-1` or `latency orders->payments 200ms`. */
  command(line: string): CommandResult {
    const parsed = parseCommand(line);
    if (!parsed.ok) return parsed;
    try {
      this.inject(parsed.fault);
      return parsed;
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }

  onEvent(listener: (event: SimEvent) => void): () => void {
    return this.kernel.onEvent(listener);
  }

  instances(): InstanceSnapshot[] {
    return [...this.world.instances.values()].map((i) => ({
      id: i.id, service: i.group, state: i.state, inFlight: i.inFlight, queueDepth: i.queueDepth, slowFactor: i.slowFactor,
    }));
  }

  logsFor(instanceId: string): LogEvent[] {
    return this.events.filter((e): e is LogEvent => e.type === "log" && e.instance === instanceId);
  }
}

export function createSim(options: SimOptions): Sim {
  return new Sim(options);
}
