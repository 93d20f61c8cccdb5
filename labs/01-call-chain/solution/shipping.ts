// The shipping service. You should not need to change it.
import { createService } from "lab";

const app = createService("shipping");

app.post("/shipments", (req, res) => {
  res.status(201).json({ shipmentId: `sh-${req.body.orderId}` });
});
