// The orders service: POST /orders places an order. Today it is a synchronous chain —
// reserve stock, charge, answer 201 — so it can only succeed while payments is up.
import { createService, fetch, log } from "lab";

const app = createService("orders");

// TODO(2): open an AMQP channel here once the instance starts:
//          app.onStart(async () => { … amqp.connect("amqp://rabbit") … createChannel() … })

app.post("/orders", async (req, res) => {
  const orderId = `o-${req.body.n}`;
  try {
    const reserved = await fetch("http://inventory/reservations", { method: "POST", body: { orderId }, timeoutMs: 500 });
    if (!reserved.ok) return res.status(409).json({ error: "out of stock" });

    // TODO(2): instead of waiting for payments, publish a PaymentRequested message to the
    //          "payments" exchange (routing key "payment.requested") and answer 202 Accepted.
    //          TODO(3): give the message an id that is the same every time this order is sent.
    const charged = await fetch("http://payments/charges", { method: "POST", body: { orderId, amountCents: 2990 }, timeoutMs: 500 });
    if (!charged.ok) return res.status(502).json({ error: "payment failed" });
  } catch (error) {
    log.warn("order failed", { orderId, reason: (error as Error).name });
    return res.status(503).json({ error: "try again later" });
  }
  log.info("order placed", { orderId });
  res.status(201).json({ orderId, status: "PAID" });
});
