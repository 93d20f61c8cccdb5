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
      // TODO(2): this call gets 5 s of its own, whatever the caller of PlaceOrder is willing to wait.
      //          Look at the options a call takes (grpc.CallOptions).
      const level = await inventory.getStock({ sku }, { deadline: Date.now() + 5_000 });
      if (!sizesShown) {
        // Step 1: the reply's bytes as Protobuf (the timeline shows them + the 5-byte frame) versus JSON.
        sizesShown = true;
        log.info("GetStock reply", grpc.sizes("shop.inventory.v1.StockLevel", level));
      }
      if (level.available < quantity) return callback({ code: grpc.status.FAILED_PRECONDITION, details: "insufficient stock" });
      log.info("order placed", { order_id });
      callback(null, { order_id, status: "PLACED" });
    } catch (err) {
      const e = err as grpc.ServiceError;
      // Running out of time is reported as it is; any other inventory failure means "try again later".
      const code = e.code === grpc.status.DEADLINE_EXCEEDED ? e.code : grpc.status.UNAVAILABLE;
      callback({ code, details: `inventory: ${e.details}` });
    }
  },
});
