// The shipping service: consumer group "shipping" on "order-events". Three instances share the four
// partitions — shipping-3 is deployed at 2 s, and shipping-1 is killed at 3.6 s. A paid order gets a
// courier booked with the carrier; a cancelled one gets its courier cancelled.
// Process first, commit after (at-least-once), and make a repeat harmless (idempotent).
import { createService, fetch, Kafka, log } from "lab";

const app = createService("shipping");
const kafka = new Kafka({ clientId: "shipping", brokers: ["kafka:9092"] });

interface OrderEvent { eventId: string; type: "OrderPlaced" | "OrderPaid" | "OrderCancelled"; orderId: string; seq: number }

/** The shipping database, one row per order (module state: shared by the instances, kept across restarts). */
const orders = new Map<string, { cancelled: boolean; booked: boolean }>();

async function handle(e: OrderEvent): Promise<void> {
  const row = orders.get(e.orderId) ?? { cancelled: false, booked: false };
  orders.set(e.orderId, row);
  if (e.type === "OrderPaid" && !row.cancelled && !row.booked) {
    // The same event always carries the same key, so a redelivery gets the first booking back. Our own
    // row cannot catch every repeat: a crash after the carrier booked but before we wrote the row.
    const res = await fetch("http://carrier/shipments", {
      method: "POST", body: { orderId: e.orderId }, headers: { "Idempotency-Key": e.eventId }, timeoutMs: 5_000,
    });
    if (!res.ok) throw new Error(`carrier answered ${res.status}`);
    row.booked = true;
    log.info("shipped", { orderId: e.orderId });
  } else if (e.type === "OrderCancelled") {
    row.cancelled = true;
    if (row.booked) {
      await fetch(`http://carrier/shipments/${e.orderId}`, { method: "DELETE", timeoutMs: 5_000 });
      row.booked = false;
      log.info("shipment cancelled", { orderId: e.orderId });
    }
  }
}

app.onStart(async () => {
  // A member that stops responding is removed from the group after 1.5 s.
  const consumer = kafka.consumer({ groupId: "shipping", sessionTimeout: 1_500 });
  await consumer.connect();
  await consumer.subscribe({ topics: ["order-events"], fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ topic, partition, message }) => {
      await handle(message.value as OrderEvent); // process first…
      // …then commit the next offset to read: a crash in between means this event is handled again.
      await consumer.commitOffsets([{ topic, partition, offset: String(Number(message.offset) + 1) }]);
    },
  });
});
