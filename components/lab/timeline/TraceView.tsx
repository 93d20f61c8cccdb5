"use client";

import { useMemo } from "react";
import type { Dictionary } from "@/lib/i18n";
import type { SimEvent } from "@/server/sim/events";
import { recentTraces, traceSpans } from "./waterfall";

interface Props { labels: Dictionary["lab"]; events: readonly SimEvent[]; version: number; timeMs: number; traceId: string | null; onTrace(id: string): void }

/** A trace waterfall for one request: client and server spans, indented under their parents. */
export function TraceView({ labels, events, version, timeMs, traceId, onTrace }: Props) {
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const traces = useMemo(() => recentTraces(events, timeMs), [events, version, Math.floor(timeMs / 250)]);
  // By default the newest request that has been answered (a just-started one has nothing to show yet).
  const current = traceId ?? (traces.find((t) => t.done) ?? traces[0])?.traceId ?? null;
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const spans = useMemo(() => (current ? traceSpans(events, current, timeMs) : []), [events, version, current, Math.floor(timeMs / 100)]);
  if (!traces.length && !current) return <p className="lab-empty">{labels.noTraces}</p>;
  const start = Math.min(...spans.map((s) => s.startMs));
  const end = Math.max(...spans.map((s) => (s.endMs < 0 ? timeMs : s.endMs)), start + 1);
  return (
    <div className="lab-trace">
      <label className="lab-trace-pick">
        <span>{labels.pickTrace}</span>
        <select value={current ?? ""} onChange={(e) => onTrace(e.target.value)}>
          {current && !traces.some((t) => t.traceId === current) ? <option value={current}>{current.slice(0, 8)}</option> : null}
          {traces.map((t) => <option key={t.traceId} value={t.traceId}>{(t.startMs / 1000).toFixed(3)}s {t.label} · {t.traceId.slice(0, 8)}</option>)}
        </select>
      </label>
      <ol className="lab-waterfall" aria-label={labels.trace}>
        {spans.map((s) => {
          const e = s.endMs < 0 ? timeMs : s.endMs;
          const left = ((s.startMs - start) / (end - start)) * 100, width = Math.max(0.6, ((e - s.startMs) / (end - start)) * 100);
          return (
            <li key={s.spanId} className="lab-span" data-kind={s.kind} data-bad={/error|timeout|unavailable|5\d\d|4\d\d/.test(s.outcome) || undefined}>
              <span className="lab-span-name" style={{ paddingLeft: `${s.depth * 0.9}rem` }}>{s.name}</span>
              <span className="lab-span-track"><span className="lab-span-bar" style={{ left: `${left}%`, width: `${width}%` }} /></span>
              <span className="lab-span-ms">{(e - s.startMs).toFixed(1)} ms · {s.outcome}</span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
