/**
 * One interactive lab run. The simulation runs in a worker up front (to the lab's durationMs, bounded
 * by the event caps) and returns its whole event log; this session paces that log out at the client's
 * speed — the pacer's setInterval is the only real timer in the lab path. Everything that changes the
 * run is replayed, never patched: a terminal action at simulated time t appends (t, line) to the command
 * log and re-runs seed + code + commands (identical up to t, so the client keeps what it has); a seek
 * drops commands after the target time, re-runs if any were dropped, and sends `lab:reset`.
 *
 * Objectives: evaluated live over the events delivered so far (so "every order charged" turns green
 * only once the paced clock has reached the charges), at most once a second and at every seek/step/end.
 */
import { randomUUID } from "node:crypto";
import type { LabError, ObjectiveStatus, RunStatus, ServerMessageName, ServerMessages } from "../../lib/lab/protocol";
import type { SimEvent } from "../sim/events";
import { classifyLine } from "./commands";
import type { LabRunOutcome, TimedCommand } from "./host";
import { getLab, type Lab } from "./registry";
import type { LabRuntime } from "./runtime";
import { answerQuery, formatLog, formatTime } from "./terminal";

export const TICK_MS = 50;
const BATCH_EVENTS_MAX = 2_000;
const LOG_LINES_PER_TICK_MAX = 100;
const STATE_EVERY_MS = 1_000;
const COMMANDS_MAX = 50;

export type Emit = <N extends ServerMessageName>(name: N, payload: ServerMessages[N]) => void;

export interface SessionStart { labId: string; files: Record<string, string>; seed: number; speed: number; paused: boolean }

export interface SessionDeps {
  runtime: LabRuntime;
  emit: Emit;
  /** Rate-limit key of the client (address). */
  client: string;
  learnerId?: string;
}

export class LabSession {
  readonly id = randomUUID();
  status: RunStatus = "compiling";
  private lab!: Lab;
  private files: Record<string, string> = {};
  seed = 0;
  speed = 1;
  private commands: TimedCommand[] = [];
  private events: SimEvent[] = [];
  private terminalOut: LabRunOutcome["terminal"] = [];
  private outcome: LabRunOutcome | null = null;
  private delivered = 0;
  private termDelivered = 0;
  simTimeMs = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  private lastStateAt = 0;
  private lastObjectivesAt = 0;
  private recorded = false;
  private disposed = false;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly abort = new AbortController();

  constructor(private readonly deps: SessionDeps) {}

  get durationMs(): number {
    return this.lab?.scenario.durationMs ?? 0;
  }

  /** Operations that re-run the simulation are serialised: one at a time, in arrival order. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => undefined);
    return next;
  }

  start(msg: SessionStart): Promise<{ ok: true } | { ok: false; error: string }> {
    return this.serial(async () => {
      const lab = getLab(msg.labId);
      if (!lab) return { ok: false as const, error: `labId: no lab "${msg.labId}"` };
      this.lab = lab;
      this.files = msg.files;
      this.seed = msg.seed;
      this.speed = msg.speed;
      this.setStatus("compiling");
      const error = await this.rerun();
      if (this.disposed) return { ok: true as const };
      if (error && this.events.length === 0) {
        this.setStatus("error");
        this.deps.emit("lab:error", { sessionId: this.id, error });
        this.deps.emit("lab:terminal", { sessionId: this.id, text: describeError(error) });
        return { ok: true as const };
      }
      this.deps.emit("lab:reset", { sessionId: this.id, timeMs: 0, events: [] });
      if (error) this.reportError(error);
      this.setStatus(msg.paused ? "paused" : "running");
      this.ensureTimer();
      return { ok: true as const };
    });
  }

  pause(): string | null {
    if (this.status !== "running") return `cannot pause: the run is ${this.status}`;
    this.setStatus("paused");
    return null;
  }

  resume(): string | null {
    if (this.status !== "paused") return `cannot resume: the run is ${this.status}`;
    if (this.simTimeMs >= this.durationMs && this.delivered >= this.events.length) return "the run has ended: seek back or start again";
    this.setStatus("running");
    this.ensureTimer();
    return null;
  }

  setSpeed(speed: number): void {
    this.speed = speed;
    this.sendState();
  }

  /** Delivers the next `count` events; the paced clock jumps to the last one. */
  step(count: number): string | null {
    if (this.status !== "paused") return `step needs a paused run (it is ${this.status})`;
    const end = Math.min(this.events.length, this.delivered + count);
    if (end === this.delivered) return "no more events: the run is at its end";
    this.simTimeMs = Math.max(this.simTimeMs, this.events[end - 1]!.timeMs);
    this.deliverUpTo(end);
    this.sendObjectives();
    this.sendState();
    return null;
  }

