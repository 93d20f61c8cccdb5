/** The lab's .proto files (the scenario's `protos`): the chapter's inventory service and an orders service. */
export const INVENTORY_PROTO = `syntax = "proto3";

package shop.inventory.v1;

service Inventory {
  // Unary: the stock of one SKU
  rpc GetStock(GetStockRequest) returns (StockLevel);
  // Server streaming: every change of a set of SKUs
  rpc WatchStock(WatchStockRequest) returns (stream StockLevel);
}

message GetStockRequest {
  string sku = 1;
}

message WatchStockRequest {
  repeated string skus = 1;
}

message StockLevel {
  string sku = 1;
  int32 available = 2;  // can be sold
  int32 reserved = 3;   // held for open orders
  sint32 delta = 4;     // change since the previous notification, may be negative
}
`;

export const ORDERS_PROTO = `syntax = "proto3";

package shop.orders.v1;

service Orders {
  rpc PlaceOrder(PlaceOrderRequest) returns (PlaceOrderReply);
}

message PlaceOrderRequest {
  string order_id = 1;
  string sku = 2;
  int32 quantity = 3;
}

message PlaceOrderReply {
  string order_id = 1;
  string status = 2;
}
`;
