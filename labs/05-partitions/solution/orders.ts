// The orders service: publishes every order's events to the "order-events" topic (4 partitions).
// An order is placed; 30 ms later it is paid; one order in five is cancelled right after payment.
// Every event is keyed by its order id: one order, one partition, one order of events.
import { clearInterval, createService, Kafka, setInterval } from "lab";

const app = createService("orders");
const producer = new Kafka({ clientId: "orders", brokers: ["kafka:9092"] }).producer();

const ORDERS = 200;
const TICK_MS = 30;

type EventType = "OrderPlaced" | "OrderPaid" | "OrderCancelled";
interface OrderEvent { eventId: string; type: EventType; orderId: string; seq: number }

const event = (n: number, type: EventType, seq: number): OrderEvent =>
  ({ eventId: `o-${n}/${seq}`, type, orderId: `o-${n}`, seq });

/** What happens in one tick: order n is placed, order n−1 is paid (and perhaps cancelled at once). */
function eventsAt(n: number): OrderEvent[] {
  const out: OrderEvent[] = [];
  if (n < ORDERS) out.push(event(n, "OrderPlaced", 1));
  const paid = n - 1;
  if (paid >= 0 && paid < ORDERS) {
    out.push(event(paid, "OrderPaid", 2));
    if (paid % 5 === 2) out.push(event(paid, "OrderCancelled", 3));
  }
  return out;
}

app.onStart(async () => {
  await producer.connect();
  let tick = 0;
  const timer = setInterval(() => {
    const events = eventsAt(tick++);
    if (tick > ORDERS) clearInterval(timer);
    void producer.send({ topic: "order-events", messages: events.map((e) => ({ key: e.orderId, value: e })) });
  }, TICK_MS);
});
