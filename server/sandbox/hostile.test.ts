/**
 * Every hostile case ends its own run with a clean error (or, for pollution, with no effect on the
 * host), and a benign run right after it in the same process still succeeds.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { CompiledGuest } from "./compile";
import { BENIGN_SOURCE, caseRequest, compileCase, firstError, HOSTILE_CASES, mismatch } from "./hostile-cases";
import { runGuest } from "./run-guest";

let benign: CompiledGuest;

beforeAll(async () => {
  const c = await compileCase(BENIGN_SOURCE);
  if (!c.ok) throw new Error(`benign source does not compile: ${c.error.message}`);
  benign = c.compiled;
});

async function expectBenignStillRuns(): Promise<void> {
  const r = await runGuest(caseRequest(benign));
  expect(r.ok, JSON.stringify(r.error ?? r.results)).toBe(true);
  expect(r.results[0]).toEqual({ ok: true, value: { doubled: 2, now: 1_000 } });
}

describe("hostile learner code", () => {
  it("has at least 25 cases", () => {
    expect(HOSTILE_CASES.length).toBeGreaterThanOrEqual(25);
  });

  for (const c of HOSTILE_CASES) {
    it(c.name, async () => {
      const compiled = await compileCase(c.source);
      if (!compiled.ok) {
        expect(mismatch(c.expect, compiled.error)).toBeNull();
      } else {
        const result = await runGuest(caseRequest(compiled.compiled));
        expect(mismatch(c.expect, firstError(result))).toBeNull();
        if ("ok" in c.expect) expectHostUnpolluted(result.results[0]);
      }
      await expectBenignStillRuns();
    });
  }
});

function expectHostUnpolluted(first: unknown): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  expect(typeof JSON.parse).toBe("function");
  const value = (first as { value?: unknown }).value;
  if (value && typeof value === "object") {
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.hasOwn(value, "__proto__")).toBe(false);
    expect((value as Record<string, unknown>).evil).toBeUndefined();
  }
}