  seek(timeMs: number): Promise<string | null> {
    return this.serial(async () => {
      if (this.status === "compiling" || this.status === "error" || !this.outcome) return `cannot seek: the run is ${this.status}`;
      const target = Math.min(timeMs, this.durationMs);
      const kept = this.commands.filter((c) => c.atMs <= target);
      if (kept.length !== this.commands.length) {
        this.commands = kept;
        const error = await this.rerun();
        if (error && this.events.length === 0) return error.message;
      }
      this.status = "paused";
      this.simTimeMs = target;
      this.delivered = upperBound(this.events, target);
      this.termDelivered = this.terminalOut.filter((t) => t.timeMs <= target).length;
      this.deps.emit("lab:reset", { sessionId: this.id, timeMs: target, events: this.events.slice(0, this.delivered) });
      this.sendObjectives();
      this.sendState();
      return null;
    });
  }

  /** A terminal line: queries answer at once; actions change the run from the current time on. */
  terminal(line: string): Promise<string | null> {
    if (!this.lab) return Promise.resolve("start a run first");
    const parsed = classifyLine(line, this.lab.def.commands);
    if (parsed.kind === "error") {
      if (parsed.message) this.say(parsed.message);
      return Promise.resolve(null);
    }
    if (parsed.kind === "query") {
      this.say(answerQuery(this.lab, parsed.verb, parsed.args, this.events.slice(0, this.delivered), this.simTimeMs));
      return Promise.resolve(null);
    }
    return this.serial(async () => {
      if (!this.outcome || this.status === "error") {
        this.say("the run is not going: start it first");
        return null;
      }
      if (this.commands.length >= COMMANDS_MAX) {
        this.say(`at most ${COMMANDS_MAX} commands per run: seek back or start again`);
        return null;
      }
      const atMs = this.simTimeMs;
      this.commands.push({ atMs, line: parsed.line });
      const before = { count: this.delivered, last: JSON.stringify(this.events[this.delivered - 1] ?? null) };
      const error = await this.rerun();
      if (this.disposed) return null;
      if (error && this.events.length === 0) {
        this.commands.pop();
        this.say(describeError(error));
        return null;
      }
      // Same seed, code and commands before t ⇒ the same log up to t. Checked, never assumed.
      const same = this.events.length >= before.count && JSON.stringify(this.events[before.count - 1] ?? null) === before.last;
      this.delivered = same ? before.count : upperBound(this.events, atMs);
      this.termDelivered = this.terminalOut.filter((t) => t.timeMs < atMs).length;
      if (!same) this.deps.emit("lab:reset", { sessionId: this.id, timeMs: atMs, events: this.events.slice(0, this.delivered) });
      if (error) this.reportError(error);
      // What the action did at t itself (the fault, the request leaving) shows at once.
      this.deliverUpTo(upperBound(this.events, this.simTimeMs, this.delivered));
      if (this.status === "ended") this.setStatus("paused");
      this.sendState();
      return null;
    });
  }

  stop(): void {
    this.clearTimer();
    if (this.status !== "error") this.setStatus("ended");
  }

  dispose(): void {
    this.disposed = true;
    this.abort.abort();
    this.clearTimer();
    this.events = [];
    this.outcome = null;
  }

  // ── running ──

  /** Runs seed + code + command log in a worker; the session holds the whole log. */
  private async rerun(): Promise<LabError | undefined> {
    const admission = this.deps.runtime.admission.admit(this.deps.client);
    if (!admission.ok) return { kind: "limit", message: admission.message };
    const wasRunning = this.status === "running";
    if (wasRunning) this.clearTimer();
    try {
      const exec = await this.deps.runtime.execute(this.lab.def.id, this.files, this.seed, { commands: this.commands, keepEvents: true, signal: this.abort.signal });
      if (!exec.ok) {
        if (!this.outcome) this.events = [];
        return exec.error;
      }
      this.outcome = exec.outcome;
      this.events = exec.outcome.events;
      this.terminalOut = exec.outcome.terminal;
      this.recorded = false;
      return exec.outcome.error;
    } catch (error) {
      if (this.disposed) return undefined;
      return { kind: "limit", message: (error as Error).message };
    } finally {
      admission.release();
      if (wasRunning && !this.disposed) this.ensureTimer();
    }
  }

