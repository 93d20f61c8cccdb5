/**
 * The checks of lab 03. The lab-owned clients (harness/) log every answer they get as one line with a
 * `check` field, the status and the headers that matter (harness/probe.ts); these functions read those
 * lines — and the orders service's `db_rows_read` metric — and never the learner's own logs.
 */
import type { LogEvent, MetricEvent, SimEvent } from "../../server/sim/events";
import type { ObjectiveResult } from "../../server/sim/objectives";

type Fields = LogEvent["fields"];
const CLIENTS = new Set(["app", "support", "shipping", "notify"]);
/** db.ts seeds ord-10001 … ord-10050; the App deletes ord-10005 in step 3. */
const SEEDED = Array.from({ length: 50 }, (_, i) => `ord-${10_001 + i}`).filter((id) => id !== "ord-10005");
export const CONTESTED_CITY = "上海";
export const CORRECTED_PHONE = "13800000001";

function observations(events: readonly SimEvent[], check: string): Fields[] {
  return events.filter((e): e is LogEvent => e.type === "log" && CLIENTS.has(e.service) && e.fields.check === check).map((e) => e.fields);
}
const first = (events: readonly SimEvent[], check: string): Fields | undefined => observations(events, check)[0];
const statusOf = (o: Fields): number => (typeof o.status === "number" ? o.status : 0);
/** "412", or "no answer (TimeoutError)". */
const shown = (o: Fields): string => (statusOf(o) ? String(statusOf(o)) : `no answer (${String(o.failure || "?")})`);
const is2xx = (o: Fields | undefined): boolean => !!o && statusOf(o) >= 200 && statusOf(o) < 300;
const str = (v: unknown): string => (typeof v === "string" ? v : "");

function verdict(problems: string[], whenPassed: string, pending?: string): ObjectiveResult {
  if (pending) return { passed: false, detail: pending };
  return problems.length === 0 ? { passed: true, detail: whenPassed } : { passed: false, detail: problems.join("; ") };
}

export function checkCreated(events: readonly SimEvent[]): ObjectiveResult {
  const c = first(events, "create");
  if (!c) return verdict([], "", "the App has not created an order yet");
  const problems: string[] = [];
  const location = str(c.location), etag = str(c.etag);
  if (statusOf(c) !== 201) problems.push(`POST /orders answered ${shown(c)} (expected 201 Created)`);
  if (!location) problems.push("no Location header tells the App where the new order is");
  if (!etag) problems.push("no ETag header on the 201");
  const read = first(events, "read-created");
  if (location && !read) return verdict([], "", `waiting for the App to GET ${location}`);
  if (location && read && statusOf(read) !== 200) problems.push(`GET ${location} answered ${shown(read)} (expected 200)`);
  else if (location && read && etag && str(read.etag) !== etag) problems.push(`GET ${location} sent ETag ${str(read.etag) || "(none)"}, POST sent ${etag}: same version, same tag`);
  return verdict(problems, `POST /orders → 201, Location: ${location}, ETag: ${etag}; GET ${location} → 200 with the same ETag`);
}

export function checkNotFound(events: readonly SimEvent[]): ObjectiveResult {
  const missing = first(events, "missing"), wrong = first(events, "wrong-method");
  if (!missing || !wrong) return verdict([], "", "the App has not asked for a missing order yet");
  const problems: string[] = [];
  const type = str(missing.contentType);
  if (statusOf(missing) !== 404) problems.push(`GET /orders/ord-00000 (no such order) answered ${shown(missing)} (expected 404)`);
  else if (!type.startsWith("application/problem+json")) problems.push(`the 404 came as ${type || "no content type"} (expected application/problem+json)`);
  const allow = str(wrong.allow);
  if (statusOf(wrong) !== 405) problems.push(`POST /orders/ord-10001 answered ${shown(wrong)} (expected 405 Method Not Allowed)`);
  else if (!/\bGET\b/.test(allow)) problems.push(`the 405 has ${allow ? `Allow: ${allow}` : "no Allow header"} (it must list the methods an order supports)`);
  return verdict(problems, `missing order → 404 application/problem+json; POST on an order → 405, Allow: ${allow}`);
}

