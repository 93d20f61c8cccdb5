// Lab-owned (not shown to the learner): the user App (用户 App). It creates and reads orders (step 1),
// edits the contested order against the support desk (step 2), retries after lost responses (step 3)
// and keeps placing orders while shipping pages through the collection (step 4).
import { createService } from "lab";
import { at, CONTESTED, idOf, MERGE_PATCH, once, orderPath, probe, raceForNote, type Seen } from "./probe";
import { CHURN_EVERY_MS, CHURN_ORDERS, LOST_TIMEOUT_MS, T } from "./timeline";

const NEW_ORDER = { customerId: "cus-881", lines: [{ sku: "SKU-7731", quantity: 2 }] };
const RETRIED_ORDER = { customerId: "cus-882", lines: [{ sku: "SKU-2040", quantity: 1 }] };

const orderId = (s: Seen) => ({ orderId: idOf(orderPath(s)) });

createService("app").onStart(once("app", async () => {
  await createAndRead();
  await conditionalUpdates();
  await retriesAfterLostResponses();
  await ordersWhileShippingPages();
}));

async function createAndRead(): Promise<void> {
  await at(T.create);
  const created = await probe("create", "POST", "/orders", { headers: { "idempotency-key": "k-create-1" }, body: NEW_ORDER, fields: orderId });
  const path = orderPath(created);
  if (path) await probe("read-created", "GET", path);
  await probe("missing", "GET", "/orders/ord-00000");
  await probe("wrong-method", "POST", "/orders/ord-10001", { body: NEW_ORDER, fields: (s) => ({ allow: s.header("allow") }) });
}

async function conditionalUpdates(): Promise<void> {
  await at(T.conditional);
  const read = await probe("a-read", "GET", CONTESTED);
  await at(T.conditional + 200);
  // The customer moves: the whole new address, based on the version just read.
  const before = read.body?.shippingAddress;
  await probe("a-patch", "PATCH", CONTESTED, {
    headers: { "if-match": read.etag, "content-type": MERGE_PATCH },
    body: { shippingAddress: { recipient: before?.recipient ?? "王芳", phone: before?.phone ?? "13800000000", line1: "南京西路 1 号", city: "上海" } },
  });
  await at(T.conditional + 700);
  await probe("final-address", "GET", CONTESTED, {
    fields: (s) => {
      const a = s.body?.shippingAddress;
      return { city: typeof a?.city === "string" ? a.city : null, phone: typeof a?.phone === "string" ? a.phone : null };
    },
  });
  await raceForNote("app", "放门口");
}

async function retriesAfterLostResponses(): Promise<void> {
  const create = { headers: { "idempotency-key": "k-retry-1" }, body: RETRIED_ORDER, fields: orderId };
  const cancel = { body: { reason: "customer-request" } };
  // Sent while every answer from orders to the app is lost: the requests arrive, the answers do not.
  await at(T.lostAt);
  await Promise.all([
    probe("create-lost", "POST", "/orders", { ...create, timeoutMs: LOST_TIMEOUT_MS }),
    probe("cancel-lost", "PUT", "/orders/ord-10010/cancellation", { ...cancel, timeoutMs: LOST_TIMEOUT_MS }),
    probe("delete-lost", "DELETE", "/orders/ord-10005", { timeoutMs: LOST_TIMEOUT_MS }),
  ]);
  // The network is back: retry exactly the same requests.
  await at(T.retry);
  await probe("create-retry", "POST", "/orders", create);
  await probe("cancel-retry", "PUT", "/orders/ord-10010/cancellation", cancel);
  await probe("delete-retry", "DELETE", "/orders/ord-10005");
  await at(T.replay);
  await probe("create-replay", "POST", "/orders", create);
  await probe("key-reuse", "POST", "/orders", { ...create, body: { ...RETRIED_ORDER, lines: [{ sku: "SKU-2040", quantity: 3 }] } });
  await probe("cancel-shipped", "PUT", "/orders/ord-10007/cancellation", cancel);
}

async function ordersWhileShippingPages(): Promise<void> {
  for (let i = 1; i <= CHURN_ORDERS; i++) {
    await at(T.sync + 30 + (i - 1) * CHURN_EVERY_MS);
    await probe("churn", "POST", "/orders", { headers: { "idempotency-key": `k-new-${i}` }, body: { ...NEW_ORDER, customerId: `cus-9${i}` }, fields: orderId });
  }
}
