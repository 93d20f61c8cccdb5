// The orders service: the checkout flow (POST /orders) and the order detail page (GET /orders/:id).
import { AbortSignal, createService, fetch, log } from "lab";

const app = createService("orders");

interface Line { sku: string; quantity: number }
interface Stock { sku: string; available: number }

/** Every order in this lab has 20 lines (sku-1 … sku-20). */
function linesOf(_orderId: string): Line[] {
  return Array.from({ length: 20 }, (_, i) => ({ sku: `sku-${i + 1}`, quantity: 1 + (i % 3) }));
}

// One batch request instead of one per line; the answer is matched by sku, not by position.
app.get("/orders/:id", async (req, res) => {
  const lines = linesOf(req.params.id);
  const skus = lines.map((l) => l.sku).join(",");
  const r = await fetch(`http://inventory/items?skus=${skus}`, { signal: AbortSignal.timeout(200) });
  if (!r.ok) return res.status(502).json({ error: "inventory unavailable" });
  const stock = new Map((await r.json() as Stock[]).map((s) => [s.sku, s.available]));
  res.json({ id: req.params.id, lines: lines.map((line) => ({ ...line, available: stock.get(line.sku) ?? null })) });
});

// Every hop gets a deadline: a hanging dependency costs at most that long, then we fail fast.
app.post("/orders", async (req, res) => {
  const orderId = `o-${req.body.n}`;
  try {
    const reserved = await fetch("http://inventory/reservations", { method: "POST", body: { orderId, sku: "sku-1", quantity: 1 }, signal: AbortSignal.timeout(200) });
    if (!reserved.ok) return res.status(409).json({ error: "out of stock" });

    const charged = await fetch("http://payments/charges", { method: "POST", body: { orderId, amountCents: 2990 }, signal: AbortSignal.timeout(300) });
    if (!charged.ok) return res.status(502).json({ error: "payment failed" });

    await fetch("http://shipping/shipments", { method: "POST", body: { orderId }, signal: AbortSignal.timeout(200) });
  } catch (error) {
    const timedOut = (error as Error).name === "TimeoutError";
    log.warn("checkout failed", { orderId, reason: (error as Error).name });
    return res.status(timedOut ? 504 : 503).json({ error: timedOut ? "a dependency timed out" : "a dependency is unavailable" });
  }
  log.info("order placed", { orderId });
  res.status(201).json({ orderId });
});
