// The notification service: one SMS for every OrderPlaced event on the "notify.order-events" queue.
// Three instances consume the queue side by side (competing consumers); notify-3 runs on an
// overloaded node, ten times slower than the others. Run it first — watch `queues`, `status` and the
// timeline — then work the TODOs.
import { amqp, createService, fetch, log } from "lab";

const app = createService("notify");

interface OrderPlaced { type: "OrderPlaced"; orderId: string; phone?: string; amountCents: number }

app.onStart(async () => {
  const channel = await (await amqp.connect("amqp://rabbit")).createChannel();
  // TODO(2): how many unacknowledged messages may one consumer hold at a time? Today: no limit.

  await channel.consume("notify.order-events", async (msg) => {
    const order = msg.content as OrderPlaced;
    try {
      const res = await fetch("http://sms/messages", {
        method: "POST",
        body: { to: order.phone, orderId: order.orderId, text: `Order ${order.orderId} received` },
        timeoutMs: 2_000,
      });
      if (!res.ok) throw new Error(`sms gateway answered ${res.status}`);
    } catch (error) {
      // TODO(3): the SMS was not sent, and the message is already gone from the queue.
      //          Which failures deserve another try? Where should the others go?
      log.warn("notification failed", { orderId: order.orderId, reason: (error as Error).message });
    }
  }, { noAck: true }); // TODO(1): auto-ack — the broker deletes a message the moment it hands it over.
});
