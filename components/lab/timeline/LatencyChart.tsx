"use client";

import { line } from "d3-shape";
import { scaleLinear } from "d3-scale";
import { useMemo } from "react";
import type { SimEvent } from "@/server/sim/events";
import { latencySeries } from "./latency";

const W = 1000, H = 64, PAD = { l: 34, r: 8, t: 6, b: 6 };

/** p50 and p99 of end-to-end latency over simulated time. */
export function LatencyChart({ events, version, timeMs, durationMs, title, empty }: { events: readonly SimEvent[]; version: number; timeMs: number; durationMs: number; title: string; empty: string }) {
  const bucketMs = Math.max(50, Math.round(durationMs / 40));
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const series = useMemo(() => latencySeries(events, timeMs, bucketMs), [events, version, bucketMs, Math.floor(timeMs / bucketMs)]);
  const x = scaleLinear().domain([0, Math.max(1, durationMs)]).range([PAD.l, W - PAD.r]);
  const y = scaleLinear().domain([0, Math.max(1, ...series.map((p) => p.p99))]).nice().range([H - PAD.b, PAD.t]);
  const path = (key: "p50" | "p99") => line<(typeof series)[number]>().x((p) => x(p.timeMs + bucketMs / 2)).y((p) => y(p[key]))(series) ?? "";
  const last = series[series.length - 1];
  return (
    <figure className="lab-latency">
      <figcaption>{title}{last ? ` — p50 ${last.p50.toFixed(1)} ms · p99 ${last.p99.toFixed(1)} ms` : ""}</figcaption>
      {series.length ? (
        <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title}>
          {y.ticks(3).map((v) => <g key={v}><line className="lat-grid" x1={PAD.l} x2={W - PAD.r} y1={y(v)} y2={y(v)} /><text className="lat-tick" x={PAD.l - 4} y={y(v) + 3} textAnchor="end">{v}</text></g>)}
          <path className="lat-p99" d={path("p99")} />
          <path className="lat-p50" d={path("p50")} />
          <line className="lat-now" x1={x(timeMs)} x2={x(timeMs)} y1={PAD.t} y2={H - PAD.b} />
        </svg>
      ) : <p className="lab-empty">{empty}</p>}
    </figure>
  );
}
