// Lab-owned (not shown to the learner): the 41 browsers with the order-tracking page open,
// browsers-1 … browsers-41 for users cus-2001 … cus-2041. Each loads the page at its own moment, opens
// the feed with the learner's openFeed() and shows what it is given: one `shown` log line per event,
// which the objectives read.
import { createService, env, log, setTimeout } from "lab";
import { openFeed } from "./feed-client";

/** Pages load one after another, so the first handshakes do not all hit auth at once. */
const LOAD_SPACING_MS = 60;

createService("browsers").onStart(() => {
  const index = Number(env.instance.slice("browsers-".length));
  const userId = `cus-${2000 + index}`;
  setTimeout(() => {
    openFeed({
      userId,
      onEvent: (event) => {
        const n = typeof event?.data?.n === "number" ? event.data.n : -1;
        log.info("shown", { user: userId, n, seq: typeof event?.seq === "number" ? event.seq : -1 });
      },
    });
  }, (index - 1) * LOAD_SPACING_MS + Math.random() * 20);
});
