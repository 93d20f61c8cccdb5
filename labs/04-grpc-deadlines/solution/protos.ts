// The lab's .proto files and the TypeScript types a code generator (proto-loader-gen-types, ts-proto)
// would give you for them. Field names are as written in the .proto. You should not need to change it.
//
// ── inventory.proto ──────────────────────────────────────────────────────────────
// syntax = "proto3";
// package shop.inventory.v1;
//
// service Inventory {
//   rpc GetStock(GetStockRequest) returns (StockLevel);                  // unary
//   rpc WatchStock(WatchStockRequest) returns (stream StockLevel);       // server streaming
// }
// message GetStockRequest   { string sku = 1; }
// message WatchStockRequest { repeated string skus = 1; }
// message StockLevel {
//   string sku = 1;
//   int32 available = 2;   // can be sold
//   int32 reserved = 3;    // held for open orders
//   sint32 delta = 4;      // change since the previous notification, may be negative
// }
//
// ── orders.proto ─────────────────────────────────────────────────────────────────
// syntax = "proto3";
// package shop.orders.v1;
//
// service Orders { rpc PlaceOrder(PlaceOrderRequest) returns (PlaceOrderReply); }
// message PlaceOrderRequest { string order_id = 1; string sku = 2; int32 quantity = 3; }
// message PlaceOrderReply   { string order_id = 1; string status = 2; }
import type { grpc } from "lab";

export interface GetStockRequest { sku: string }
export interface WatchStockRequest { skus: string[] }
export interface StockLevel { sku: string; available: number; reserved: number; delta: number }

export interface PlaceOrderRequest { order_id: string; sku: string; quantity: number }
export interface PlaceOrderReply { order_id: string; status: string }

export interface InventoryClient {
  getStock: grpc.UnaryMethod<GetStockRequest, StockLevel>;
  watchStock: grpc.ServerStreamMethod<WatchStockRequest, StockLevel>;
}

export interface OrdersClient {
  placeOrder: grpc.UnaryMethod<PlaceOrderRequest, PlaceOrderReply>;
}