  private ensureTimer(): void {
    if (this.timer || this.disposed) return;
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  private clearTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private tick(): void {
    if (this.status !== "running") {
      this.clearTimer();
      return;
    }
    this.simTimeMs = Math.min(this.durationMs, this.simTimeMs + TICK_MS * this.speed);
    this.deliverUpTo(upperBound(this.events, this.simTimeMs, this.delivered));
    const now = Date.now();
    if (this.simTimeMs >= this.durationMs) {
      this.deliverUpTo(this.events.length);
      this.setStatus("ended");
      this.sendObjectives();
      this.clearTimer();
      void this.recordIfPassed();
      return;
    }
    if (now - this.lastObjectivesAt >= STATE_EVERY_MS) this.sendObjectives();
    if (now - this.lastStateAt >= STATE_EVERY_MS) this.sendState();
  }

  private deliverUpTo(end: number): void {
    const logLines: string[] = [];
    let skipped = 0;
    while (this.delivered < end) {
      const to = Math.min(end, this.delivered + BATCH_EVENTS_MAX);
      const batch = this.events.slice(this.delivered, to);
      this.deps.emit("lab:events", { sessionId: this.id, fromIndex: this.delivered, events: batch });
      for (const e of batch) {
        if (e.type !== "log") continue;
        if (logLines.length < LOG_LINES_PER_TICK_MAX) logLines.push(formatLog(e));
        else skipped++;
      }
      this.delivered = to;
    }
    if (skipped) logLines.push(`… ${skipped} more log lines (type \`logs\`)`);
    if (logLines.length) this.say(logLines.join("\n"));
    this.flushTerminal();
  }

  private flushTerminal(): void {
    const due: string[] = [];
    while (this.termDelivered < this.terminalOut.length && this.terminalOut[this.termDelivered]!.timeMs <= this.simTimeMs) {
      const t = this.terminalOut[this.termDelivered++]!;
      due.push(`${formatTime(t.timeMs)} ${t.text}`);
    }
    if (due.length) this.say(due.join("\n"));
  }

  private objectives(): ObjectiveStatus[] {
    const events = this.events.slice(0, this.delivered);
    return this.lab.def.objectives.map((o) => {
      try {
        const r = o.check(events, { scenario: this.lab.scenario });
        return { id: o.id, passed: r.passed, detail: r.detail };
      } catch (e) {
        return { id: o.id, passed: false, detail: `objective check failed: ${(e as Error).message}` };
      }
    });
  }

  private sendObjectives(): void {
    this.lastObjectivesAt = Date.now();
    const objectives = this.objectives();
    this.deps.emit("lab:objectives", { sessionId: this.id, objectives, allPassed: objectives.every((o) => o.passed) });
  }

  private async recordIfPassed(): Promise<void> {
    if (this.recorded || !this.deps.learnerId || !this.outcome || this.outcome.error) return;
    this.recorded = true;
    const objectives = this.objectives();
    await this.deps.runtime.record(this.deps.learnerId, this.lab.def.id, {
      ok: true, seed: this.seed, objectives, logs: [],
      stats: { events: this.events.length, simTimeMs: this.simTimeMs, wallMs: this.outcome.stats.wallMs },
    });
  }

  private reportError(error: LabError): void {
    this.deps.emit("lab:error", { sessionId: this.id, error });
    this.say(describeError(error));
  }

  private say(text: string): void {
    this.deps.emit("lab:terminal", { sessionId: this.id, text });
  }

  private setStatus(status: RunStatus): void {
    this.status = status;
    this.sendState();
  }

  sendState(): void {
    this.lastStateAt = Date.now();
    this.deps.emit("lab:state", {
      sessionId: this.id, status: this.status, simTimeMs: this.simTimeMs, durationMs: this.durationMs,
      speed: this.speed, eventCount: this.delivered, seed: this.seed,
    });
  }
}

/** Index of the first event after `timeMs` (events are ordered by time). */
function upperBound(events: readonly SimEvent[], timeMs: number, from = 0): number {
  let lo = from, hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (events[mid]!.timeMs <= timeMs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function describeError(e: LabError): string {
  const where = e.file ? ` at ${e.file}:${e.line}:${e.column}` : "";
  return `\x1b[31m${e.kind} error${where}: ${e.message}\x1b[0m`;
}
