import { describe, expect, it } from "vitest";
import { EventQueue } from "./event-queue";
import { Prng } from "./prng";

describe("EventQueue", () => {
  it("pops in (timeMs, seq) order, ties in scheduling order", () => {
    const q = new EventQueue(2);
    const prng = new Prng(3);
    const pushed: { t: number; seq: number }[] = [];
    for (let i = 0; i < 5000; i++) {
      const t = prng.int(50); // many ties on purpose
      pushed.push({ t, seq: q.push(t, i % 7, i, { i }) });
    }
    const popped: { t: number; seq: number; num: number }[] = [];
    while (q.pop()) popped.push({ t: q.poppedTimeMs, seq: q.poppedSeq, num: q.poppedNum });
    const expected = [...pushed].sort((a, b) => a.t - b.t || a.seq - b.seq);
    expect(popped.map((p) => [p.t, p.seq])).toEqual(expected.map((p) => [p.t, p.seq]));
    expect(popped.every((p) => p.num === p.seq)).toBe(true);
  });

  it("interleaves pushes and pops and keeps payloads with their entries", () => {
    const q = new EventQueue(1);
    q.push(10, 1, 0, "a");
    q.push(5, 2, 0, "b");
    expect(q.pop()).toBe(true);
    expect([q.poppedTimeMs, q.poppedKind, q.poppedPayload]).toEqual([5, 2, "b"]);
    q.push(7, 3, 0, "c");
    q.push(10, 4, 0, "d");
    const rest: unknown[] = [];
    while (q.pop()) rest.push(q.poppedPayload);
    expect(rest).toEqual(["c", "a", "d"]);
    expect(q.size).toBe(0);
    expect(q.peekTimeMs()).toBe(Infinity);
  });
});
