"use client";

import { useEffect, useRef, useState } from "react";
import { SPEEDS } from "@/lib/lab/constants";
import type { Dictionary } from "@/lib/i18n";
import type { LabSession, SessionSnapshot } from "../session/lab-session";
import { simStamp } from "../terminal/format";

interface Props { labels: Dictionary["lab"]; session: LabSession | null; snapshot: SessionSnapshot; timeMs: number }

/** Play/pause, step, speed, and a scrubber over the whole run that seeks (backwards too) on the server. */
export function TimelineBar({ labels, session, snapshot, timeMs }: Props) {
  const live = Boolean(session && snapshot.sessionId) && snapshot.status !== "idle" && snapshot.status !== "compiling";
  const playing = snapshot.status === "running";
  const duration = Math.max(1, snapshot.durationMs);
  // While dragging, show where the thumb is and seek at most every 150 ms (each seek is a replay).
  const [pending, setPending] = useState<number | null>(null);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const scrubTo = (value: number) => {
    setPending(value);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => { void session?.seek(value).finally(() => setPending(null)); }, 150);
  };
  const shown = pending ?? timeMs;
  return (
    <div className="lab-timeline" data-testid="lab-timeline" role="group" aria-label={labels.timeline}>
      <button type="button" className="lab-btn lab-icon-btn" disabled={!live} aria-keyshortcuts="K"
        data-testid="lab-play" aria-label={playing ? labels.pause : labels.play} title={`${playing ? labels.pause : labels.play} (K)`}
        onClick={() => void (playing ? session?.pause() : session?.resume())}>
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">{playing ? <path d="M4 3h3v10H4zM9 3h3v10H9z" fill="currentColor" /> : <path d="M4 2.5v11l9-5.5z" fill="currentColor" />}</svg>
      </button>
      <button type="button" className="lab-btn lab-icon-btn" disabled={!live} aria-keyshortcuts="." data-testid="lab-step"
        aria-label={labels.step} title={`${labels.step} (.)`} onClick={() => void session?.step(1)}>
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true"><path d="M3 2.5v11l7-5.5z M11 3h2v10h-2z" fill="currentColor" /></svg>
      </button>
      <label className="lab-speed">
        <span>{labels.speed}</span>
        <select value={snapshot.speed} aria-keyshortcuts="[ ]" onChange={(e) => void session?.setSpeed(Number(e.target.value))} disabled={!session}>
          {SPEEDS.map((s) => <option key={s} value={s}>{s}×</option>)}
        </select>
      </label>
      <input type="range" className="lab-scrubber" data-testid="lab-scrubber" aria-label={labels.scrubber} min={0} max={duration} step={1}
        value={Math.min(duration, Math.round(shown))} disabled={!live} aria-valuetext={simStamp(shown).trim()}
        onChange={(e) => scrubTo(Number(e.target.value))} />
      <output className="lab-clock" aria-label={labels.simTime} data-testid="lab-clock">{simStamp(shown).trim()} / {simStamp(duration).trim()}</output>
      <span className="lab-count">{labels.eventsCount(snapshot.events.length)}</span>
    </div>
  );
}
