import { describe, expect, it } from "vitest";
import { Prng } from "./prng";
import { Tracer, formatTraceparent, parseTraceparent } from "./tracing";

describe("W3C trace context", () => {
  it("makes ids in the spec's format from the seeded PRNG", () => {
    const a = new Tracer(new Prng(5)), b = new Tracer(new Prng(5));
    const traceId = a.newTraceId(), spanId = a.newSpanId();
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(spanId).toMatch(/^[0-9a-f]{16}$/);
    expect([b.newTraceId(), b.newSpanId()]).toEqual([traceId, spanId]);
    const header = formatTraceparent(traceId, spanId);
    expect(parseTraceparent(header)).toEqual({ version: "00", traceId, parentId: spanId, sampled: true });
  });

  it("parses the spec's example and rejects invalid headers", () => {
    const example = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    expect(parseTraceparent(example)?.traceId).toBe("4bf92f3577b34da6a3ce929d0e0e4736");
    expect(parseTraceparent("00-00000000000000000000000000000000-00f067aa0ba902b7-01")).toBeUndefined();
    expect(parseTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01")).toBeUndefined();
    expect(parseTraceparent("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")).toBeUndefined();
    expect(parseTraceparent("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01")).toBeUndefined();
    expect(parseTraceparent("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra")?.version).toBe("01");
  });
});
