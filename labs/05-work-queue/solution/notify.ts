// The notification service: one SMS for every OrderPlaced event on the "notify.order-events" queue.
// Ack after the SMS went out; at most 10 messages in hand per consumer; transient failures go back to
// the queue, permanent ones (and anything that keeps failing) to the dead-letter queue.
import { amqp, createService, fetch, log } from "lab";

const app = createService("notify");

interface OrderPlaced { type: "OrderPlaced"; orderId: string; phone?: string; amountCents: number }

/** Delivery attempts per message id. In a real service: a table, or the quorum queue's x-delivery-count. */
const attempts = new Map<string, number>();
const MAX_ATTEMPTS = 5;

app.onStart(async () => {
  const channel = await (await amqp.connect("amqp://rabbit")).createChannel();
  // Enough in hand to keep the gateway busy during a round trip, few enough that a slow or crashing
  // consumer never sits on much of the queue.
  await channel.prefetch(10);

  await channel.consume("notify.order-events", async (msg) => {
    const order = msg.content as OrderPlaced;
    let status = 0; // 0: no answer (timeout, connection refused) — transient
    try {
      const res = await fetch("http://sms/messages", {
        method: "POST",
        body: { to: order.phone, orderId: order.orderId, text: `Order ${order.orderId} received` },
        timeoutMs: 2_000,
      });
      status = res.status;
    } catch {
      status = 0;
    }
    if (status >= 200 && status < 300) return channel.ack(msg); // only now is the work done

    const id = msg.properties.messageId ?? order.orderId;
    const attempt = (attempts.get(id) ?? 0) + 1;
    attempts.set(id, attempt);
    const permanent = status >= 400 && status < 500; // the message itself is wrong: retrying cannot help
    if (permanent || attempt >= MAX_ATTEMPTS) {
      log.warn("dead-lettered", { orderId: order.orderId, status, attempt });
      return channel.nack(msg, false, false); // → notify.dlx → notify.dead-letter
    }
    channel.nack(msg, false, true); // transient: back to the queue for another try
  });
});
