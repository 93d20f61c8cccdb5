/**
 * The `/lab` namespace's lab messages (lib/lab/protocol.ts): every client message is parsed with its
 * zod schema and acked — `{ ok: true, sessionId }` or `{ ok: false, error }` naming the bad field.
 * One session per socket (a new lab:start replaces it); sessions are bounded per client and per
 * server, and end on disconnect, on lab:stop + idle, or after IDLE_MS without a message.
 */
import type { Namespace, Socket } from "socket.io";
import type { z } from "zod";
import { clientMessages, type Ack, type ClientMessageName } from "../../lib/lab/protocol";
import { learnerIdOf as learnerIdOfRequest } from "../progress/http";
import { pickSeed, type LabRuntime } from "./runtime";
import { LabSession } from "./session";

const IDLE_MS = 30 * 60_000;

export interface LabSocketOptions {
  runtime: LabRuntime;
  /** Key rate limits on the first X-Forwarded-For address (behind a trusted proxy). */
  trustProxy?: boolean;
}

type Parsed<N extends ClientMessageName> = z.output<(typeof clientMessages)[N]>;

export function attachLabSessions(nsp: Namespace, options: LabSocketOptions): { sessions: () => number; close: () => void } {
  const { runtime } = options;
  const live = new Map<string, { session: LabSession; client: string; lastActivity: number }>();
  const perClient = new Map<string, number>();

  const drop = (socketId: string) => {
    const entry = live.get(socketId);
    if (!entry) return;
    entry.session.dispose();
    live.delete(socketId);
    const n = (perClient.get(entry.client) ?? 1) - 1;
    if (n <= 0) perClient.delete(entry.client);
    else perClient.set(entry.client, n);
  };

  const sweep = setInterval(() => {
    const cutoff = Date.now() - IDLE_MS;
    for (const [id, e] of live) if (e.lastActivity < cutoff) drop(id);
  }, 60_000);
  sweep.unref();

  nsp.on("connection", (socket) => {
    const client = clientOf(socket, options.trustProxy ?? false);
    const learnerId = learnerIdOf(socket.handshake.headers.cookie);

    function on<N extends ClientMessageName>(name: N, handler: (msg: Parsed<N>) => Promise<Ack> | Ack): void {
      socket.on(name as string, async (payload: unknown, ack?: unknown) => {
        const reply = typeof ack === "function" ? (ack as (a: Ack) => void) : () => undefined;
        const parsed = clientMessages[name].safeParse(payload ?? {});
        if (!parsed.success) {
          reply({ ok: false, error: parsed.error.issues.map((i) => `${i.path.join(".") || "(payload)"}: ${i.message}`).join("; ") });
          return;
        }
        const entry = live.get(socket.id);
        if (entry) entry.lastActivity = Date.now();
        try {
          reply(await handler(parsed.data as Parsed<N>));
        } catch (error) {
          console.error(`lab socket ${name} failed`, error);
          reply({ ok: false, error: "internal error" });
        }
      });
    }

    const current = (): LabSession | undefined => live.get(socket.id)?.session;
    const withSession = (fn: (s: LabSession) => string | null | Promise<string | null>) => async (): Promise<Ack> => {
      const s = current();
      if (!s) return { ok: false, error: "no run: send lab:start first" };
      const problem = await fn(s);
      return problem ? { ok: false, error: problem } : { ok: true, sessionId: s.id };
    };

    on("lab:start", (msg) => {
      const replacing = live.has(socket.id);
      if (!replacing && (perClient.get(client) ?? 0) >= runtime.limits.sessionsPerClient) {
        return { ok: false, error: `at most ${runtime.limits.sessionsPerClient} lab sessions per client: close another tab` };
      }
      if (!replacing && live.size >= runtime.limits.sessionsMax) return { ok: false, error: "the lab server is full; try again in a minute" };
      drop(socket.id);
      const session = new LabSession({ runtime, client, learnerId, emit: (event, payload) => socket.emit(event, payload) });
      live.set(socket.id, { session, client, lastActivity: Date.now() });
      perClient.set(client, (perClient.get(client) ?? 0) + 1);
      void session.start({ labId: msg.labId, files: msg.files, seed: pickSeed(msg.seed), speed: msg.speed ?? 1, paused: msg.paused ?? false });
      return { ok: true, sessionId: session.id };
    });
    on("lab:pause", withSession((s) => s.pause()));
    on("lab:resume", withSession((s) => s.resume()));
    on("lab:step", (msg) => withSession((s) => s.step(msg.count ?? 1))());
    on("lab:speed", (msg) => withSession((s) => (s.setSpeed(msg.speed), null))());
    on("lab:seek", (msg) => withSession((s) => s.seek(msg.timeMs))());
    on("lab:terminal", (msg) => withSession((s) => s.terminal(msg.line))());
    on("lab:stop", withSession((s) => (s.stop(), null)));
    socket.on("disconnect", () => drop(socket.id));
  });

  return {
    sessions: () => live.size,
    close: () => {
      clearInterval(sweep);
      for (const id of [...live.keys()]) drop(id);
    },
  };
}

function clientOf(socket: Socket, trustProxy: boolean): string {
  const forwarded = trustProxy ? String(socket.handshake.headers["x-forwarded-for"] ?? "").split(",")[0]?.trim() : "";
  return forwarded || socket.handshake.address || "unknown";
}

function learnerIdOf(cookie: string | undefined): string | undefined {
  return cookie ? learnerIdOfRequest(new Request("http://localhost/", { headers: { cookie } })) : undefined;
}
