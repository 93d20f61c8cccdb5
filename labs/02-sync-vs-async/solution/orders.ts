// The orders service: stock is reserved synchronously; payment is requested through the queue, so
// placing an order no longer depends on payments being up.
import { amqp, createService, fetch, log, type Channel } from "lab";

const app = createService("orders");
let channel: Channel | undefined;

app.onStart(async () => {
  const connection = await amqp.connect("amqp://rabbit");
  channel = await connection.createChannel();
});

app.post("/orders", async (req, res) => {
  const orderId = `o-${req.body.n}`;
  try {
    const reserved = await fetch("http://inventory/reservations", { method: "POST", body: { orderId }, timeoutMs: 500 });
    if (!reserved.ok) return res.status(409).json({ error: "out of stock" });
  } catch (error) {
    log.warn("order failed", { orderId, reason: (error as Error).name });
    return res.status(503).json({ error: "try again later" });
  }
  if (!channel) return res.status(503).json({ error: "starting up" });
  // The id comes from the order, so a resend is recognisably the same request.
  channel.publish("payments", "payment.requested", { type: "PaymentRequested", orderId, amountCents: 2990 }, { messageId: `pay-${orderId}` });
  log.info("order accepted", { orderId });
  res.status(202).json({ orderId, status: "PENDING_PAYMENT" });
});
