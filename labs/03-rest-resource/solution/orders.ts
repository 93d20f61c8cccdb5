// The orders service: the "orders" resource of chapter 3. Simulated clients — the user App, the support
// desk, shipping and notifications — call it; the objectives grade what they saw.
import { createService, type Response } from "lab";
import { db, priceOf, type Key, type Line, type Order } from "./db";

const app = createService("orders");

// ── helpers ──

/** The order's current version as a strong ETag. */
const etagOf = (order: Order): string => `"v${order.version}"`;

/** What callers see: the order without the internal version (that travels in the ETag). */
function view(order: Order) {
  const { version: _version, ...fields } = order;
  return fields;
}

/** An RFC 9457 error body. */
function problem(res: Response, status: number, title: string, detail?: string): void {
  res.status(status).set("Content-Type", "application/problem+json").send({ type: "about:blank", title, status, detail });
}

function notFound(res: Response, id: string): void {
  problem(res, 404, "Not Found", `there is no order ${id}`);
}

/** The body of POST /orders, checked: lines with known SKUs and positive whole quantities. */
function parseNewOrder(body: unknown): { customerId: string; lines: Line[] } | string {
  const b = body as { customerId?: unknown; lines?: unknown } | null;
  if (!b || typeof b.customerId !== "string" || !Array.isArray(b.lines) || b.lines.length === 0) return "customerId and at least one line are required";
  const lines: Line[] = [];
  for (const l of b.lines as { sku?: unknown; quantity?: unknown }[]) {
    if (typeof l?.sku !== "string" || priceOf(l.sku) === undefined) return `unknown sku ${String(l?.sku)}`;
    if (typeof l.quantity !== "number" || !Number.isInteger(l.quantity) || l.quantity < 1) return "quantities are whole numbers ≥ 1";
    lines.push({ sku: l.sku, quantity: l.quantity });
  }
  return { customerId: b.customerId, lines };
}

// ── step 1 and 3: create, exactly once per Idempotency-Key ──

interface Saved { fingerprint: string; location: string; etag: string; body: unknown }
/** Idempotency-Key → the first answer. In a real service: a table written in the same transaction as the order. */
const byKey = new Map<string, Saved>();

app.post("/orders", (req, res) => {
  const key = req.get("Idempotency-Key");
  if (!key) return problem(res, 400, "Idempotency-Key required", "send a key so that retries are safe");
  const fingerprint = JSON.stringify(req.body);
  const first = byKey.get(key);
  if (first) {
    if (first.fingerprint !== fingerprint) return problem(res, 422, "Idempotency-Key reused", "this key was used for a different request");
    return res.status(201).set("Location", first.location).set("ETag", first.etag).json(first.body); // replay the first answer
  }
  const input = parseNewOrder(req.body);
  if (typeof input === "string") return problem(res, 422, "Unprocessable Content", input);
  const order = db.insert({
    id: db.nextId(), customerId: input.customerId, status: "PENDING_PAYMENT", lines: input.lines,
    totalMinor: input.lines.reduce((sum, l) => sum + priceOf(l.sku)! * l.quantity, 0), currency: "CNY", note: "",
    shippingAddress: { recipient: "", phone: "", line1: "", city: "" }, createdAt: Date.now(), version: 1,
  });
  const saved: Saved = { fingerprint, location: `/orders/${order.id}`, etag: etagOf(order), body: view(order) };
  byKey.set(key, saved);
  res.status(201).set("Location", saved.location).set("ETag", saved.etag).json(saved.body);
});

// ── step 1 and 2: read, with revalidation ──

app.get("/orders/:id", (req, res) => {
  const order = db.get(req.params.id);
  if (!order) return notFound(res, req.params.id);
  res.set("ETag", etagOf(order)).set("Cache-Control", "private, no-cache");
  if (req.get("If-None-Match") === etagOf(order)) return res.status(304).send();
  res.json(view(order));
});

// ── step 2: conditional update (JSON Merge Patch) ──

/** If-Match compares strongly: a weak tag (W/"…") never matches. */
function ifMatchPasses(header: string, current: string): boolean {
  return header.trim() === "*" || header.split(",").some((tag) => tag.trim() === current);
}

