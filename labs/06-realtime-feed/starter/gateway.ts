// The realtime gateway (实时网关), two instances: gw-1 and gw-2. It holds the browsers' WebSocket
// connections and forwards each user's events to that user's connections on this instance. No business
// logic lives here. Run it, read the objectives, then work the TODOs in order.
import { amqp, createService, WebSocketServer, type WebSocket } from "lab";
import type { Envelope, FeedEvent } from "./push";

const app = createService("gw");
const wss = new WebSocketServer({ server: app, path: "/feed" });

/** What this gateway knows about one connection. */
interface Session {
  userId: string;
}
const sessions = new Map<WebSocket, Session>();

/** Ping every connection this often; one that has not answered by the next ping is dead. */
export const HEARTBEAT_MS = 1_000;

// A browser connects to ws://gw/feed?user=cus-2001&ticket=…
wss.on("connection", (ws, req) => {
  const session: Session = { userId: String(req.query.user) };
  sessions.set(ws, session);
  ws.on("close", () => sessions.delete(ws));
  // TODO(4): the browser says where it stopped ({"op":"resume","lastSeq":56}) as soon as the connection
  //          opens. Send it what it missed from push's replay buffer (GET http://push/streams/<user>?after=56)
  //          — and do not lose or reorder the live events that arrive while you wait for that answer.
});

/** Forwards an event to this user's connections held by this instance. */
function deliver(envelope: Envelope): void {
  for (const ws of wss.clients) {
    const session = sessions.get(ws);
    if (session?.userId === envelope.userId) send(ws, envelope.event);
  }
}

function send(ws: WebSocket, event: FeedEvent): void {
  ws.send(JSON.stringify({ op: "event", event }));
}

app.onStart(async () => {
  // TODO(1): both gateways consume the same queue, so each event reaches only one of them — and only
  //          one of them holds the user's connection. Subscribe this instance to the backplane instead
  //          (redis.createClient({ url: "redis://redis" }), channel "feed"; see push.ts).
  const channel = await (await amqp.connect("amqp://rabbit")).createChannel();
  await channel.consume("feed", (msg) => deliver(msg.content as Envelope), { noAck: true });

  // TODO(2): nothing notices a browser that stopped answering. Every HEARTBEAT_MS, ping each of this
  //          instance's connections (wss.clients); a connection that has not sent a pong since the
  //          previous ping is dead: terminate() it — close() would wait for a handshake that never comes.
});
