// The push service (推送服务): orders and shipping POST their domain events here. For every user it
// numbers the events 1, 2, 3… (`seq`), keeps the latest ones in a replay buffer, and hands each event to
// the realtime gateways, which hold the browsers' WebSocket connections.
import { amqp, createService, type Channel } from "lab";

/** One message of a user's feed, as the browser receives it. */
export interface FeedEvent {
  /** Per user: 1, 2, 3… with no holes, so a receiver can spot duplicates and gaps. */
  seq: number;
  type: "OrderStatusChanged";
  data: { n: number; orderId: string; status: string };
}

/** What travels from push to the gateways: the event and whose it is. */
export interface Envelope { userId: string; event: FeedEvent }

const app = createService("push");

/** The replay buffer: the latest events of every user's stream. (Redis Streams or a table in real life.) */
const streams = new Map<string, FeedEvent[]>();
const REPLAY_MAX = 100;
const STATUSES = ["PAID", "PACKED", "SHIPPED", "OUT_FOR_DELIVERY", "DELIVERED"];

/** Domain events carry a key "key-0" … "key-40": the lab's users cus-2001 … cus-2041. */
function userOf(key: string): string {
  return `cus-${2001 + Number(String(key).slice("key-".length))}`;
}

let channel: Channel | undefined;
app.onStart(async () => {
  channel = await (await amqp.connect("amqp://rabbit")).createChannel();
});

app.post("/events", (req, res) => {
  const userId = userOf(req.body.key);
  const stream = streams.get(userId) ?? [];
  const n = Number(req.body.n);
  const event: FeedEvent = {
    seq: (stream.at(-1)?.seq ?? 0) + 1,
    type: "OrderStatusChanged",
    data: { n, orderId: `ord-${10000 + n}`, status: STATUSES[stream.length % STATUSES.length]! },
  };
  stream.push(event);
  if (stream.length > REPLAY_MAX) stream.shift();
  streams.set(userId, stream);

  // TODO(1): this is a work queue: both gateways consume "feed", and each message goes to ONE of them —
  //          but only one gateway holds this user's connection. Publish on the pub/sub backplane
  //          ("redis://redis") instead, so that every gateway gets every event.
  const envelope: Envelope = { userId, event };
  channel?.sendToQueue("feed", envelope);
  res.status(202).json({ userId, seq: event.seq });
});

// The replay buffer, read by the gateways: GET /streams/cus-2001?after=56 → the events with seq > 56.
app.get("/streams/:userId", (req, res) => {
  const after = Number(req.query.after ?? 0);
  const stream = streams.get(req.params.userId) ?? [];
  res.json(stream.filter((e) => e.seq > after));
});