app.patch("/orders/:id", (req, res) => {
  const order = db.get(req.params.id);
  if (!order) return notFound(res, req.params.id);
  const ifMatch = req.get("If-Match");
  if (ifMatch === undefined) return problem(res, 428, "Precondition Required", "send If-Match with the ETag you read");
  if (!ifMatchPasses(ifMatch, etagOf(order))) {
    res.set("ETag", etagOf(order));
    return problem(res, 412, "Precondition Failed", "the order changed since you read it: read it again and redo your change");
  }
  const patch = req.body as { note?: unknown; shippingAddress?: unknown } | null;
  if (typeof patch !== "object" || patch === null || Array.isArray(patch)) return problem(res, 400, "Bad Request", "a merge patch is a JSON object");
  const unknown = Object.keys(patch).filter((k) => k !== "note" && k !== "shippingAddress");
  if (unknown.length > 0) return problem(res, 422, "Unprocessable Content", `fields that cannot be changed: ${unknown.join(", ")}`);
  if (typeof patch.note === "string") order.note = patch.note;
  if (typeof patch.shippingAddress === "object" && patch.shippingAddress !== null) {
    order.shippingAddress = { ...order.shippingAddress, ...(patch.shippingAddress as Partial<Order["shippingAddress"]>) };
  }
  order.version += 1; // no await between the check and this write: nobody can slip in
  res.set("ETag", etagOf(order)).json(view(order));
});

// ── step 3: idempotent cancellation and deletion ──

interface Cancellation { orderId: string; reason: string; refundMinor: number; cancelledAt: number }
const cancellations = new Map<string, Cancellation>();

app.put("/orders/:id/cancellation", (req, res) => {
  const order = db.get(req.params.id);
  if (!order) return notFound(res, req.params.id);
  const done = cancellations.get(order.id);
  if (done) return res.status(200).json(done); // the same PUT again: the state is already what it asks for
  if (order.status === "SHIPPED") return problem(res, 409, "Conflict", "the order has shipped: request a return instead");
  const cancellation: Cancellation = { orderId: order.id, reason: String(req.body?.reason ?? ""), refundMinor: order.status === "PAID" ? order.totalMinor : 0, cancelledAt: Date.now() };
  cancellations.set(order.id, cancellation);
  order.status = "CANCELLED";
  order.version += 1;
  res.status(201).set("Location", `/orders/${order.id}/cancellation`).json(cancellation);
});

app.delete("/orders/:id", (req, res) => {
  if (!db.remove(req.params.id)) return notFound(res, req.params.id); // a repeated DELETE: already gone
  res.sendStatus(204);
});

// Every other method on an order: 405, and say which ones exist. Registered last, so it only catches the rest.
app.all("/orders/:id", (_req, res) => {
  res.set("Allow", "GET, PATCH, DELETE");
  problem(res, 405, "Method Not Allowed");
});

// ── step 4: cursor pagination ──

/** The cursor is the last row's index key, opaque to callers: they only hand it back. */
function encodeCursor(key: Key): string {
  return encodeURIComponent(JSON.stringify([key.createdAt, key.id]));
}

function decodeCursor(raw: string): Key | undefined {
  try {
    const [createdAt, id] = JSON.parse(raw) as unknown[];
    if (typeof createdAt === "number" && typeof id === "string") return { createdAt, id };
  } catch {
    // not a cursor we issued
  }
  return undefined;
}

app.get("/orders", (req, res) => {
  const limit = Math.min(Math.max(Number(req.query.limit) || 20, 1), 100);
  const raw = typeof req.query.cursor === "string" ? req.query.cursor : undefined;
  const after = raw === undefined ? undefined : decodeCursor(raw);
  if (raw !== undefined && after === undefined) return problem(res, 400, "Bad Request", "invalid cursor");
  const rows = db.list({ limit: limit + 1, after }); // one extra row tells whether there is a next page
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const next = rows.length > limit && last ? `/orders?limit=${limit}&cursor=${encodeCursor(last)}` : null;
  if (next) res.set("Link", `<${next}>; rel="next"`);
  res.set("Cache-Control", "no-store").json({ items: page.map(view), next });
});
