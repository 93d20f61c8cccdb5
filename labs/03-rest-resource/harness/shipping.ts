// Lab-owned (not shown to the learner): the shipping service (物流服务). In step 4 it syncs every order
// by following the `next` links of GET /orders, one page at a time, while the App keeps placing orders.
import { createService, log, sleep } from "lab";
import { at, once, probe, type Seen } from "./probe";
import { PAGE_PAUSE_MS, PAGE_SIZE, T } from "./timeline";

const PAGES_MAX = 30;
/** Ids per log field (a field holds up to 500 characters). */
const IDS_PER_FIELD = 40;

createService("shipping").onStart(once("shipping", async () => {
  await at(T.sync);
  let path: string | null = `/orders?limit=${PAGE_SIZE}`;
  let pages = 0;
  let stopped = "no next link";
  while (path !== null) {
    if (pages === PAGES_MAX) {
      stopped = `${PAGES_MAX} pages`;
      break;
    }
    pages += 1;
    const page = await probe("page", "GET", path, { fields: (s) => ({ n: pages, ...idFields(itemIds(s)), next: nextLink(s) }) });
    if (page.status !== 200) {
      stopped = `page ${pages} answered ${page.status || page.failure}`;
      break;
    }
    path = nextLink(page);
    if (path !== null) await sleep(PAGE_PAUSE_MS);
  }
  log.info(`sync finished after ${pages} pages (${stopped})`, { check: "sync-done", pages, stopped });
}));

function itemIds(s: Seen): string[] {
  const items: unknown = s.body?.items;
  if (!Array.isArray(items)) return [];
  return items.map((it: { id?: unknown }) => (typeof it?.id === "string" ? it.id : "?"));
}

/** `ids0`, `ids1`, …: the page's ids, comma-separated, in chunks that fit a log field. */
function idFields(ids: string[]): Record<string, string> {
  const out: Record<string, string> = { count: String(ids.length) };
  for (let i = 0; i * IDS_PER_FIELD < ids.length && i < 15; i++) out[`ids${i}`] = ids.slice(i * IDS_PER_FIELD, (i + 1) * IDS_PER_FIELD).join(",");
  return out;
}

/** The next page: the body's `next`, or a `Link: <…>; rel="next"` header. */
function nextLink(s: Seen): string | null {
  const fromBody: unknown = s.body?.next;
  const link = /<([^>]+)>\s*;\s*rel="?next"?/.exec(s.header("link") ?? "")?.[1];
  const next = typeof fromBody === "string" && fromBody !== "" ? fromBody : link ?? null;
  return next === null ? null : next.replace(/^https?:\/\/[^/]+/, "");
}
