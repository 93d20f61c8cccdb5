import type { Ack, ClientMessage, ClientMessageName, LabError, ObjectiveStatus, RunStatus, ServerMessages } from "@/lib/lab/protocol";
import type { SimEvent } from "@/server/sim/events";

/** The slice of a socket.io client the session uses: lets tests drive it with a fake. */
export interface SocketLike {
  connected: boolean;
  emit(event: string, payload: unknown, ack: (answer: Ack) => void): unknown;
  on(event: string, handler: (payload: never) => void): unknown;
  off(event: string): unknown;
  disconnect(): unknown;
}

export interface SessionSnapshot {
  sessionId: string | null;
  status: RunStatus | "idle";
  simTimeMs: number;
  durationMs: number;
  speed: number;
  seed: number | null;
  /** Append-only within one run; replaced (new array) on start and on seek. */
  events: SimEvent[];
  /** Bumps whenever `events` grows or is replaced. */
  version: number;
  objectives: ObjectiveStatus[];
  allPassed: boolean;
  /** At least one run reached its objectives' verdict. */
  ran: boolean;
  error: LabError | null;
  /** An ack that said no, or a lost connection. */
  problem: string | null;
  /** Wall-clock ms when simTimeMs was last set, to interpolate the clock between updates. */
  clockAtWallMs: number;
}

const SERVER_EVENTS: (keyof ServerMessages)[] = ["lab:state", "lab:events", "lab:reset", "lab:objectives", "lab:terminal", "lab:error"];

export function initialSnapshot(durationMs = 0): SessionSnapshot {
  return { sessionId: null, status: "idle", simTimeMs: 0, durationMs, speed: 1, seed: null, events: [], version: 0, objectives: [], allPassed: false, ran: false, error: null, problem: null, clockAtWallMs: 0 };
}

/**
 * One learner's interactive run over socket.io `/lab`: sends the protocol's client messages with acks and
 * folds the server's messages into an immutable snapshot for React (`useSyncExternalStore`). Terminal text
 * goes to its own listeners. No React, no DOM: the socket and the clock are injected.
 */
export class LabSession {
  private snap: SessionSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly terminal = new Set<(text: string) => void>();

  constructor(private readonly socket: SocketLike, durationMs: number, private readonly now: () => number = () => Date.now()) {
    this.snap = initialSnapshot(durationMs);
    const mine = (id: string) => this.snap.sessionId === null || id === this.snap.sessionId;
    socket.on("lab:state", (m: ServerMessages["lab:state"]) => {
      if (!mine(m.sessionId)) return;
      this.set({ sessionId: m.sessionId, status: m.status, simTimeMs: m.simTimeMs, durationMs: m.durationMs || this.snap.durationMs, speed: m.speed, seed: m.seed, clockAtWallMs: this.now(), ran: this.snap.ran || m.status === "ended" });
    });
    socket.on("lab:events", (m: ServerMessages["lab:events"]) => {
      if (!mine(m.sessionId)) return;
      const events = this.snap.events;
      // Batches are contiguous; a repeat (reconnect) is skipped, a gap keeps what arrived.
      const skip = Math.max(0, events.length - m.fromIndex);
      for (let i = skip; i < m.events.length; i++) events.push(m.events[i] as SimEvent);
      this.set({ version: this.snap.version + 1 });
    });
    socket.on("lab:reset", (m: ServerMessages["lab:reset"]) => {
      if (!mine(m.sessionId)) return;
      this.set({ events: [...m.events], version: this.snap.version + 1, simTimeMs: m.timeMs, clockAtWallMs: this.now() });
    });
    socket.on("lab:objectives", (m: ServerMessages["lab:objectives"]) => {
      if (!mine(m.sessionId)) return;
      this.set({ objectives: m.objectives, allPassed: m.allPassed, ran: true });
    });
    socket.on("lab:terminal", (m: ServerMessages["lab:terminal"]) => { if (mine(m.sessionId)) this.terminal.forEach((l) => l(m.text)); });
    socket.on("lab:error", (m: ServerMessages["lab:error"]) => { if (mine(m.sessionId)) this.set({ error: m.error, status: "error" }); });
  }

  get snapshot(): SessionSnapshot { return this.snap; }
  subscribe = (listener: () => void) => { this.listeners.add(listener); return () => { this.listeners.delete(listener); }; };
  getSnapshot = () => this.snap;
  onTerminal(listener: (text: string) => void) { this.terminal.add(listener); return () => { this.terminal.delete(listener); }; }

  private set(patch: Partial<SessionSnapshot>) {
    this.snap = { ...this.snap, ...patch };
    this.listeners.forEach((l) => l());
  }

  private send<N extends ClientMessageName>(name: N, payload: ClientMessage<N>): Promise<Ack> {
    return new Promise((resolve) => {
      this.socket.emit(name, payload, (answer: Ack) => {
        if (!answer.ok) this.set({ problem: answer.error });
        else if (answer.sessionId) this.set({ sessionId: answer.sessionId, problem: null });
        resolve(answer);
      });
    });
  }

  start(labId: string, files: Record<string, string>, opts: { seed?: number; speed?: number; paused?: boolean } = {}) {
    // A new run: forget the old log and verdict before the first batch arrives.
    this.set({ sessionId: null, events: [], version: this.snap.version + 1, objectives: [], allPassed: false, error: null, problem: null, status: "compiling", simTimeMs: 0 });
    const speed = opts.speed ?? this.snap.speed;
    return this.send("lab:start", { labId, files, ...(opts.seed !== undefined ? { seed: opts.seed } : {}), speed, ...(opts.paused ? { paused: true } : {}) });
  }
  pause() { return this.send("lab:pause", {}); }
  resume() { return this.send("lab:resume", {}); }
  step(count = 1) { return this.send("lab:step", { count }); }
  setSpeed(speed: number) { this.set({ speed }); return this.send("lab:speed", { speed }); }
  seek(timeMs: number) { return this.send("lab:seek", { timeMs: Math.max(0, Math.round(timeMs)) }); }
  command(line: string) { return this.send("lab:terminal", { line }); }
  stop() { return this.send("lab:stop", {}); }

  dispose() {
    for (const name of SERVER_EVENTS) this.socket.off(name);
    this.socket.disconnect();
    this.listeners.clear();
    this.terminal.clear();
  }
}

/** The simulated time to draw now: the last reported clock, run forward at the run's speed while it runs. */
export function displayTimeMs(s: SessionSnapshot, wallNowMs: number): number {
  const last = s.events.length ? (s.events[s.events.length - 1] as SimEvent).timeMs : 0;
  if (s.status !== "running") return Math.max(s.simTimeMs, s.status === "ended" ? last : 0);
  const ahead = s.simTimeMs + Math.max(0, wallNowMs - s.clockAtWallMs) * s.speed;
  // Never run more than a second of sim time past what the server confirmed (a stalled stream must not race on).
  return Math.min(ahead, Math.max(s.simTimeMs, last) + 1000 * s.speed, s.durationMs || Infinity);
}
