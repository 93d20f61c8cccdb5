import type { ServiceHandlers } from "./api";
import { type Sampler, compileDistribution } from "./distributions";
import type { Instance } from "./instance";
import type { Prng } from "./prng";
import type { ServiceSpec } from "./scenario";

/** A logical service: its spec, its handlers and its instances, plus the load balancer callers use. */
export class ServiceRuntime {
  readonly instances: Instance[] = [];
  private readonly serviceSampler: Sampler;
  private rrIndex = 0;

  constructor(
    readonly name: string,
    readonly spec: ServiceSpec,
    readonly handlers: ServiceHandlers,
    private readonly lbPrng: Prng,
    /** Implicit workload clients are not drawn by the flow view as services. */
    readonly implicit: boolean,
  ) {
    this.serviceSampler = compileDistribution(spec.serviceTimeMs);
  }

  sampleServiceMs(prng: Prng): number {
    return this.serviceSampler(prng);
  }

  /**
   * Picks an instance the way a client-side load balancer with perfect discovery would: only instances
   * whose process is alive. A paused instance is alive — which is exactly why a stalled process hurts.
   */
  pick(): Instance | undefined {
    const all = this.instances;
    const n = all.length;
    if (n === 0) return undefined;
    if (n === 1) return all[0]!.reachable() ? all[0] : undefined;
    switch (this.spec.loadBalancer) {
      case "random": {
        const start = this.lbPrng.int(n);
        for (let i = 0; i < n; i++) {
          const inst = all[(start + i) % n]!;
          if (inst.reachable()) return inst;
        }
        return undefined;
      }
      case "least-outstanding": {
        let best: Instance | undefined;
        for (const inst of all) {
          if (!inst.reachable()) continue;
          if (!best || inst.inFlight + inst.queueDepth < best.inFlight + best.queueDepth) best = inst;
        }
        return best;
      }
      default: {
        for (let i = 0; i < n; i++) {
          const inst = all[this.rrIndex++ % n]!;
          if (inst.reachable()) return inst;
        }
        return undefined;
      }
    }
  }
}
