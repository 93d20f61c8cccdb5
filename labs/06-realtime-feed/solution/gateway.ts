// The realtime gateway (实时网关), two instances: gw-1 and gw-2. It holds the browsers' WebSocket
// connections and forwards each user's events to that user's connections on this instance. No business
// logic lives here.
import { createService, fetch, log, redis, setInterval, WebSocketServer, type WebSocket } from "lab";
import type { Envelope, FeedEvent } from "./push";

const app = createService("gw");
const wss = new WebSocketServer({ server: app, path: "/feed" });
const backplane = redis.createClient({ url: "redis://redis" });

/** What this gateway knows about one connection. */
interface Session {
  userId: string;
  /** A pong came back since the last ping. */
  alive: boolean;
  /** The highest seq handed to this connection. */
  lastSentSeq: number;
  /** While the backlog is being read: live events wait here (undefined once the stream is live). */
  pending: FeedEvent[] | undefined;
}
const sessions = new Map<WebSocket, Session>();

/** Ping every connection this often; one that has not answered by the next ping is dead. */
export const HEARTBEAT_MS = 1_000;

// A browser connects to ws://gw/feed?user=cus-2001&ticket=…
wss.on("connection", (ws, req) => {
  // The backplane subscription is already live (onStart): from this moment on, events for this user are
  // collected in `pending` until we know where the browser stopped.
  const session: Session = { userId: String(req.query.user), alive: true, lastSentSeq: 0, pending: [] };
  sessions.set(ws, session);
  ws.on("pong", () => {
    session.alive = true;
  });
  ws.on("message", (data) => {
    const msg = JSON.parse(data) as { op?: string; lastSeq?: unknown };
    if (msg.op === "resume" && typeof msg.lastSeq === "number") void resume(ws, session, msg.lastSeq);
  });
  ws.on("close", () => sessions.delete(ws));
});

/** Sends what the browser missed after `lastSeq`, then the live events that arrived meanwhile. */
async function resume(ws: WebSocket, session: Session, lastSeq: number): Promise<void> {
  let backlog: FeedEvent[];
  try {
    const r = await fetch(`http://push/streams/${session.userId}?after=${lastSeq}`, { timeoutMs: 500 });
    if (!r.ok) throw new Error(`push answered ${r.status}`);
    backlog = await r.json();
  } catch (error) {
    log.warn("resume failed", { user: session.userId, reason: (error as Error).message });
    ws.close(1011, "replay buffer unavailable"); // the browser comes back later and asks again
    return;
  }
  const live = session.pending ?? [];
  session.pending = undefined;
  session.lastSentSeq = lastSeq;
  for (const event of backlog) deliverTo(ws, session, event);
  for (const event of live) deliverTo(ws, session, event); // overlaps with the backlog are dropped by seq
}

/** In seq order, once each; parked while a resume is reading the backlog. */
function deliverTo(ws: WebSocket, session: Session, event: FeedEvent): void {
  if (session.pending) {
    session.pending.push(event);
    return;
  }
  if (event.seq <= session.lastSentSeq) return;
  ws.send(JSON.stringify({ op: "event", event }));
  session.lastSentSeq = event.seq;
}

app.onStart(async () => {
  // Every instance subscribes for itself: the backplane fans each event out to all of them, and each
  // forwards it to the connections it holds.
  await backplane.subscribe("feed", (message) => {
    const envelope = JSON.parse(message) as Envelope;
    for (const ws of wss.clients) {
      const session = sessions.get(ws);
      if (session?.userId === envelope.userId) deliverTo(ws, session, envelope.event);
    }
  });

  setInterval(() => {
    for (const ws of wss.clients) {
      const session = sessions.get(ws);
      if (!session) continue;
      if (!session.alive) {
        log.warn("dead connection terminated", { user: session.userId });
        ws.terminate(); // no close handshake: a peer that does not answer pings will not answer that either
        continue;
      }
      session.alive = false;
      ws.ping();
    }
  }, HEARTBEAT_MS);
});
