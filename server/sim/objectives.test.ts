import { describe, expect, it } from "vitest";
import type { HandlerMap } from "./api";
import { countBetween, errorRateBelow, exactlyOnce, latencyPercentileBelow, logField, stateReachedWithinFailures } from "./objectives";
import { createSim } from "./sim";

/** orders charges payments for each request; payments fails after t=500; orders has a 3-failure breaker. */
function shop(retries: number) {
  const handlers: HandlerMap = {
    orders: {
      onHttp(req, ctx) {
        const id = `o-${(req.body as { n: number }).n}`;
        const attempt = (n: number): void => {
          ctx.http("payments", { method: "POST", path: "/charge", body: { id } }, (res) => {
            if (res.status === 200) return ctx.reply({ status: 201 });
            if (n < retries) return attempt(n + 1);
            ctx.reply({ status: 502 });
          }, { attempt: n + 1, timeoutMs: 100 });
        };
        attempt(0);
      },
    },
    payments: { onHttp: (req, ctx) => { ctx.log("charged", { orderId: (req.body as { id: string }).id }); return ctx.now > 500 ? { status: 500 } : { status: 200 }; } },
  };
  return createSim({
    seed: 1,
    scenario: {
      name: "shop", durationMs: 2000, services: [{ name: "orders" }, { name: "payments", serviceTimeMs: 5 }],
      workloads: [{ name: "buy", protocol: "http", to: "orders", arrival: { type: "constant", intervalMs: 20 }, count: 50 }],
    },
    handlers,
  }).run();
}

describe("objectives", () => {
  it("exactlyOnce passes when each order is charged once and explains duplicates", () => {
    const ids = Array.from({ length: 50 }, (_, i) => `o-${i}`);
    const once = exactlyOnce(shop(0), { occurrence: logField("payments", "charged", "orderId"), expected: ids, what: "charge" });
    expect(once).toEqual({ passed: true, detail: "all 50 charges happened exactly once" });
    const retried = exactlyOnce(shop(2), { occurrence: logField("payments", "charged", "orderId"), expected: [...ids, "o-99"], what: "charge" });
    expect(retried.passed).toBe(false);
    expect(retried.detail).toMatch(/^charge: 1 never happened \(e\.g\. o-99\); \d+ happened more than once \(e\.g\. o-\d+×3/);
  });

  it("latency percentiles and error rates read call.end events", () => {
    const events = shop(0);
    expect(latencyPercentileBelow(events, { toService: "payments", p: 99, maxMs: 200 })).toMatchObject({ passed: true });
    expect(latencyPercentileBelow(events, { toService: "payments", p: 50, maxMs: 5 }).detail).toMatch(/^p50 of 50 calls \* → payments is \d+(\.\d+)? ms \(not below 5 ms\)$/);
    const errors = errorRateBelow(events, { fromService: "orders", toService: "payments", maxRate: 0.1 });
    expect(errors.passed).toBe(false);
    expect(errors.detail).toMatch(/failed \(\d+%, limit 10%\)/);
    expect(countBetween(events, { match: (e) => e.type === "call.retry", max: 0, what: "retries" })).toEqual({ passed: true, detail: "0 retries (expected ≤ 0)" });
    expect(countBetween(shop(1), { match: (e) => e.type === "call.retry", max: 0, what: "retries" }).passed).toBe(false);
  });

  it("stateReachedWithinFailures checks a circuit breaker opened in time", () => {
    const events = createSim({
      seed: 2,
      scenario: { name: "breaker", durationMs: 500, services: [{ name: "orders" }, { name: "payments" }] },
      handlers: {
        orders: {
          onStart(ctx) {
            ctx.setState("breaker", "closed");
            ctx.setTimer(0, "call", 0);
          },
          onTimer(t, ctx) {
            const failures = t.data as number;
            ctx.http("payments", {}, (res) => {
              const next = res.status === 200 ? 0 : failures + 1;
              if (next >= 3) ctx.setState("breaker", "open");
              else ctx.setTimer(10, "call", next);
            });
          },
        },
        payments: { onHttp: () => ({ status: 503 }) },
      },
    }).run();
    expect(stateReachedWithinFailures(events, { service: "orders", name: "breaker", value: "open", maxFailures: 3 })).toMatchObject({ passed: true });
    expect(stateReachedWithinFailures(events, { service: "orders", name: "breaker", value: "open", maxFailures: 2 })).toMatchObject({
      passed: false, detail: expect.stringContaining("after 3 failed call(s) (limit 2)"),
    });
    expect(stateReachedWithinFailures(events, { service: "orders", name: "breaker", value: "half-open", maxFailures: 5 }).detail).toContain("never became");
  });
});
