/** Small Web-standard Request/Response helpers for the progress API (no framework: testable directly). */

export const LEARNER_COOKIE = "s2s_learner";
const LEARNER_ID = /^[A-Za-z0-9_-]{22,64}$/;

export class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly extra: Record<string, unknown> = {}, readonly headers: Record<string, string> = {}) {
    super(message);
  }
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers } });
}

export function errorResponse(error: HttpError): Response {
  return json({ error: error.code, message: error.message, ...error.extra }, error.status, error.headers);
}

export function learnerIdOf(request: Request): string | undefined {
  const header = request.headers.get("cookie") ?? "";
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === LEARNER_COOKIE) {
      const value = rest.join("=");
      return LEARNER_ID.test(value) ? value : undefined;
    }
  }
  return undefined;
}

export function learnerCookie(id: string, request: Request): string {
  const secure = new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  // ~400 days, the longest lifetime browsers keep; httpOnly: page scripts never see the id.
  return `${LEARNER_COOKIE}=${id}; Path=/; Max-Age=34560000; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

/**
 * Writes must come from our own pages. Browsers send Sec-Fetch-Site (and Origin on POST/PUT); a request
 * from another site is refused. Requests with neither header are not from a browser, so carry no ambient
 * cookie risk, and are let through (curl, the test suite).
 */
export function crossSiteReason(request: Request): string | undefined {
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return `Sec-Fetch-Site is "${site}"`;
  const origin = request.headers.get("origin");
  if (!origin) return undefined;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? new URL(request.url).host;
  let originHost: string;
  try { originHost = new URL(origin).host; } catch { return `Origin "${origin}" is not a URL`; }
  return originHost === host ? undefined : `Origin ${origin} does not match ${host}`;
}

/** Reads at most `maxBytes` of the body (checking Content-Length first, then counting what arrives). */
export async function readBody(request: Request, maxBytes: number): Promise<string> {
  const tooLarge = () => new HttpError(413, "payload-too-large", `the body is larger than ${maxBytes} bytes`, { maxBytes });
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function readJson(request: Request, maxBytes: number): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) throw new HttpError(415, "unsupported-media-type", "send the body as application/json", { field: "(content-type)" });
  const text = await readBody(request, maxBytes);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, "bad-request", "(body): not valid JSON", { field: "(body)", issues: [{ field: "(body)", message: "not valid JSON" }] });
  }
}
