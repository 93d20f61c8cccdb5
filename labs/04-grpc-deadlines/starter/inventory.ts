// The inventory service: shop.inventory.v1.Inventory over gRPC. Both methods read stockdb, a plain HTTP
// database that knows nothing about gRPC deadlines — so whether work stops when the caller gives up is
// up to this code.
import { createService, fetch, grpc } from "lab";
import type { GetStockRequest, StockLevel, WatchStockRequest } from "./protos";

const server = createService("inventory");

/** A SKU's stock is spread over three warehouses: one stockdb query each. */
const WAREHOUSES = ["w1", "w2", "w3"];

interface Row { available: number; reserved: number; delta: number }

server.addService("shop.inventory.v1.Inventory", {
  // Unary: sums the SKU's rows, one query after the other.
  async GetStock(call: grpc.ServerUnaryCall<GetStockRequest>, callback: grpc.sendUnaryData<StockLevel>) {
    const level: StockLevel = { sku: call.request.sku, available: 0, reserved: 0, delta: 0 };
    for (const warehouse of WAREHOUSES) {
      // TODO(3): every query costs stockdb real work, even when the caller has long given up.
      //          Is anyone still waiting for this answer? How much time is left?
      const r = await fetch(`http://stockdb/stock/${level.sku}?warehouse=${warehouse}`);
      const row: Row = await r.json();
      level.available += row.available;
      level.reserved += row.reserved;
      level.delta += row.delta;
    }
    callback(null, level);
  },

  // Server streaming: follows stockdb's change feed (a long poll) and pushes every change.
  async WatchStock(call: grpc.ServerWritableStream<WatchStockRequest, StockLevel>) {
    await Promise.all(call.request.skus.map(async (sku) => {
      let version = -1;
      // TODO(4): this loop follows the feed forever — also after the watcher has gone.
      for (;;) {
        const r = await fetch(`http://stockdb/changes/${sku}?after=${version}`);
        const change: Row & { version: number } = await r.json();
        version = change.version;
        call.write({ sku, available: change.available, reserved: change.reserved, delta: change.delta });
      }
    }));
    call.end();
  },
});
