// The inventory service: reserving stock stays synchronous — the customer must know now.
// You should not need to change it.
import { createService } from "lab";

const app = createService("inventory");

app.post("/reservations", (req, res) => {
  res.status(201).json({ reservationId: `r-${req.body.orderId}` });
});
