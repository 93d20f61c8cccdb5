// The browser side of the order-tracking page's live feed. The lab's simulated browsers (41 of them,
// users cus-2001 … cus-2041) call openFeed() when the page loads and show every event passed to onEvent.
import { fetch, setTimeout, WebSocket } from "lab";
import type { FeedEvent } from "./push";

export interface FeedOptions {
  userId: string;
  /** Shows the event on the page. Call it once per event, in seq order. */
  onEvent: (event: FeedEvent) => void;
}

/**
 * The first reconnect is spread over BASE_MS: 20 browsers lose gw-2 at once and auth signs ~20 tickets a
 * second, so the window must be at least N / C = 1 s; 2 s leaves room. Each failure doubles it, up to CAP_MS.
 */
const BASE_MS = 2_000;
const CAP_MS = 8_000;
/** Only a connection that stayed up this long resets the backoff (a gateway that accepts and drops must not loop us). */
const STABLE_MS = 3_000;

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
  /** The last seq shown. Page load: 0 (a real page would take it from the snapshot it renders first). */
  let lastSeq = 0;
  let attempt = 0;
  let openedAt = -1;

  function retry(): void {
    // Full jitter: anywhere in [0, ceiling), so browsers that failed together come back apart.
    const ceiling = Math.min(CAP_MS, BASE_MS * 2 ** attempt);
    attempt += 1;
    setTimeout(() => void connect(), Math.random() * ceiling);
  }

  async function connect(): Promise<void> {
    let ticket: string;
    try {
      ticket = await getTicket(userId);
    } catch {
      retry();
      return;
    }
    const ws = new WebSocket(`ws://gw/feed?user=${userId}&ticket=${ticket}`);

    ws.onopen = () => {
      openedAt = Date.now();
      ws.send(JSON.stringify({ op: "resume", lastSeq }));
    };

    ws.onmessage = (m) => {
      const msg = JSON.parse(m.data) as { op: string; event: FeedEvent };
      if (msg.op !== "event") return;
      const { seq } = msg.event;
      if (seq <= lastSeq) return; // seen it already
      if (seq > lastSeq + 1) {
        ws.close(4000, `gap after ${lastSeq}`); // reconnect: the resume fills the gap
        return;
      }
      onEvent(msg.event); // shown first, then remembered: a crash in between means seeing it again, not never
      lastSeq = seq;
    };

    ws.onclose = () => {
      if (openedAt >= 0 && Date.now() - openedAt >= STABLE_MS) attempt = 0;
      openedAt = -1;
      retry();
    };
  }

  void connect();
}
