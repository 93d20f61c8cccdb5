// The orders table: an in-memory stand-in for the orders database, with an index on
// (createdAt DESC, id DESC). You should not need to change it.
//
// A handler runs from start to finish without being interrupted (as long as it does not `await`), so a
// read-check-write inside one handler is atomic here — the job `UPDATE … WHERE version = $3` does in SQL.
// Every list query records how many rows it had to read (the `db_rows_read` metric); the lab reports it
// per page.
import { metrics } from "lab";

export interface Address { recipient: string; phone: string; line1: string; city: string }
export interface Line { sku: string; quantity: number }
export type Status = "PENDING_PAYMENT" | "PAID" | "SHIPPED" | "CANCELLED";

export interface Order {
  id: string;
  customerId: string;
  status: Status;
  lines: Line[];
  totalMinor: number;
  currency: string;
  note: string;
  shippingAddress: Address;
  /** Simulated ms of creation. Not unique: a batch import or a busy millisecond gives several orders one value. */
  createdAt: number;
  /** Starts at 1 and goes up by one on every change: make the ETag from it. */
  version: number;
}

/** A position in the index: the sort key of one row. `createdAt` alone is not unique, so `id` breaks ties. */
export interface Key { createdAt: number; id: string }

/** The catalogue: price of one unit in fen (minor units), or undefined for an unknown SKU. */
export function priceOf(sku: string): number | undefined {
  return PRICES[sku];
}
const PRICES: Record<string, number> = { "SKU-7731": 14_950, "SKU-2040": 3_990, "SKU-5512": 899, "SKU-0981": 25_000 };

const rows: Order[] = []; // the index: newest first
const byId = new Map<string, Order>();
let lastNumber = 10_000;

/** True when `a` comes before `b` in the index (newer, or as new with a larger id). */
function before(a: Key, b: Key): boolean {
  return a.createdAt !== b.createdAt ? a.createdAt > b.createdAt : a.id > b.id;
}

/** Position of the first row that comes after `key` (binary search: the index seeks, it does not scan). */
function firstAfter(key: Key): number {
  let lo = 0, hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(key, rows[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export const db = {
  /** One order by id: the stored object. Change it in place (and bump `version`). */
  get(id: string): Order | undefined {
    return byId.get(id);
  },

  /** A new, unused order id: ord-10051, ord-10052, … */
  nextId(): string {
    lastNumber += 1;
    return `ord-${lastNumber}`;
  },

  insert(order: Order): Order {
    if (byId.has(order.id)) throw new Error(`db.insert: duplicate key ${order.id}`);
    rows.splice(firstAfter(order), 0, order);
    byId.set(order.id, order);
    return order;
  },

  /** Deletes one order; false if there was none. */
  remove(id: string): boolean {
    const order = byId.get(id);
    if (!order) return false;
    rows.splice(firstAfter(order) - 1, 1);
    byId.delete(id);
    return true;
  },

  /**
   * Orders, newest first, at most `limit` of them.
   * - `offset`: skip that many first. An index cannot jump to the n-th row: it reads offset + limit rows.
   * - `after`: start right after that key. The index seeks to it: it reads only the rows it returns.
   */
  list(q: { limit: number; offset?: number; after?: Key }): Order[] {
    const limit = Math.max(0, Math.floor(q.limit));
    const start = q.after ? firstAfter(q.after) : Math.min(rows.length, Math.max(0, Math.floor(q.offset ?? 0)));
    const page = rows.slice(start, start + limit);
    metrics.histogram("db_rows_read").observe(q.after ? page.length : start + page.length);
    return page;
  },
};

// ── seed data: 50 orders imported before the run, in batches of five that share one timestamp ──
const CITIES = ["杭州", "上海", "北京", "成都", "广州"];
const SKUS = Object.keys(PRICES);
for (let i = 1; i <= 50; i++) {
  const id = db.nextId();
  const lines = [{ sku: SKUS[i % SKUS.length]!, quantity: 1 + (i % 3) }];
  db.insert({
    id,
    customerId: i === 42 ? "cus-881" : `cus-${100 + (i % 17)}`,
    status: i % 8 === 7 ? "SHIPPED" : i % 2 === 0 ? "PAID" : "PENDING_PAYMENT",
    lines,
    totalMinor: lines.reduce((sum, l) => sum + (priceOf(l.sku) ?? 0) * l.quantity, 0),
    currency: "CNY",
    note: "",
    shippingAddress: i === 42
      ? { recipient: "王芳", phone: "13800000000", line1: "文三路 100 号", city: "杭州" }
      : { recipient: `客户 ${i}`, phone: `1390000${String(1000 + i)}`, line1: `人民路 ${i} 号`, city: CITIES[i % CITIES.length]! },
    createdAt: -60_000 + Math.floor((i - 1) / 5) * 5_000,
    version: i === 42 ? 3 : 1, // ord-10042 has been edited twice already
  });
}
