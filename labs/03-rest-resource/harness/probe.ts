// Lab-owned (not shown to the learner): what the simulated clients share. Every request of the suite
// goes through `probe`, which logs what came back — the status and the headers that matter — as one
// line with a `check` field. The objectives in lab.ts read those lines.
import { fetch, log, sleep, type LogFields } from "lab";
import { T } from "./timeline";

/** The order the App and the support desk both edit in step 2 (seeded in db.ts). */
export const CONTESTED = "/orders/ord-10042";
export const MERGE_PATCH = "application/merge-patch+json";

export interface Seen {
  /** 0 when no answer arrived. */
  status: number;
  /** "" or why no answer arrived: "TimeoutError", "ECONNREFUSED", … */
  failure: string;
  etag: string | null;
  location: string | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- whatever JSON the learner's service sent
  body: any;
  header(name: string): string | null;
}

export interface ProbeInit {
  headers?: Record<string, string | null | undefined>;
  body?: unknown;
  timeoutMs?: number;
  /** Extra fields for the log line, computed from the answer. */
  fields?: (seen: Seen) => LogFields;
}

/** One request to the orders service, logged as `check`. Never throws. */
export async function probe(check: string, method: string, path: string, init: ProbeInit = {}): Promise<Seen> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(init.headers ?? {})) if (typeof v === "string") headers[k] = v;
  let seen: Seen;
  try {
    const r = await fetch(`http://orders${path}`, { method, headers, body: init.body, timeoutMs: init.timeoutMs ?? 300 });
    let body: unknown = null;
    try {
      body = await r.json();
    } catch {
      body = await r.text();
    }
    seen = { status: r.status, failure: "", etag: r.headers.get("etag"), location: r.headers.get("location"), body, header: (n) => r.headers.get(n) };
  } catch (error) {
    const e = error as { name?: string; cause?: { code?: string } };
    seen = { status: 0, failure: e.cause?.code ?? e.name ?? "Error", etag: null, location: null, body: null, header: () => null };
  }
  const sent: LogFields = {};
  if (headers["if-match"] !== undefined) sent.ifMatch = headers["if-match"];
  if (headers["if-none-match"] !== undefined) sent.ifNoneMatch = headers["if-none-match"];
  if (headers["idempotency-key"] !== undefined) sent.idempotencyKey = headers["idempotency-key"];
  const shownHeaders = Object.entries(sent).map(([k, v]) => ` ${HEADER_NAMES[k]}: ${String(v)}`).join("");
  log.info(`${method} ${path}${shownHeaders} → ${seen.status || seen.failure}`, {
    check, method, path, status: seen.status, failure: seen.failure, etag: seen.etag, location: seen.location,
    contentType: seen.header("content-type"), ...sent, ...(init.fields?.(seen) ?? {}),
  });
  return seen;
}

const HEADER_NAMES: Record<string, string> = { ifMatch: "If-Match", ifNoneMatch: "If-None-Match", idempotencyKey: "Idempotency-Key" };

/** The path of the order an answer is about: its Location, or else `/orders/<body.id>`. */
export function orderPath(seen: Seen): string | null {
  if (seen.location) return seen.location.replace(/^https?:\/\/[^/]+/, "");
  const id = seen.body !== null && typeof seen.body === "object" ? seen.body.id : undefined;
  return typeof id === "string" ? `/orders/${id}` : null;
}

/** The id at the end of an order path, for log fields. */
export function idOf(path: string | null): string | null {
  return path === null ? null : path.split("/").pop() ?? null;
}

/** Step 2's race: app and support read the same version, then both PATCH at the same instant. */
export async function raceForNote(who: string, note: string): Promise<void> {
  await at(T.race);
  const read = await probe("race-read", "GET", CONTESTED, { fields: () => ({ who }) });
  await at(T.race + 100);
  await probe("race", "PATCH", CONTESTED, { headers: { "if-match": read.etag, "content-type": MERGE_PATCH }, body: { note }, fields: () => ({ who }) });
}

/** Waits until simulated time `ms` (at once if it has passed). */
export function at(ms: number): Promise<void> {
  return sleep(Math.max(0, ms - Date.now()));
}

const started = new Set<string>();
/** A client's script runs once per run, not again when its instance restarts. */
export function once(name: string, script: () => Promise<void>): () => Promise<void> {
  return async () => {
    if (started.has(name)) return;
    started.add(name);
    await script();
  };
}
