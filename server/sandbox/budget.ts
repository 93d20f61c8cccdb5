/**
 * The interrupt handler. QuickJS polls it every ~10 000 decrements of a runtime-wide counter (backward
 * jumps, calls, regexp steps), so counting polls ("ticks") is a deterministic measure of work: the
 * same code with the same inputs is cut off at the same tick on any machine. The wall-clock deadline
 * sits next to it as the machine-dependent backstop, and the WASM memory size is checked here too
 * because QuickJS's own malloc accounting misses allocations.
 *
 * Sections: a "counted" section (a host→guest call) spends the per-call and per-run budgets; a
 * "grace" section (reading a thrown value, marshalling after a trip) gets a small private allowance
 * so the host can always finish its bookkeeping.
 */
import type { LimitKind, SandboxLimits } from "./types";

export interface SectionAllowance { wallMs: number; opTicks: number; counted: boolean }

export const GRACE: SectionAllowance = { wallMs: 50, opTicks: 200, counted: false };

export class Budget {
  tripped: { limit: LimitKind; message: string } | null = null;
  opTicksRun = 0;
  wallMsRun = 0;
  /** Ticks of every section, counted or not; useful for tests and stats. */
  ticksTotal = 0;
  private section: { deadline: number; ticksLeft: number; counted: boolean; startedAt: number } | null = null;
  private readonly sections: NonNullable<Budget["section"]>[] = [];

  constructor(
    private readonly limits: SandboxLimits,
    private readonly memory: WebAssembly.Memory,
    private readonly wasmSoftBytesMax: number,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** Stops the session for good: every later poll interrupts and every later call fails at once. */
  trip(limit: LimitKind, message: string): void {
    if (!this.tripped) this.tripped = { limit, message };
  }

  /** Budget for one counted host→guest call, bounded by what is left of the run. */
  callAllowance(): SectionAllowance {
    return {
      wallMs: Math.min(this.limits.callWallMsMax, this.limits.runWallMsMax - this.wallMsRun),
      opTicks: Math.min(this.limits.callOpTicksMax, this.limits.runOpTicksMax - this.opTicksRun),
      counted: true,
    };
  }

  /** Runs `fn` inside a section; sections nest (a bridge call marshalling inside a counted call). */
  within<T>(allowance: SectionAllowance, fn: () => T): T {
    const startedAt = this.clock();
    const section = { deadline: startedAt + allowance.wallMs, ticksLeft: allowance.opTicks, counted: allowance.counted, startedAt };
    if (this.section) this.sections.push(this.section);
    this.section = section;
    try {
      return fn();
    } finally {
      this.section = this.sections.pop() ?? null;
      if (section.counted) this.wallMsRun += this.clock() - startedAt;
      if (section.counted && this.wallMsRun >= this.limits.runWallMsMax) {
        this.trip("time", `the run used its ${this.limits.runWallMsMax} ms of wall-clock time`);
      }
    }
  }

  /** The QuickJS interrupt handler: true stops the guest with an uncatchable "interrupted" error. */
  readonly onInterrupt = (): boolean => {
    this.ticksTotal++;
    if (this.tripped) return true;
    const s = this.section;
    if (!s) return true; // guest code never runs outside a section
    if (s.counted) this.opTicksRun++;
    if (--s.ticksLeft < 0) {
      if (s.counted) this.tripOps();
      return true;
    }
    if (this.memory.buffer.byteLength > this.wasmSoftBytesMax) {
      this.trip("memory", `the guest used more than ${mib(this.limits.memoryBytesMax)} MiB of memory`);
      return true;
    }
    if (this.clock() > s.deadline) {
      if (s.counted) {
        const perRun = this.wallMsRun + (this.clock() - s.startedAt) >= this.limits.runWallMsMax;
        this.trip("time", perRun ? `the run used its ${this.limits.runWallMsMax} ms of wall-clock time`
          : `a call ran longer than ${this.limits.callWallMsMax} ms`);
      }
      return true;
    }
    return false;
  };

  private tripOps(): void {
    const perRun = this.opTicksRun >= this.limits.runOpTicksMax;
    this.trip("ops", perRun ? `the run used its budget of ${this.limits.runOpTicksMax} operation ticks`
      : `a call used more than ${this.limits.callOpTicksMax} operation ticks`);
  }
}

function mib(bytes: number): string {
  return (bytes / (1 << 20)).toFixed(0);
}
