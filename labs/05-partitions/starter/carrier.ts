// The carrier's booking API (a partner). You should not need to change it — but read what it offers:
//   POST   /shipments            books a courier for { orderId } → 201 { bookingId }
//                                A request that repeats an Idempotency-Key header it has seen gets the
//                                same booking back (200) instead of a second courier.
//   DELETE /shipments/:orderId   cancels that order's courier → 204
// Its API hangs between 3.4 s and 3.8 s tonight: requests wait until it recovers.
import { createService, log } from "lab";

const app = createService("carrier");

/** Idempotency key → booking id. */
const seen = new Map<string, string>();
let nextBooking = 1;

app.post("/shipments", (req, res) => {
  const key = req.get("idempotency-key");
  const known = key === undefined ? undefined : seen.get(key);
  if (known !== undefined) return res.status(200).json({ bookingId: known, repeated: true });
  const bookingId = `bk-${nextBooking++}`;
  if (key !== undefined) seen.set(key, bookingId);
  log.info("courier booked", { orderId: String(req.body?.orderId), bookingId });
  res.status(201).json({ bookingId });
});

app.delete("/shipments/:orderId", (req, res) => {
  log.info("courier cancelled", { orderId: req.params.orderId });
  res.sendStatus(204);
});
