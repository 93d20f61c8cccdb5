import { Prng } from "./prng";
import type { Instance } from "./instance";
import type { Workload } from "./scenario-workloads";
import type { World } from "./world";

interface Generator { w: Workload; inst: Instance; prng: Prng; sent: number }

/** Open-loop traffic: each workload ticks on its arrival process until it has sent `count`. */
export class Workloads {
  private readonly tickKind: number;

  constructor(private readonly world: World) {
    this.tickKind = world.k.register((_n: number, g: Generator) => this.tick(g));
  }

  start(w: Workload): void {
    const inst = this.world.services.get(w.from)?.instances[0];
    if (!inst) throw new Error(`workload ${w.name}: no instance of "${w.from}"`);
    const g: Generator = { w, inst, prng: this.world.k.rng.fork(`workload:${w.name}`), sent: 0 };
    this.world.k.at(w.startMs + this.gapMs(g), this.tickKind, 0, g);
  }

  private gapMs(g: Generator): number {
    const a = g.w.arrival;
    if (a.type === "poisson") return -Math.log(1 - g.prng.next()) * (1000 / a.ratePerSec);
    return g.sent === 0 ? 0 : a.intervalMs;
  }

  private tick(g: Generator): void {
    const batch = g.w.arrival.type === "burst" ? g.w.arrival.size : 1;
    for (let i = 0; i < batch && g.sent < g.w.count; i++) this.issue(g, g.sent++);
    if (g.sent < g.w.count) this.world.k.after(this.gapMs(g), this.tickKind, 0, g);
  }

  private issue(g: Generator, n: number): void {
    const { w, inst } = g;
    if (!inst.reachable()) return; // the client itself is down: those arrivals never happen
    const world = this.world;
    const key = w.keys !== undefined ? `key-${n % w.keys}` : null;
    switch (w.protocol) {
      case "http":
        world.http.call(inst, undefined, w.to, { method: w.method, path: w.path, body: { n, key }, bodyBytes: w.bodyBytes }, undefined,
          w.timeoutMs !== undefined ? { timeoutMs: w.timeoutMs } : undefined);
        break;
      case "grpc":
        world.grpc.call(inst, undefined, undefined, w.to, w.method, w.message, undefined, undefined,
          w.deadlineMs !== undefined ? { deadlineMs: w.deadlineMs } : undefined);
        break;
      case "amqp":
        world.amqp.publish(inst, undefined, w.broker, w.exchange, w.routingKey, { n, key }, { persistent: w.persistent, bodyBytes: w.bodyBytes });
        break;
      case "kafka":
        world.kafka.produce(inst, undefined, w.broker, w.topic, { key, value: { n, key }, bodyBytes: w.bodyBytes }, undefined);
        break;
    }
  }
}
