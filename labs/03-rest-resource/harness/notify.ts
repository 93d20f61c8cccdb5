// Lab-owned (not shown to the learner): the notification service (通知服务). Before every text message
// it reads the order's amount. It keeps the last copy of each order with its ETag and revalidates it with
// If-None-Match, so an unchanged order should cost a 304 without a body instead of the whole order.
import { createService, fetch, log } from "lab";
import { at, once } from "./probe";
import { NOTIFY_EVERY_MS, T } from "./timeline";

const WATCHED = ["ord-10001", "ord-10002", "ord-10003", "ord-10042"];
const REPORT_EVERY = 40;

const tally = { revalidations: 0, notModified: 0, fullButUnchanged: 0, changed: 0, other: 0 };
const cache = new Map<string, string>();
let warned = false;

createService("notify").onStart(once("notify", async () => {
  for (let i = 0; Date.now() < T.end; i++) {
    await at(NOTIFY_EVERY_MS * (i + 1));
    await readAmount(WATCHED[i % WATCHED.length]!);
    if ((i + 1) % REPORT_EVERY === 0) report();
  }
  report();
}));

async function readAmount(id: string): Promise<void> {
  const cached = cache.get(id);
  try {
    const r = await fetch(`http://orders/orders/${id}`, { headers: cached ? { "if-none-match": cached } : {}, timeoutMs: 300 });
    const etag = r.headers.get("etag");
    if (cached === undefined) {
      if (r.status === 200 && etag) cache.set(id, etag);
      return;
    }
    tally.revalidations += 1;
    if (r.status === 304) {
      tally.notModified += 1;
    } else if (r.status === 200 && etag === cached) {
      tally.fullButUnchanged += 1;
      if (!warned) log.warn(`If-None-Match: ${cached} matched, but the whole order came back (200)`, { id });
      warned = true;
    } else if (r.status === 200) {
      tally.changed += 1;
      if (etag) cache.set(id, etag);
    } else {
      tally.other += 1;
    }
  } catch {
    tally.other += 1;
  }
}

function report(): void {
  log.info(`revalidated ${tally.revalidations} times: ${tally.notModified} × 304, ${tally.changed} × 200 (changed), ${tally.fullButUnchanged} × 200 (unchanged)`, { check: "revalidate", ...tally });
}
