// Lab-owned (not shown to the learner): the orders service publishes an OrderPlaced event for every
// order of harness/traffic.ts, on its schedule, to the "shop.events" topic exchange.
import { amqp, clearInterval, createService, setInterval } from "lab";
import { orderSchedule, TRAFFIC } from "./traffic";

const app = createService("orders");

app.onStart(async () => {
  const channel = await (await amqp.connect("amqp://rabbit")).createChannel();
  const plan = orderSchedule();
  let next = 0;
  let nowMs = 0;
  const timer = setInterval(() => {
    nowMs += TRAFFIC.tickMs;
    for (; next < plan.length && plan[next]!.atMs <= nowMs; next++) {
      const { orderId, phone } = plan[next]!;
      const event = phone === null
        ? { type: "OrderPlaced", orderId, amountCents: 4_990 }
        : { type: "OrderPlaced", orderId, phone, amountCents: 4_990 };
      channel.publish("shop.events", "order.placed", event, { messageId: `evt-${orderId}`, persistent: true });
    }
    if (next >= plan.length) clearInterval(timer);
  }, TRAFFIC.tickMs);
});
