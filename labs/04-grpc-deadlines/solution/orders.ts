// The orders service: shop.orders.v1.Orders over gRPC. Placing an order asks inventory for the stock.
import { createService, grpc, log } from "lab";
import type { InventoryClient, PlaceOrderReply, PlaceOrderRequest } from "./protos";

const server = createService("orders");
// One client (one channel) for the whole process, as in production.
const inventory = grpc.client<InventoryClient>("inventory", "shop.inventory.v1.Inventory");
let sizesShown = false;

server.addService("shop.orders.v1.Orders", {
  async PlaceOrder(call: grpc.ServerUnaryCall<PlaceOrderRequest>, callback: grpc.sendUnaryData<PlaceOrderReply>) {
    const { order_id, sku, quantity } = call.request;
    try {
      // `parent`: the call ends no later than PlaceOrder's own deadline. Our 5 s stays as a cap, but
      // the earlier of the two wins — a hop can shorten the budget, never extend it.
      const level = await inventory.getStock({ sku }, { deadline: Date.now() + 5_000, parent: call });
      if (!sizesShown) {
        sizesShown = true;
        log.info("GetStock reply", grpc.sizes("shop.inventory.v1.StockLevel", level));
      }
      if (level.available < quantity) return callback({ code: grpc.status.FAILED_PRECONDITION, details: "insufficient stock" });
      log.info("order placed", { order_id });
      callback(null, { order_id, status: "PLACED" });
    } catch (err) {
      const e = err as grpc.ServiceError;
      const code = e.code === grpc.status.DEADLINE_EXCEEDED ? e.code : grpc.status.UNAVAILABLE;
      callback({ code, details: `inventory: ${e.details}` });
    }
  },
});
