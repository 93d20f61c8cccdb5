"use client";

import type { SimEvent } from "@/server/sim/events";
import { simStamp } from "../terminal/format";
import { describeEvent } from "./describe";

const SHOWN = 300;

/** Every event up to now as text, newest last: what a screen reader (or a careful reader) follows. */
export function EventList({ events, timeMs, label, more, onMessage }: { events: readonly SimEvent[]; timeMs: number; label: string; more(n: number): string; onMessage(msgId: number): void }) {
  let end = events.length;
  while (end > 0 && (events[end - 1] as SimEvent).timeMs > timeMs) end--;
  const start = Math.max(0, end - SHOWN);
  const rows = events.slice(start, end).filter((e) => e.type !== "metric");
  return (
    <div className="lab-events" role="region" aria-label={label} tabIndex={0} data-testid="lab-event-list">
      {start > 0 ? <p className="lab-empty">{more(SHOWN)}</p> : null}
      <ol>
        {rows.map((e, i) => (
          <li key={start + i} data-type={e.type}>
            <span className="lab-ev-time">{simStamp(e.timeMs)}</span>{" "}
            {e.type === "net.send" || e.type === "net.drop" ? (
              <button type="button" className="lab-linkish" onClick={() => onMessage(e.msgId)}>{describeEvent(e)}</button>
            ) : describeEvent(e)}
          </li>
        ))}
      </ol>
    </div>
  );
}
