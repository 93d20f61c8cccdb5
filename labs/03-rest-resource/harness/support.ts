// Lab-owned (not shown to the learner): the support desk (客服后台). In step 2 it corrects the phone
// number of the order the customer is editing at the same moment, by sending back the whole address
// form it loaded earlier — the lost-update trap of the chapter — and then races the App for the note.
import { createService } from "lab";
import { at, CONTESTED, MERGE_PATCH, once, probe, raceForNote } from "./probe";
import { T } from "./timeline";

const CORRECTED_PHONE = "13800000001";
const FALLBACK_FORM = { recipient: "王芳", phone: "13800000000", line1: "文三路 100 号", city: "杭州" };

createService("support").onStart(once("support", async () => {
  await at(T.conditional);
  const loaded = await probe("b-read", "GET", CONTESTED);
  const address = loaded.body?.shippingAddress;
  const form = address !== null && typeof address === "object" ? { ...address } : { ...FALLBACK_FORM };

  // After the customer's own change: the whole form, based on the version loaded above.
  await at(T.conditional + 400);
  const stale = await probe("b-stale", "PATCH", CONTESTED, {
    headers: { "if-match": loaded.etag, "content-type": MERGE_PATCH },
    body: { shippingAddress: { ...form, phone: CORRECTED_PHONE } },
  });
  if (stale.status === 412) {
    // What a client should do with 412: read again, redo only its own change on the new version.
    const fresh = await probe("b-reread", "GET", CONTESTED);
    await probe("b-retry", "PATCH", CONTESTED, {
      headers: { "if-match": fresh.etag, "content-type": MERGE_PATCH },
      body: { shippingAddress: { phone: CORRECTED_PHONE } },
    });
  }

  // An old client that never learned about If-Match.
  await at(T.conditional + 600);
  await probe("b-unconditional", "PATCH", CONTESTED, { headers: { "content-type": MERGE_PATCH }, body: { note: "请先电话联系" } });

  await raceForNote("support", "请先电话联系");
}));
