import { describe, expect, it } from "vitest";
import { Kernel } from "./kernel";
import { SimLimitError } from "./limits";

function limitOf(fn: () => unknown): SimLimitError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SimLimitError) return error;
    throw error;
  }
  throw new Error("expected a SimLimitError");
}

describe("Kernel", () => {
  it("requires a seed", () => {
    expect(() => new Kernel({ seed: undefined as unknown as number })).toThrow(/seed/);
  });

  it("dispatches in (time, seq) order and moves the clock forward only", () => {
    const k = new Kernel({ seed: 1 });
    const seen: string[] = [];
    const kind = k.register((n: number, label: string) => seen.push(`${k.now}:${label}:${n}`));
    k.at(5, kind, 1, "b");
    k.at(1, kind, 2, "a");
    k.at(5, kind, 3, "c");
    expect(k.runUntil(Infinity)).toBe("idle");
    expect(seen).toEqual(["1:a:2", "5:b:1", "5:c:3"]);
    expect(() => k.at(4, kind)).toThrow(/before now/);
  });

  it("runUntil stops at the horizon and advances the clock to it", () => {
    const k = new Kernel({ seed: 1 });
    const kind = k.register(() => undefined);
    k.at(10, kind);
    k.at(30, kind);
    expect(k.runUntil(20)).toBe("until");
    expect(k.now).toBe(20);
    expect(k.pending).toBe(1);
    expect(k.step()).toBe(true);
    expect(k.now).toBe(30);
    expect(k.step()).toBe(false);
  });

  it("raises SimLimitError for maxEvents", () => {
    const k = new Kernel({ seed: 1, limits: { maxEvents: 3 } });
    const e = limitOf(() => { for (let i = 0; i < 10; i++) k.emit({ type: "sim.end", timeMs: k.now, reason: "idle", steps: 0 }); });
    expect([e.limit, e.value]).toEqual(["maxEvents", 3]);
  });

  it("raises SimLimitError for maxLogEvents", () => {
    const k = new Kernel({ seed: 1, limits: { maxLogEvents: 2 } });
    const e = limitOf(() => { for (let i = 0; i < 10; i++) k.emit({ type: "sim.end", timeMs: k.now, reason: "idle", steps: 0 }); });
    expect([e.limit, e.value]).toEqual(["maxLogEvents", 2]);
  });

  it("raises SimLimitError for maxSimTimeMs, maxSteps and maxQueueSize", () => {
    const forever = (k: Kernel) => {
      const kind: number = k.register(() => k.after(10, kind));
      k.after(0, kind);
      return k;
    };
    const t = limitOf(() => forever(new Kernel({ seed: 1, limits: { maxSimTimeMs: 1000 } })).runUntil(Infinity));
    expect([t.limit, t.value]).toEqual(["maxSimTimeMs", 1000]);
    expect(t.message).toContain("maxSimTimeMs=1000");

    const zeroTime = new Kernel({ seed: 1, limits: { maxSteps: 100 } });
    const loop: number = zeroTime.register(() => zeroTime.after(0, loop));
    zeroTime.after(0, loop);
    expect(limitOf(() => zeroTime.runUntil(10)).limit).toBe("maxSteps");

    const fanout = new Kernel({ seed: 1, limits: { maxQueueSize: 50 } });
    const grow: number = fanout.register(() => { fanout.after(1, grow); fanout.after(1, grow); });
    fanout.after(0, grow);
    expect(limitOf(() => fanout.runUntil(100)).limit).toBe("maxQueueSize");
  });

  it("refuses to continue after a failure", () => {
    const k = new Kernel({ seed: 1, limits: { maxSteps: 1 } });
    const kind = k.register(() => undefined);
    k.at(1, kind);
    k.at(2, kind);
    expect(() => k.runUntil(10)).toThrow(SimLimitError);
    expect(() => k.runUntil(10)).toThrow(SimLimitError);
  });
});
