// The inventory service: shop.inventory.v1.Inventory over gRPC. Both methods read stockdb, a plain HTTP
// database that knows nothing about gRPC deadlines — so this code stops the work itself once the caller
// has given up, and gives every query no more time than the caller has left.
import { createService, fetch, grpc } from "lab";
import type { GetStockRequest, StockLevel, WatchStockRequest } from "./protos";

const server = createService("inventory");

/** A SKU's stock is spread over three warehouses: one stockdb query each. */
const WAREHOUSES = ["w1", "w2", "w3"];

interface Row { available: number; reserved: number; delta: number }

/** The caller's remaining time: the most any query made for this call may take. */
const timeLeftMs = (call: grpc.ServerSurfaceCall) => Math.max(0, call.getDeadline() - Date.now());

server.addService("shop.inventory.v1.Inventory", {
  async GetStock(call: grpc.ServerUnaryCall<GetStockRequest>, callback: grpc.sendUnaryData<StockLevel>) {
    const level: StockLevel = { sku: call.request.sku, available: 0, reserved: 0, delta: 0 };
    for (const warehouse of WAREHOUSES) {
      if (call.cancelled) return; // nobody is waiting: an answer now would be dropped anyway
      try {
        const r = await fetch(`http://stockdb/stock/${level.sku}?warehouse=${warehouse}`, { timeoutMs: timeLeftMs(call) });
        const row: Row = await r.json();
        level.available += row.available;
        level.reserved += row.reserved;
        level.delta += row.delta;
      } catch {
        return callback({ code: grpc.status.DEADLINE_EXCEEDED, details: "stockdb did not answer in time" });
      }
    }
    callback(null, level);
  },

  async WatchStock(call: grpc.ServerWritableStream<WatchStockRequest, StockLevel>) {
    await Promise.all(call.request.skus.map(async (sku) => {
      let version = -1;
      // The watcher leaves when its deadline passes: then the feed is no longer followed.
      while (!call.cancelled) {
        try {
          const r = await fetch(`http://stockdb/changes/${sku}?after=${version}`, { timeoutMs: timeLeftMs(call) });
          const change: Row & { version: number } = await r.json();
          version = change.version;
          call.write({ sku, available: change.available, reserved: change.reserved, delta: change.delta });
        } catch {
          return; // the long poll outlived the watch
        }
      }
    }));
    call.end();
  },
});
