/**
 * Admission control for lab runs: a token bucket per client (runs per minute) plus caps on runs in
 * flight per client and on the whole server. Everything here is in memory and bounded.
 */
import { RateLimiter } from "../progress/rate-limit";

export interface LabLimits {
  /** Runs a client may start per minute (batch and interactive together), with this burst. */
  runsPerMinute: number;
  burst: number;
  /** Runs executing or queued at once, per client and per server. */
  concurrentPerClient: number;
  concurrentMax: number;
  /** Interactive sessions at once, per client (browser tabs) and per server. */
  sessionsPerClient: number;
  sessionsMax: number;
}

export const DEFAULT_LAB_LIMITS: LabLimits = {
  runsPerMinute: 30, burst: 10, concurrentPerClient: 2, concurrentMax: 16, sessionsPerClient: 4, sessionsMax: 64,
};

export type Admission = { ok: true; release: () => void } | { ok: false; status: 429 | 503; message: string; retryAfterSec: number };

export class RunAdmission {
  private readonly bucket: RateLimiter;
  private readonly perClient = new Map<string, number>();
  private total = 0;

  constructor(readonly limits: LabLimits, private readonly clock: () => number = () => Date.now()) {
    this.bucket = new RateLimiter(limits.burst, limits.runsPerMinute);
  }

  /** Takes a slot for one run; call `release` when it ends (exactly once). */
  admit(client: string): Admission {
    const mine = this.perClient.get(client) ?? 0;
    if (mine >= this.limits.concurrentPerClient) {
      return { ok: false, status: 429, message: `at most ${this.limits.concurrentPerClient} runs at a time per client`, retryAfterSec: 1 };
    }
    if (this.total >= this.limits.concurrentMax) {
      return { ok: false, status: 503, message: "the lab server is busy; try again in a few seconds", retryAfterSec: 2 };
    }
    const wait = this.bucket.take(client, this.clock());
    if (wait > 0) return { ok: false, status: 429, message: `too many runs: at most ${this.limits.runsPerMinute} per minute`, retryAfterSec: wait };
    this.perClient.set(client, mine + 1);
    this.total++;
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        this.total--;
        const n = (this.perClient.get(client) ?? 1) - 1;
        if (n <= 0) this.perClient.delete(client);
        else this.perClient.set(client, n);
      },
    };
  }
}
