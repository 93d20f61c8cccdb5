// The analytics service, deployed at 4 s: it counts every order event — including the ones published
// before it existed. It reads the topic with its own consumer group, at its own pace.
import { createService, Kafka, log, setInterval } from "lab";

const app = createService("analytics");
const kafka = new Kafka({ clientId: "analytics", brokers: ["kafka:9092"] });

const counts: Record<string, number> = { OrderPlaced: 0, OrderPaid: 0, OrderCancelled: 0 };

app.onStart(async () => {
  const consumer = kafka.consumer({ groupId: "analytics" });
  await consumer.connect();
  // TODO(4): a brand-new group has no committed offsets. Where does it start reading?
  await consumer.subscribe({ topics: ["order-events"] });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const type = (message.value as { type: string }).type;
      counts[type] = (counts[type] ?? 0) + 1;
    },
  });
  setInterval(() => log.info("order stats", { ...counts }), 1_000);
});
