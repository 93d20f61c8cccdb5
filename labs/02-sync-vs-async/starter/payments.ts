// The payments service. It can charge over HTTP (POST /charges) — and, once you add a consumer,
// from the "payment-requests" queue.
import { createService, log } from "lab";

const app = createService("payments");

/** Talks to the card network. Every call takes money: the lab counts the `charged` log lines. */
function charge(orderId: string, amountCents: number): void {
  log.info("charged", { orderId, amountCents });
}

app.post("/charges", (req, res) => {
  charge(req.body.orderId, req.body.amountCents);
  res.status(201).json({ chargeId: `ch-${req.body.orderId}` });
});

// TODO(2): when an instance starts, consume the "payment-requests" queue and charge each order.
//          Acknowledge a message only after the work is done.
// TODO(3): a message may arrive more than once. Charge each order once.
