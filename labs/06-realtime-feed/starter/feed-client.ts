// The browser side of the order-tracking page's live feed. The lab's simulated browsers (41 of them,
// users cus-2001 … cus-2041) call openFeed() when the page loads and show every event passed to onEvent.
import { fetch, setTimeout, WebSocket } from "lab";
import type { FeedEvent } from "./push";

export interface FeedOptions {
  userId: string;
  /** Shows the event on the page. Call it once per event, in seq order. */
  onEvent: (event: FeedEvent) => void;
}

const RETRY_MS = 1_000;

/**
 * Every handshake starts with a one-time ticket from auth. Auth signs about 20 tickets a second;
 * a request it has not answered within 400 ms counts as failed.
 */
async function getTicket(userId: string): Promise<string> {
  const r = await fetch("http://auth/tickets", { method: "POST", body: { userId }, timeoutMs: 400 });
  if (!r.ok) throw new Error(`auth answered ${r.status}`);
  const { ticket } = (await r.json()) as { ticket: string };
  return ticket;
}

export function openFeed({ userId, onEvent }: FeedOptions): void {
  async function connect(): Promise<void> {
    let ticket: string;
    try {
      ticket = await getTicket(userId);
    } catch {
      // TODO(3): every browser that lost gw-2 failed at the same moment and retries at the same
      //          moment, again and again. Wait a random time instead: full jitter, exponential backoff.
      setTimeout(() => void connect(), RETRY_MS);
      return;
    }
    const ws = new WebSocket(`ws://gw/feed?user=${userId}&ticket=${ticket}`);

    // TODO(4): tell the gateway where you stopped as soon as the connection opens, and show each seq
    //          once, in order: skip what you have already shown; on a gap, reconnect and resume.
    ws.onmessage = (m) => {
      const msg = JSON.parse(m.data) as { op: string; event: FeedEvent };
      if (msg.op === "event") onEvent(msg.event);
    };

    // TODO(3): the same fixed delay here.
    ws.onclose = () => {
      setTimeout(() => void connect(), RETRY_MS);
    };
  }

  void connect();
}
