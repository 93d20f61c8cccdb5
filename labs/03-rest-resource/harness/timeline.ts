// Lab-owned (not shown to the learner): when the suite does what, in simulated ms. Pure data, no "lab"
// import, so lab.ts (the scenario's fault, the objectives) and the clients share one timetable.

export const T = {
  /** Step 1: the App creates an order and reads it; a missing order; a wrong method. */
  create: 100,
  /**
   * Step 2: the App and the support desk read ord-10042; the App's PATCH follows at +200 ms, the support
   * desk's stale one at +400, its PATCH without If-Match at +600; the App reads the result at +700.
   */
  conditional: 1_000,
  /** Step 2: both read again, then PATCH at the same instant 100 ms later. */
  race: 1_800,
  /** Step 3: every answer from orders to the App is lost in [lossFrom, lossUntil). */
  lossFrom: 2_200,
  lossUntil: 3_000,
  /** …and the App sends its POST, PUT and DELETE in the middle of it. */
  lostAt: 2_300,
  retry: 3_200,
  replay: 3_500,
  /** Step 4: shipping pages through the orders while the App keeps creating them. */
  sync: 4_000,
  /** The notification service stops polling. */
  end: 5_800,
  duration: 6_000,
} as const;

/** The App's timeout on the requests whose answers are lost. */
export const LOST_TIMEOUT_MS = 300;
/** Shipping: one page of PAGE_SIZE every PAGE_PAUSE_MS. The App: a new order every CHURN_EVERY_MS. */
export const PAGE_SIZE = 10;
export const PAGE_PAUSE_MS = 120;
export const CHURN_ORDERS = 14;
export const CHURN_EVERY_MS = 45;
/** The notification service re-reads an order every NOTIFY_EVERY_MS. */
export const NOTIFY_EVERY_MS = 25;