export function checkConditionalUpdate(events: readonly SimEvent[]): ObjectiveResult {
  const mine = first(events, "a-patch"), stale = first(events, "b-stale"), unconditional = first(events, "b-unconditional");
  const final = first(events, "final-address"), race = observations(events, "race");
  if (!mine || !stale || !unconditional || !final || race.length < 2) return verdict([], "", "the App and the support desk are still editing ord-10042");
  const problems: string[] = [];
  if (statusOf(mine) !== 200) problems.push(`the App's PATCH with the current ETag ${str(mine.ifMatch) || "(none)"} answered ${shown(mine)} (expected 200)`);
  if (is2xx(stale)) {
    problems.push(`lost update: the support desk's PATCH based on the old ${str(stale.ifMatch) || "version"} got ${shown(stale)} and wrote its stale form over the App's change (the city is ${str(final.city) || "?"} again, expected 412)`);
  } else if (statusOf(stale) !== 412) {
    problems.push(`a PATCH with a stale If-Match answered ${shown(stale)} (expected 412 Precondition Failed)`);
  }
  if (!is2xx(stale) && str(final.city) !== CONTESTED_CITY) problems.push(`the App's new city is lost: ord-10042 says ${str(final.city) || "?"}, expected ${CONTESTED_CITY}`);
  if (statusOf(stale) === 412 && str(final.phone) !== CORRECTED_PHONE) {
    const retry = first(events, "b-retry");
    problems.push(`after its 412 the support desk read again and retried with the new ETag, but got ${retry ? shown(retry) : "nothing"}: the corrected phone is missing`);
  }
  if (statusOf(unconditional) !== 428) problems.push(`a PATCH without If-Match answered ${shown(unconditional)} (expected 428 Precondition Required)`);
  const plain = [stale, unconditional].filter((o) => statusOf(o) >= 400 && !str(o.contentType).startsWith("application/problem+json"));
  if (plain.length > 0) problems.push(`the ${plain.map(shown).join(" and ")} came as ${str(plain[0]!.contentType) || "no content type"} (expected application/problem+json)`);
  const won = race.filter(is2xx).length, refused = race.filter((o) => statusOf(o) === 412).length;
  const sameBase = race.every((o) => str(o.ifMatch) !== "" && str(o.ifMatch) === str(race[0]!.ifMatch));
  if (won === 2 && sameBase && refused === 0 && statusOf(stale) === 412) {
    problems.push(`two PATCHes based on the same version (If-Match: ${str(race[0]!.ifMatch)}) arrived together and both got 200: the second overwrote the first — nothing may run between checking the version and writing (no await)`);
  } else if (won !== 1 || refused !== 1) {
    problems.push(`two PATCHes based on the same version at the same instant: ${race.map((o) => `${str(o.who)} ${shown(o)} (If-Match: ${str(o.ifMatch) || "none"})`).join(", ")} (expected one 200 and one 412)`);
  }
  return verdict(problems, `stale If-Match → 412, then the support desk re-read and redid its change; no If-Match → 428; of two simultaneous PATCHes one won, one got 412; ord-10042 kept both changes (${CONTESTED_CITY}, ${CORRECTED_PHONE})`);
}

export function checkNotModified(events: readonly SimEvent[]): ObjectiveResult {
  const reports = observations(events, "revalidate");
  const last = reports[reports.length - 1];
  if (!last) return verdict([], "", "notify has not revalidated its copies yet");
  const n = (k: string) => (typeof last[k] === "number" ? (last[k] as number) : 0);
  const problems: string[] = [];
  if (n("fullButUnchanged") > 0) problems.push(`${n("fullButUnchanged")} of ${n("revalidations")} revalidations of an unchanged order got the whole order back (200) instead of 304 Not Modified`);
  if (n("other") > 0) problems.push(`${n("other")} revalidations got neither 200 nor 304`);
  if (n("changed") === 0 && n("notModified") > 0) problems.push("ord-10042 changed in step 2, yet every revalidation got 304: answer 304 only while If-None-Match matches the current ETag");
  if (n("notModified") === 0 && problems.length === 0) problems.push("no revalidation was answered 304");
  return verdict(problems, `notify revalidated ${n("revalidations")} copies: ${n("notModified")} × 304 without a body, ${n("changed")} × 200 because the order had changed`);
}

