// The payments service: charges from the queue, once per message id, and acks after the work.
import { amqp, createService, log } from "lab";

const app = createService("payments");

/** Ids already charged. In a real service this is a table with a unique key, written with the charge. */
const processed = new Set<string>();

/** Talks to the card network. Every call takes money: the lab counts the `charged` log lines. */
function charge(orderId: string, amountCents: number): void {
  log.info("charged", { orderId, amountCents });
}

app.post("/charges", (req, res) => {
  charge(req.body.orderId, req.body.amountCents);
  res.status(201).json({ chargeId: `ch-${req.body.orderId}` });
});

app.onStart(async () => {
  const channel = await (await amqp.connect("amqp://rabbit")).createChannel();
  await channel.prefetch(10);
  await channel.consume("payment-requests", (msg) => {
    const { orderId, amountCents } = msg.content as { orderId: string; amountCents: number };
    const id = msg.properties.messageId ?? orderId;
    if (processed.has(id)) {
      log.info("duplicate ignored", { orderId, redelivered: msg.fields.redelivered });
    } else {
      processed.add(id);
      charge(orderId, amountCents);
    }
    channel.ack(msg);
  });
});
