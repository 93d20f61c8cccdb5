// The SMS gateway: a partner's API. You should not need to change it — but read what it answers:
//   202  sent
//   400  the request is malformed (no phone number): sending it again will not help
//   503  the carrier is busy (about 1 request in 50): try again
// It works on up to 16 messages at a time, about 20 ms each — roughly 800 SMS a second.
import { createService, log } from "lab";

const app = createService("sms");

app.post("/messages", (req, res) => {
  const { to, orderId } = (req.body ?? {}) as { to?: string; orderId?: string };
  if (typeof to !== "string" || to === "") return res.status(400).json({ error: "'to' must be a phone number" });
  if (Math.random() < 0.02) return res.status(503).json({ error: "carrier busy, try again" });
  log.info("sms sent", { orderId: String(orderId), to });
  res.status(202).json({ id: `sms-${orderId}` });
});
