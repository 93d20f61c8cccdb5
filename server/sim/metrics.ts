import type { SimEvent } from "./events";

export interface HistogramSummary { count: number; mean: number; p50: number; p90: number; p99: number; max: number }

/**
 * Exact latency histogram: keeps every sample (Float64Array, grown by doubling) and sorts lazily, so
 * percentiles are exact nearest-rank values — what a learner can check by hand. Runs are bounded, so
 * memory is too.
 */
export class Histogram {
  private samples = new Float64Array(64);
  private n = 0;
  private sorted = true;
  private sum = 0;

  add(value: number): void {
    if (this.n === this.samples.length) {
      const grown = new Float64Array(this.n * 2);
      grown.set(this.samples);
      this.samples = grown;
    }
    this.samples[this.n++] = value;
    this.sum += value;
    this.sorted = false;
  }

  get count(): number { return this.n; }
  get mean(): number { return this.n === 0 ? 0 : this.sum / this.n; }

  /** Nearest-rank percentile, p in (0, 100]. */
  percentile(p: number): number {
    if (this.n === 0) return 0;
    if (!this.sorted) {
      this.samples.subarray(0, this.n).sort();
      this.sorted = true;
    }
    const rank = Math.min(this.n, Math.max(1, Math.ceil((p / 100) * this.n)));
    return this.samples[rank - 1]!;
  }

  summary(): HistogramSummary {
    return { count: this.n, mean: this.mean, p50: this.percentile(50), p90: this.percentile(90), p99: this.percentile(99), max: this.percentile(100) };
  }
}

/**
 * Counters and histograms derived from the event stream, so live metrics and a replayed log agree.
 * Names: `calls{from->to,outcome}`, `call_latency_ms{from->to}`, `work_ms{service}`, and learner metrics
 * as `<service>:<name>`.
 */
export class Metrics {
  readonly counters = new Map<string, number>();
  readonly histograms = new Map<string, Histogram>();

  inc(name: string, by = 1): void {
    this.counters.set(name, (this.counters.get(name) ?? 0) + by);
  }

  histogram(name: string): Histogram {
    let h = this.histograms.get(name);
    if (!h) {
      h = new Histogram();
      this.histograms.set(name, h);
    }
    return h;
  }

  observe(event: SimEvent): void {
    switch (event.type) {
      case "call.end": {
        const pair = this.pair(event.fromService, event.toService);
        let key = pair.outcomeKeys.get(event.outcome);
        if (key === undefined) {
          key = `calls{${pair.name},${event.outcome}}`;
          pair.outcomeKeys.set(event.outcome, key);
        }
        this.inc(key);
        pair.latency.add(event.latencyMs);
        return;
      }
      case "work.end": {
        let h = this.workByService.get(event.service);
        if (!h) {
          h = this.histogram(`work_ms{${event.service}}`);
          this.workByService.set(event.service, h);
        }
        h.add(event.totalMs);
        return;
      }
      case "net.drop": this.inc(`net_drops{${event.reason}}`); return;
      case "metric":
        if (event.kind === "counter") this.inc(`${event.service}:${event.name}`, event.value);
        else this.histogram(`${event.service}:${event.name}`).add(event.value);
        return;
      default:
    }
  }

  // Name caches: observe() runs for every event, so it should not build strings per call.
  private readonly pairs = new Map<string, Map<string, { name: string; latency: Histogram; outcomeKeys: Map<string, string> }>>();
  private readonly workByService = new Map<string, Histogram>();

  private pair(from: string, to: string) {
    let byTo = this.pairs.get(from);
    if (!byTo) {
      byTo = new Map();
      this.pairs.set(from, byTo);
    }
    let entry = byTo.get(to);
    if (!entry) {
      const name = `${from}->${to}`;
      entry = { name, latency: this.histogram(`call_latency_ms{${name}}`), outcomeKeys: new Map() };
      byTo.set(to, entry);
    }
    return entry;
  }

  /** Plain-data view for the UI and the batch API. */
  snapshot(): { counters: Record<string, number>; histograms: Record<string, HistogramSummary> } {
    return {
      counters: Object.fromEntries([...this.counters].sort(([a], [b]) => (a < b ? -1 : 1))),
      histograms: Object.fromEntries([...this.histograms].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, h]) => [k, h.summary()])),
    };
  }
}

export function metricsFromEvents(events: readonly SimEvent[]): Metrics {
  const metrics = new Metrics();
  for (const e of events) metrics.observe(e);
  return metrics;
}
