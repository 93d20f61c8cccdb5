import { compileDistribution } from "./distributions";
import type { Fault } from "./scenario-faults";
import type { World } from "./world";

export type FaultSource = "schedule" | "runtime";

/**
 * Applies a fault and records it as a `fault` event. Returns the fault that undoes it (for scheduled
 * faults with a durationMs), or undefined when there is nothing to undo.
 */
export function applyFault(world: World, fault: Fault, source: FaultSource): Fault | undefined {
  const k = world.k;
  k.emit({ type: "fault", timeMs: k.now, fault: fault.type, source, target: describeTarget(fault), detail: describeDetail(fault) });
  switch (fault.type) {
    case "crash": instance(world, fault.instance).crash(source === "runtime" ? "killed" : "crash fault"); return { type: "restart", instance: fault.instance };
    case "restart": {
      const inst = instance(world, fault.instance);
      if (inst.reachable()) inst.crash("restart");
      inst.start("restart");
      return undefined;
    }
    case "pause": instance(world, fault.instance).pause(); return { type: "resume", instance: fault.instance };
    case "resume": instance(world, fault.instance).resume(); return undefined;
    case "slow": instance(world, fault.instance).setSlow(fault.factor); return { type: "slow", instance: fault.instance, factor: 1 };
    case "latency": {
      const override = fault.latencyMs === undefined ? undefined : compileDistribution(fault.latencyMs);
      for (const link of links(world, fault.from, fault.to, fault.bidirectional)) {
        link.addMs = fault.addMs ?? 0;
        link.latencyOverride = override;
      }
      return { type: "latency", from: fault.from, to: fault.to, addMs: 0, bidirectional: fault.bidirectional };
    }
    case "loss":
      for (const link of links(world, fault.from, fault.to, fault.bidirectional)) link.extraDropProbability = fault.dropProbability;
      return { type: "loss", from: fault.from, to: fault.to, dropProbability: 0, bidirectional: fault.bidirectional };
    case "partition":
      for (const name of [...asList(fault.a), ...asList(fault.b)]) node(world, name);
      world.net.partition(asList(fault.a), asList(fault.b));
      return { type: "heal" };
    case "heal": world.net.heal(); return undefined;
    case "broker-down": setBroker(world, fault.broker, false); return { type: "broker-up", broker: fault.broker };
    case "broker-up": setBroker(world, fault.broker, true); return undefined;
  }
}

/** Checks a fault's targets exist without applying it (scenario validation, terminal feedback). */
export function checkFaultTargets(world: World, fault: Fault): string | undefined {
  try {
    if ("instance" in fault) instance(world, fault.instance);
    if ("broker" in fault) brokerKind(world, fault.broker);
    if (fault.type === "latency" || fault.type === "loss") { node(world, fault.from); node(world, fault.to); }
    if (fault.type === "partition") for (const n of [...asList(fault.a), ...asList(fault.b)]) node(world, n);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function instance(world: World, id: string) {
  const inst = world.instances.get(id);
  if (!inst) throw new Error(`unknown instance "${id}" (instances: ${[...world.instances.keys()].join(", ")})`);
  return inst;
}

function node(world: World, name: string): string {
  if (world.services.has(name)) return name;
  const inst = world.instances.get(name);
  if (inst) return inst.group;
  brokerKind(world, name);
  return name;
}

function brokerKind(world: World, name: string): "amqp" | "kafka" | "pubsub" | "eventstore" {
  if (world.amqp.brokers.has(name)) return "amqp";
  if (world.kafka.brokers.has(name)) return "kafka";
  if (world.pubsub.brokers.has(name)) return "pubsub";
  if (world.eventStore.stores.has(name)) return "eventstore";
  throw new Error(`unknown service, instance or broker "${name}"`);
}

function links(world: World, from: string, to: string, bidirectional: boolean) {
  const a = node(world, from), b = node(world, to);
  return bidirectional ? [world.net.link(a, b), world.net.link(b, a)] : [world.net.link(a, b)];
}

function setBroker(world: World, name: string, up: boolean): void {
  const kind = brokerKind(world, name);
  if (kind === "amqp") {
    const broker = world.amqp.brokers.get(name)!;
    if (broker.up === up) return;
    if (up) broker.comeUp(); else broker.goDown();
  } else if (kind === "kafka") {
    const broker = world.kafka.brokers.get(name)!;
    if (broker.up === up) return;
    if (up) world.kafka.brokerUp(broker); else world.kafka.brokerDown(broker);
  } else {
    const broker = kind === "pubsub" ? world.pubsub.brokers.get(name)! : world.eventStore.stores.get(name)!;
    if (broker.up === up) return;
    broker.up = up;
    if (!up) broker.epoch++;
  }
  world.k.emit({ type: "broker.state", timeMs: world.k.now, broker: name, kind, state: up ? "up" : "down" });
}

function asList(value: string | string[]): string[] {
  return typeof value === "string" ? [value] : value;
}

function describeTarget(fault: Fault): string {
  if ("instance" in fault) return fault.instance;
  if ("broker" in fault) return fault.broker;
  if (fault.type === "latency" || fault.type === "loss") return `${fault.from}->${fault.to}`;
  if (fault.type === "partition") return `${asList(fault.a).join(",")}|${asList(fault.b).join(",")}`;
  return "*";
}

function describeDetail(fault: Fault): string {
  switch (fault.type) {
    case "slow": return `x${fault.factor}`;
    case "latency": return fault.latencyMs !== undefined ? `latency ${JSON.stringify(fault.latencyMs)}` : `+${fault.addMs ?? 0}ms`;
    case "loss": return `drop ${fault.dropProbability}`;
    default: return "";
  }
}
