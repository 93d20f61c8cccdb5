// The same checkout as one process: three function calls and no network in between.
// Compare its latency with orders' in the terminal (`metrics`). You should not need to change it.
import { createService } from "lab";

const app = createService("monolith");

function reserveStock(orderId: string): string {
  return `r-${orderId}`;
}
function charge(orderId: string, amountCents: number): string {
  return `ch-${orderId}-${amountCents}`;
}
function createShipment(orderId: string): string {
  return `sh-${orderId}`;
}

app.post("/checkout", (req, res) => {
  const orderId = `m-${req.body.n}`;
  reserveStock(orderId);
  charge(orderId, 2990);
  createShipment(orderId);
  res.status(201).json({ orderId });
});
