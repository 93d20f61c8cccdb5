// The orders service: the checkout flow (POST /orders) and the order detail page (GET /orders/:id).
// Every call below crosses the simulated network. Run it, watch the timeline, then work the TODOs.
import { createService, fetch, log } from "lab";

const app = createService("orders");

interface Line { sku: string; quantity: number }
interface Stock { sku: string; available: number }

/** Every order in this lab has 20 lines (sku-1 … sku-20). */
function linesOf(_orderId: string): Line[] {
  return Array.from({ length: 20 }, (_, i) => ({ sku: `sku-${i + 1}`, quantity: 1 + (i % 3) }));
}

// The order detail page: the order's lines with the stock left for each.
app.get("/orders/:id", async (req, res) => {
  const lines = linesOf(req.params.id);
  // TODO(3): one round trip per line — 20 lines, 20 sequential requests (the N+1 pattern).
  //          Look at what inventory.ts offers.
  const stock: Stock[] = [];
  for (const line of lines) {
    const r = await fetch(`http://inventory/items/${line.sku}`);
    stock.push(await r.json());
  }
  res.json({ id: req.params.id, lines: lines.map((line, i) => ({ ...line, available: stock[i]!.available })) });
});

// Checkout: reserve stock, charge, ship — the monolith's three function calls, now three hops.
app.post("/orders", async (req, res) => {
  const orderId = `o-${req.body.n}`;
  const reserved = await fetch("http://inventory/reservations", { method: "POST", body: { orderId, sku: "sku-1", quantity: 1 } });
  if (!reserved.ok) return res.status(409).json({ error: "out of stock" });

  // TODO(2): how long may this call take? Today: as long as payments makes us wait.
  const charged = await fetch("http://payments/charges", { method: "POST", body: { orderId, amountCents: 2990 } });
  if (!charged.ok) return res.status(502).json({ error: "payment failed" });

  await fetch("http://shipping/shipments", { method: "POST", body: { orderId } });
  log.info("order placed", { orderId });
  res.status(201).json({ orderId });
});
