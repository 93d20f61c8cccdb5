// The API gateway: HTTP/JSON towards browsers and apps, gRPC inside.
import { createService, grpc, log } from "lab";
import type { InventoryClient, OrdersClient, StockLevel } from "./protos";

const app = createService("gateway");
const orders = grpc.client<OrdersClient>("orders", "shop.orders.v1.Orders");
const inventory = grpc.client<InventoryClient>("inventory", "shop.inventory.v1.Inventory");
let streamShown = false;

/** gRPC status → the HTTP status the shopper gets. */
function httpStatusOf(err: grpc.ServiceError): number {
  if (err.code === grpc.status.DEADLINE_EXCEEDED) return 504;
  if (err.code === grpc.status.FAILED_PRECONDITION) return 409;
  return 503;
}

// Checkout (step 3): gateway → orders → inventory → stockdb.
app.post("/checkout", async (req, res) => {
  const n = Number(req.body.n);
  try {
    // TODO(1): how long will a shopper wait for checkout? Today: as long as it takes. Give the call a
    //          deadline of 500 ms.
    const reply = await orders.placeOrder({ order_id: `o-${n}`, sku: "SKU-7731", quantity: 1 + (n % 3) });
    res.status(201).json(reply);
  } catch (err) {
    const e = err as grpc.ServiceError;
    res.status(httpStatusOf(e)).json({ error: grpc.status.DEADLINE_EXCEEDED === e.code ? "checkout took too long" : e.details });
  }
});

// The order page's live stock (step 2): watch SKU-7731 for one second — the page stays open that long —
// and answer with every change that arrived.
app.get("/orders/:id/live", (req, res) => {
  const updates: StockLevel[] = [];
  const watch = inventory.watchStock({ skus: ["SKU-7731"] }, { deadline: Date.now() + 1_000 });
  const answer = () => {
    if (!streamShown && updates.length > 0) {
      // Several messages on one call: how big is each on the wire?
      streamShown = true;
      log.info("WatchStock stream", { messages: updates.length, ...grpc.sizes("shop.inventory.v1.StockLevel", updates[0]!) });
    }
    res.json({ id: req.params.id, updates });
  };
  watch.on("data", (level) => updates.push(level));
  watch.on("end", answer);
  watch.on("error", (err) => {
    // The page closing (the deadline) is the normal end of this watch; anything else is worth a log line.
    if (err.code !== grpc.status.DEADLINE_EXCEEDED) log.warn("watch failed", { code: err.code, details: err.details });
    answer();
  });
});
