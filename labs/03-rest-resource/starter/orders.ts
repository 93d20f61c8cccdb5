// The orders service: the "orders" resource of chapter 3. Simulated clients — the user App, the support
// desk, shipping and notifications — call it; the objectives grade what they saw. Everything below
// already "works" — every call gets an answer — but the answers do not say what HTTP means.
// Run it, read the objectives, then work through the TODOs step by step (1 → 4).
import { createService, type Response } from "lab";
import { db, priceOf, type Line, type Order } from "./db";

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

// TODO(1): every handler answers a missing order through here — with 200 OK. Which status says
//          "there is no such resource"? Answer it as a problem (see `problem` above).
function notFound(res: Response, id: string): void {
  res.json({ error: `there is no order ${id}` });
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

// ── create ──

app.post("/orders", (req, res) => {
  // TODO(3): the App retries this POST, with the same Idempotency-Key, when an answer gets lost.
  //          Remember the first answer per key and give it again instead of creating another order.
  //          The same key with a different body is a client bug: 422.
  const input = parseNewOrder(req.body);
  if (typeof input === "string") return problem(res, 422, "Unprocessable Content", input);
  const order = db.insert({
    id: db.nextId(), customerId: input.customerId, status: "PENDING_PAYMENT", lines: input.lines,
    totalMinor: input.lines.reduce((sum, l) => sum + priceOf(l.sku)! * l.quantity, 0), currency: "CNY", note: "",
    shippingAddress: { recipient: "", phone: "", line1: "", city: "" }, createdAt: Date.now(), version: 1,
  });
  // TODO(1): something was created. Which status says so, and which header tells the caller where
  //          the new order lives? Send its ETag too.
  res.json(view(order));
});

// ── read ──

app.get("/orders/:id", (req, res) => {
  const order = db.get(req.params.id);
  if (!order) return notFound(res, req.params.id);
  res.set("ETag", etagOf(order));
  // TODO(2): notify sends If-None-Match with the ETag of the copy it already has. When that is still
  //          the current version, it needs no body — just a status that says "not modified".
  res.json(view(order));
});

// ── update (JSON Merge Patch) ──

app.patch("/orders/:id", (req, res) => {
  const order = db.get(req.params.id);
  if (!order) return notFound(res, req.params.id);
  // TODO(2): the App and the support desk edit the same order. Only apply a change made to the version
  //          the caller read (its If-Match); refuse a stale one (send the current ETag back), and refuse
  //          a change that names no version at all. Which two status codes are those?
  const patch = req.body as { note?: unknown; shippingAddress?: unknown } | null;
  if (typeof patch !== "object" || patch === null || Array.isArray(patch)) return problem(res, 400, "Bad Request", "a merge patch is a JSON object");
  const unknown = Object.keys(patch).filter((k) => k !== "note" && k !== "shippingAddress");
  if (unknown.length > 0) return problem(res, 422, "Unprocessable Content", `fields that cannot be changed: ${unknown.join(", ")}`);
  if (typeof patch.note === "string") order.note = patch.note;
  if (typeof patch.shippingAddress === "object" && patch.shippingAddress !== null) {
    order.shippingAddress = { ...order.shippingAddress, ...(patch.shippingAddress as Partial<Order["shippingAddress"]>) };
  }
  order.version += 1;
  res.set("ETag", etagOf(order)).json(view(order));
});

// ── cancel and delete ──

interface Cancellation { orderId: string; reason: string; refundMinor: number; cancelledAt: number }
const cancellations = new Map<string, Cancellation>();

app.put("/orders/:id/cancellation", (req, res) => {
  const order = db.get(req.params.id);
  if (!order) return notFound(res, req.params.id);
  // TODO(3): PUT promises that sending it again changes nothing more. A retry of a cancellation that
  //          already happened is not a conflict — answer it like the first time did (minus the "created").
  //          What IS a conflict: cancelling an order that has shipped.
  if (order.status === "CANCELLED") return problem(res, 409, "Conflict", "the order is already cancelled");
  const cancellation: Cancellation = { orderId: order.id, reason: String(req.body?.reason ?? ""), refundMinor: order.status === "PAID" ? order.totalMinor : 0, cancelledAt: Date.now() };
  cancellations.set(order.id, cancellation);
  order.status = "CANCELLED";
  order.version += 1;
  res.status(201).set("Location", `/orders/${order.id}/cancellation`).json(cancellation);
});

app.delete("/orders/:id", (req, res) => {
  if (!db.remove(req.params.id)) return notFound(res, req.params.id);
  res.sendStatus(204);
});

// TODO(1): any other method on /orders/:id (say, POST) ends up as a plain 404 "Cannot POST". Answer 405
//          with an Allow header naming the methods an order does support. (Routes match in order.)

// ── list ──

app.get("/orders", (req, res) => {
  const limit = Math.min(Math.max(Number(req.query.limit) || 20, 1), 100);
  const offset = Math.max(Number(req.query.offset) || 0, 0);
  // TODO(4): shipping follows `next` while the App keeps creating orders. With an offset, every new
  //          order pushes the rest one place down, so rows come back twice — and each page reads more
  //          rows than the one before. Make `next` carry a cursor instead: the key of the last row
  //          (see `Key` and `db.list({ after })` in db.ts). Callers must not need to understand it.
  const rows = db.list({ limit: limit + 1, offset }); // one extra row tells whether there is a next page
  const page = rows.slice(0, limit);
  const next = rows.length > limit ? `/orders?limit=${limit}&offset=${offset + limit}` : null;
  res.set("Cache-Control", "no-store").json({ items: page.map(view), next });
});