export function checkIdempotentCreate(events: readonly SimEvent[]): ObjectiveResult {
  const retry = first(events, "create-retry"), replay = first(events, "create-replay"), reuse = first(events, "key-reuse");
  if (!retry || !replay || !reuse) return verdict([], "", "the App has not retried its lost POST yet");
  const problems: string[] = [];
  if (!is2xx(retry)) problems.push(`the retried POST (same Idempotency-Key) answered ${shown(retry)} (expected the first answer: 201)`);
  const a = str(retry.orderId), b = str(replay.orderId);
  if (is2xx(retry) && (!is2xx(replay) || a !== b)) {
    problems.push(`one Idempotency-Key, several orders: the retry got ${a || "?"}, sending it once more got ${is2xx(replay) ? b || "?" : shown(replay)} — and the lost first attempt created one too`);
  }
  if (statusOf(reuse) !== 422) problems.push(`the same key with a different body answered ${shown(reuse)} (expected 422)`);
  return verdict(problems, `the POST whose answer was lost, its retry and one more send all gave ${a}: one order; the same key with another body → 422`);
}

export function checkIdempotentCancel(events: readonly SimEvent[]): ObjectiveResult {
  const retry = first(events, "cancel-retry"), shipped = first(events, "cancel-shipped"), del = first(events, "delete-retry");
  if (!retry || !shipped || !del) return verdict([], "", "the App has not retried its lost cancellation yet");
  const problems: string[] = [];
  if (statusOf(retry) === 409) problems.push("the retried PUT /orders/ord-10010/cancellation got 409 — yet the order is cancelled, exactly as the retry asked: a repeated PUT answers 200");
  else if (statusOf(retry) === 201) problems.push("the retried cancellation got 201 Created, which announces a cancellation made just now — but it was made by the lost first attempt: a repeat answers 200");
  else if (statusOf(retry) !== 200) problems.push(`the retried cancellation answered ${shown(retry)} (expected 200)`);
  if (statusOf(shipped) !== 409) problems.push(`cancelling shipped order ord-10007 answered ${shown(shipped)} (expected 409 Conflict)`);
  if (statusOf(del) !== 404 && statusOf(del) !== 204) problems.push(`the retried DELETE /orders/ord-10005 answered ${shown(del)} (expected 404: it is already gone)`);
  return verdict(problems, `retried cancellation → ${shown(retry)} (nothing new happened); shipped order → 409; retried DELETE → ${shown(del)}`);
}

export function checkPagination(events: readonly SimEvent[], syncFromMs: number): ObjectiveResult {
  const pages = observations(events, "page");
  if (pages.length === 0) return verdict([], "", "shipping has not started its sync yet");
  const done = first(events, "sync-done");
  const seen: string[] = pages.flatMap((p) => Object.keys(p).filter((k) => /^ids\d+$/.test(k)).sort((x, y) => Number(x.slice(3)) - Number(y.slice(3))).flatMap((k) => str(p[k]).split(",").filter(Boolean)));
  if (!done) return verdict([], "", `shipping is paging: ${pages.length} pages, ${seen.length} rows so far`);
  const count = new Map<string, number>();
  for (const id of seen) count.set(id, (count.get(id) ?? 0) + 1);
  const twice = [...count].filter(([, n]) => n > 1).map(([id]) => id);
  const created = ["create", "create-retry", "create-replay", "key-reuse"].flatMap((c) => observations(events, c)).filter(is2xx).map((o) => str(o.orderId)).filter(Boolean);
  const existing = new Set([...SEEDED, ...created]);
  const missed = [...existing].filter((id) => !count.has(id));
  const meanwhile = observations(events, "churn").map((o) => str(o.orderId)).filter((id) => id && count.has(id) && !existing.has(id)).length;
  const rows = events.filter((e): e is MetricEvent => e.type === "metric" && e.service === "orders" && e.name === "db_rows_read" && e.timeMs >= syncFromMs).map((e) => e.value);
  const cost = rows.length ? `; rows the database read per page: ${rows.slice(0, 12).join(", ")}${rows.length > 12 ? ", …" : ""}` : "";
  const problems: string[] = [];
  if (str(done.stopped) !== "no next link") problems.push(`the sync stopped early (${str(done.stopped)})`);
  if (twice.length > 0) problems.push(`${twice.length} orders came back twice (${list(twice)})`);
  if (missed.length > 0) problems.push(`${missed.length} orders that existed all along were never returned (${list(missed)})`);
  if (problems.length > 0) return { passed: false, detail: `${plural(pages.length, "page")}: ${problems.join("; ")}${cost}` };
  return { passed: true, detail: `${plural(pages.length, "page")}: each of the ${existing.size} orders that existed before the sync exactly once, and ${meanwhile} of those created during it${cost}` };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function list(ids: string[]): string {
  return ids.length > 4 ? `${ids.slice(0, 4).join(", ")}, …` : ids.join(", ");
}
