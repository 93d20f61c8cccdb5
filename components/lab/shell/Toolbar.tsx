"use client";

import type { Dictionary } from "@/lib/i18n";
import type { SessionSnapshot } from "../session/lab-session";

interface Props {
  labels: Dictionary["lab"];
  snapshot: SessionSnapshot;
  diffing: boolean;
  canRun: boolean;
  onRun(): void;
  onStop(): void;
  onReset(): void;
  onSolution(): void;
  onToggleDiff(): void;
  fullScreenHref: string | null;
}

/** Run, reset, solution and diff, with the run's status. */
export function Toolbar({ labels, snapshot, diffing, canRun, onRun, onStop, onReset, onSolution, onToggleDiff, fullScreenHref }: Props) {
  const live = snapshot.status === "running" || snapshot.status === "paused" || snapshot.status === "compiling";
  return (
    <div className="lab-toolbar" role="toolbar" aria-label={labels.lab}>
      <button type="button" className="lab-btn lab-btn-primary" data-testid="lab-run" onClick={onRun} disabled={!canRun}
        title={labels.runHint} aria-keyshortcuts="Control+Enter Meta+Enter">▶ {labels.run}</button>
      {live ? <button type="button" className="lab-btn" onClick={onStop}>■ {labels.stop}</button> : null}
      <button type="button" className="lab-btn" data-testid="lab-reset" onClick={onReset}>↺ {labels.reset}</button>
      <button type="button" className="lab-btn" data-testid="lab-show-solution" onClick={onSolution}>{labels.showSolution}</button>
      <button type="button" className="lab-btn" aria-pressed={diffing} data-testid="lab-diff" onClick={onToggleDiff}>{diffing ? labels.backToEditor : labels.compare}</button>
      <span className="lab-status" data-status={snapshot.status} role="status" data-testid="lab-status">
        {labels.status[snapshot.status]}{snapshot.seed !== null ? ` · ${labels.seed} ${snapshot.seed}` : ""}
      </span>
      {fullScreenHref ? <a className="lab-btn lab-fullscreen" href={fullScreenHref}>⤢ {labels.openFullScreen}</a> : null}
    </div>
  );
}
