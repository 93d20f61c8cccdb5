// The stock database behind the inventory service (think of each request as one SQL query). It speaks
// plain HTTP, so it knows nothing about gRPC deadlines: a query it receives is a query it runs.
// Between 3 s and 6 s the lab makes it slow (`slow stockdb-1 15x`). You should not need to change it.
import { createService, sleep } from "lab";

const app = createService("stockdb");

/** Stock changes every 250 ms; version v is the change at v × 250 ms. */
const CHANGE_EVERY_MS = 250;
const DELTAS = [-3, 2, -1, 3, -2, 1];
const BASE: Record<string, number> = { "SKU-7731": 153, "SKU-1002": 41 };
/** Each warehouse's share of a SKU: w1 takes the changes, w2 and w3 are steady. */
const STEADY = { w2: { available: 45, reserved: 1 }, w3: { available: 25, reserved: 0 } };

interface Level { sku: string; version: number; available: number; reserved: number; delta: number }

function levelAt(sku: string, version: number): Level {
  let available = BASE[sku] ?? 60;
  for (let i = 0; i <= version % DELTAS.length; i++) available += DELTAS[i]!;
  return { sku, version, available, reserved: 2, delta: DELTAS[version % DELTAS.length]! };
}

const versionNow = () => Math.floor(Date.now() / CHANGE_EVERY_MS);

// One warehouse's row: GET /stock/SKU-7731?warehouse=w1
app.get("/stock/:sku", (req, res) => {
  const { available, reserved, delta } = levelAt(req.params.sku, versionNow());
  const w = String(req.query.warehouse ?? "");
  if (w === "w2" || w === "w3") return res.json({ ...STEADY[w], delta: 0 });
  if (w !== "w1") return res.status(400).json({ error: "warehouse must be w1, w2 or w3" });
  const rest = STEADY.w2.available + STEADY.w3.available;
  res.json({ available: available - rest, reserved: reserved - STEADY.w2.reserved - STEADY.w3.reserved, delta });
});

// The change feed, long-polled: GET /changes/SKU-7731?after=12 answers with the first version after 12
// (at once if there is one, otherwise when it happens). after=-1: the current level.
app.get("/changes/:sku", async (req, res) => {
  const after = Number(req.query.after ?? -1);
  const now = versionNow();
  if (after >= now) await sleep((after + 1) * CHANGE_EVERY_MS - Date.now());
  res.json(levelAt(req.params.sku, Math.max(after + 1, now)));
});
