// Lab-owned (not shown to the learner): the ticket service. Every WebSocket handshake starts with
// POST /tickets. One ticket takes 50 ms of work (the scenario gives auth one worker): about 20 a second.
import { createService } from "lab";

let issued = 0;

createService("auth").post("/tickets", (req, res) => {
  issued += 1;
  res.status(201).json({ ticket: `t-${issued}`, userId: req.body?.userId ?? null });
});
