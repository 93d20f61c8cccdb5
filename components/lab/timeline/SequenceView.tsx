"use client";

import { useMemo } from "react";
import type { SimEvent } from "@/server/sim/events";
import { sequenceModel } from "./sequence";

const LANE_W = 150, TOP = 28, ROW = 16;

/** The same events as a sequence diagram: a swimlane per service, the latest messages as arrows. */
export function SequenceView({ events, version, timeMs, label }: { events: readonly SimEvent[]; version: number; timeMs: number; label: string }) {
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const model = useMemo(() => sequenceModel(events, timeMs, 40), [events, version, Math.floor(timeMs / 50)]);
  const width = Math.max(300, model.lanes.length * LANE_W);
  const height = TOP + model.arrows.length * ROW + 20;
  const laneX = (id: string) => model.lanes.indexOf(id) * LANE_W + LANE_W / 2;
  return (
    <div className="lab-sequence" role="region" aria-label={label} tabIndex={0}>
      <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={label}>
        {model.lanes.map((l) => (
          <g key={l}>
            <text x={laneX(l)} y={16} textAnchor="middle" className="seq-lane-label">{l}</text>
            <line x1={laneX(l)} x2={laneX(l)} y1={TOP - 6} y2={height} className="seq-lane" />
          </g>
        ))}
        {model.arrows.map((a, i) => {
          const y = TOP + i * ROW + 8, x1 = laneX(a.from), x2 = laneX(a.to);
          const dir = x2 >= x1 ? 1 : -1;
          return (
            <g key={a.msgId} className={`seq-arrow msg-${a.kind}${a.dropped ? " msg-dropped" : ""}`}>
              <line x1={x1} x2={a.dropped ? (x1 + x2) / 2 : x2 - dir * 6} y1={y} y2={y} />
              {a.dropped ? <text x={(x1 + x2) / 2 + 4} y={y + 4} className="seq-drop">✕</text> : <path d={`M${x2},${y} l${-dir * 7},-4 v8 z`} />}
              <text x={Math.min(x1, x2) + 6} y={y - 3} className="seq-label">{a.label} · {(a.sentMs / 1000).toFixed(3)}s</text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
