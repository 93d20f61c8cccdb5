/** Token buckets per key: `capacity` requests at once, refilled at `perMinute`. Memory is bounded by `maxKeys`. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; atMs: number }>();

  constructor(private readonly capacity: number, private readonly perMinute: number, private readonly maxKeys = 50_000) {}

  /** Takes a token; returns 0 when allowed, else the seconds until one is available. */
  take(key: string, nowMs: number): number {
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, atMs: nowMs };
    const refilled = Math.min(this.capacity, bucket.tokens + ((nowMs - bucket.atMs) / 60_000) * this.perMinute);
    this.buckets.delete(key); // re-insert: Map order then tracks recency for eviction
    if (refilled < 1) {
      this.buckets.set(key, { tokens: refilled, atMs: nowMs });
      return Math.max(1, Math.ceil(((1 - refilled) / this.perMinute) * 60));
    }
    this.buckets.set(key, { tokens: refilled - 1, atMs: nowMs });
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);
    return 0;
  }
}
