// The payments service. You should not need to change it — but try `slow payments-1 20x`
// or `kill payments-1` in the terminal and watch what happens upstream.
import { createService, log } from "lab";

const app = createService("payments");

app.post("/charges", (req, res) => {
  log.info("charged", { orderId: req.body.orderId, amountCents: req.body.amountCents });
  res.status(201).json({ chargeId: `ch-${req.body.orderId}` });
});
