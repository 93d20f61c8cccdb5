import type { Prng } from "./prng";

/**
 * W3C Trace Context (https://www.w3.org/TR/trace-context/): `traceparent: 00-<trace-id>-<parent-id>-<flags>`
 * with a 16-byte trace-id and an 8-byte parent-id in lowercase hex, neither all zeros. Ids come from a
 * seeded PRNG stream so traces replay exactly with the run.
 */
const ZERO_TRACE = "0".repeat(32);
const ZERO_SPAN = "0".repeat(16);

export class Tracer {
  constructor(private readonly prng: Prng) {}

  newTraceId(): string {
    const id = this.prng.hex(16);
    return id === ZERO_TRACE ? this.newTraceId() : id;
  }

  newSpanId(): string {
    const id = this.prng.hex(8);
    return id === ZERO_SPAN ? this.newSpanId() : id;
  }
}

export function formatTraceparent(traceId: string, spanId: string, sampled = true): string {
  return `00-${traceId}-${spanId}-${sampled ? "01" : "00"}`;
}

export interface TraceParent { version: string; traceId: string; parentId: string; sampled: boolean }

/** Parses per the spec: version ff is invalid; a higher version may carry extra fields after a '-'. */
export function parseTraceparent(header: string | undefined): TraceParent | undefined {
  if (header === undefined) return undefined;
  const match = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/.exec(header.trim());
  if (!match) return undefined;
  const [, version, traceId, parentId, flags, rest] = match as unknown as [string, string, string, string, string, string | undefined];
  if (version === "ff" || (version === "00" && rest !== undefined)) return undefined;
  if (traceId === ZERO_TRACE || parentId === ZERO_SPAN) return undefined;
  return { version, traceId, parentId, sampled: (parseInt(flags, 16) & 1) === 1 };
}
