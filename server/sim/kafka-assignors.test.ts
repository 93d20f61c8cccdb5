import { describe, expect, it } from "vitest";
import { rangeAssign, roundRobinAssign } from "./kafka-assignors";

const fmt = (a: Map<string, { topic: string; partition: number }[]>) =>
  Object.fromEntries([...a].map(([m, tps]) => [m, tps.map((tp) => `${tp.topic}${tp.partition}`)]));

describe("Kafka assignors", () => {
  // The RangeAssignor javadoc example: C0, C1 subscribed to t0, t1, each with 3 partitions.
  const members = [{ memberId: "C0", topics: ["t0", "t1"] }, { memberId: "C1", topics: ["t0", "t1"] }];
  const partitions = new Map([["t0", 3], ["t1", 3]]);

  it("range follows the javadoc example", () => {
    expect(fmt(rangeAssign(members, partitions))).toEqual({ C0: ["t00", "t01", "t10", "t11"], C1: ["t02", "t12"] });
  });

  it("round-robin follows the javadoc example", () => {
    expect(fmt(roundRobinAssign(members, partitions))).toEqual({ C0: ["t00", "t02", "t11"], C1: ["t01", "t10", "t12"] });
  });

  it("round-robin skips members not subscribed (javadoc: C0→t0, C1→t0,t1, C2→t0,t1,t2)", () => {
    const m = [
      { memberId: "C0", topics: ["t0"] }, { memberId: "C1", topics: ["t0", "t1"] }, { memberId: "C2", topics: ["t0", "t1", "t2"] },
    ];
    const p = new Map([["t0", 1], ["t1", 2], ["t2", 3]]);
    expect(fmt(roundRobinAssign(m, p))).toEqual({ C0: ["t00"], C1: ["t10"], C2: ["t11", "t20", "t21", "t22"] });
  });

  it("every partition is assigned exactly once", () => {
    const ms = Array.from({ length: 5 }, (_, i) => ({ memberId: `m${i}`, topics: ["orders"] }));
    for (const assign of [rangeAssign, roundRobinAssign]) {
      const all = [...assign(ms, new Map([["orders", 12]])).values()].flat().map((tp) => tp.partition).sort((a, b) => a - b);
      expect(all).toEqual(Array.from({ length: 12 }, (_, i) => i));
    }
  });
});
