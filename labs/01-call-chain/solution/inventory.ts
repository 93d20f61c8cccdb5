// The inventory service. You should not need to change it.
import { createService } from "lab";

const app = createService("inventory");

/** Stock is made up from the SKU so every instance agrees without a shared database. */
function stockOf(sku: string): { sku: string; available: number } {
  let h = 0;
  for (const c of sku) h = (h * 31 + c.charCodeAt(0)) % 997;
  return { sku, available: h % 50 };
}

// One SKU: GET /items/sku-7
app.get("/items/:sku", (req, res) => {
  res.json(stockOf(req.params.sku));
});

// Many SKUs at once: GET /items?skus=sku-1,sku-2,sku-3  (at most 100)
app.get("/items", (req, res) => {
  const skus = String(req.query.skus ?? "").split(",").filter(Boolean);
  if (skus.length === 0 || skus.length > 100) return res.status(400).json({ error: "give 1 to 100 skus" });
  res.json(skus.map(stockOf));
});

app.post("/reservations", (req, res) => {
  res.status(201).json({ reservationId: `r-${req.body.orderId}` });
});
