"use client";

import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from "react";
import type { Locale } from "@/content/outline";
import type { LabDetail, LabFile } from "@/lib/lab/api-types";
import { SPEEDS } from "@/lib/lab/constants";
import { t } from "@/lib/i18n";
import { EditorPanel } from "../editor/EditorPanel";
import { FaultControls } from "../faults/FaultControls";
import { useCode } from "../hooks/use-code";
import { useSimClock } from "../hooks/use-clock";
import { useDark, useReducedMotion } from "../hooks/use-dark";
import { fetchSolution, useLabDetail } from "../hooks/use-lab-detail";
import { useLabSession } from "../hooks/use-session";
import { ObjectivesPanel } from "../objectives/ObjectivesPanel";
import { TerminalPanel } from "../terminal/TerminalPanel";
import { TimelineBar } from "../timeline/TimelineBar";
import { ConfirmBar } from "./ConfirmBar";
import { Toolbar } from "./Toolbar";
import { ViewPanel } from "./ViewPanel";
import "../lab.css";

export interface LabAppProps { labId: string; locale: Locale; fullScreenHref: string | null }

/** Loads the lab's manifest, then the workbench. Default export: the lazy boundary imports this module. */
export default function LabApp({ labId, locale, fullScreenHref }: LabAppProps) {
  const labels = t(locale).lab;
  const state = useLabDetail(labId);
  if (state.state === "loading") return <p className="lab-loading" role="status">{labels.loading}</p>;
  if (state.state === "failed") return <p className="lab-error" role="alert">{labels.loadFailed}{state.message}</p>;
  return <Workbench detail={state.detail} sdkDts={state.sdkDts} locale={locale} fullScreenHref={fullScreenHref} />;
}

const isTyping = (el: EventTarget | null) => el instanceof HTMLElement && (el.closest(".lab-editor-host, .lab-xterm") !== null || /^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName));

function Workbench({ detail, sdkDts, locale, fullScreenHref }: { detail: LabDetail; sdkDts: string | null; locale: Locale; fullScreenHref: string | null }) {
  const labels = t(locale).lab;
  const { files, update, replaceAll } = useCode(detail.id, detail.files);
  const [active, setActive] = useState(detail.files[0]?.path ?? "");
  const [confirm, setConfirm] = useState<null | "reset" | "solution">(null);
  const [solution, setSolution] = useState<LabFile[] | null>(null);
  const [diffing, setDiffing] = useState(false);
  const { session, snapshot } = useLabSession(detail.durationMs);
  const timeMs = useSimClock(snapshot);
  const dark = useDark();
  const reducedMotion = useReducedMotion();
  const filesRef = useRef(files);
  useEffect(() => { filesRef.current = files; });

  const run = useCallback(() => {
    setDiffing(false);
    void session?.start(detail.id, Object.fromEntries(filesRef.current.map((f) => [f.path, f.source])));
  }, [session, detail.id]);

  const loadSolution = async () => {
    const s = solution ?? await fetchSolution(detail.id);
    setSolution(s);
    return s;
  };
  const showSolution = async () => { setConfirm(null); await loadSolution(); setDiffing(true); };
  const onSolution = () => (snapshot.ran ? void showSolution() : setConfirm("solution"));
  const onToggleDiff = () => (diffing ? setDiffing(false) : onSolution());

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // Inside the editor, Monaco's own Ctrl/Cmd+Enter command runs it (once).
    if ((e.ctrlKey || e.metaKey) && e.key === "Enter") {
      if (!(e.target instanceof HTMLElement && e.target.closest(".lab-editor-host"))) { e.preventDefault(); run(); }
      return;
    }
    if (isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey || !session || !snapshot.sessionId) return;
    const speedAt = SPEEDS.indexOf(snapshot.speed as (typeof SPEEDS)[number]);
    const actions: Record<string, () => unknown> = {
      k: () => (snapshot.status === "running" ? session.pause() : session.resume()),
      ".": () => session.step(1),
      "[": () => session.setSpeed(SPEEDS[Math.max(0, speedAt - 1)] as number),
      "]": () => session.setSpeed(SPEEDS[Math.min(SPEEDS.length - 1, speedAt + 1)] as number),
      ArrowLeft: () => session.seek(timeMs - 1000),
      ArrowRight: () => session.seek(timeMs + 1000),
    };
    const action = actions[e.key];
    if (action) { e.preventDefault(); void action(); }
  };

  const activeFile = files.find((f) => f.path === active) ?? files[0];
  const solutionFile = solution?.find((f) => f.path === activeFile?.path);
  const error = snapshot.error;
  const live = Boolean(snapshot.sessionId) && (snapshot.status === "running" || snapshot.status === "paused" || snapshot.status === "ended");
  return (
    <div className="lab-app" onKeyDown={onKeyDown}>
      <Toolbar labels={labels} snapshot={snapshot} diffing={diffing} canRun={Boolean(session)} onRun={run} onStop={() => void session?.stop()}
        onReset={() => setConfirm("reset")} onSolution={onSolution} onToggleDiff={onToggleDiff} fullScreenHref={fullScreenHref} />
      {confirm === "reset" ? <ConfirmBar message={labels.resetConfirm} yes={labels.resetYes} no={labels.cancel} onNo={() => setConfirm(null)}
        onYes={() => { replaceAll(detail.files); setDiffing(false); setConfirm(null); }} /> : null}
      {confirm === "solution" ? <ConfirmBar message={labels.solutionConfirm} yes={labels.solutionYes} no={labels.cancel} onNo={() => setConfirm(null)} onYes={() => void showSolution()} /> : null}
      {diffing && solution ? (
        <div className="lab-solution-bar">
          <button type="button" className="lab-btn" data-testid="lab-use-solution" onClick={() => { replaceAll(solution); setDiffing(false); }}>{labels.useSolution}</button>
        </div>
      ) : null}
      {error ? (
        <p className="lab-error" role="alert" data-testid="lab-error">
          {error.kind === "compile" ? labels.compileError : error.kind === "limit" ? labels.limitError : labels.runtimeError}
          {error.file ? `${error.file}${error.line ? `:${error.line}${error.column ? `:${error.column}` : ""}` : ""} — ` : ""}{error.message}
        </p>
      ) : snapshot.problem ? <p className="lab-error" role="alert">{snapshot.problem}</p> : null}
      <div className="lab-grid">
        <EditorPanel labels={labels} files={files} active={activeFile?.path ?? ""} onActive={setActive} onChange={update} onRun={run}
          sdkDts={sdkDts} dark={dark} error={error} diff={diffing && activeFile && solutionFile ? { original: activeFile.source, modified: solutionFile.source } : null} />
        <ViewPanel labels={labels} detail={detail} snapshot={snapshot} timeMs={timeMs} reducedMotion={reducedMotion} />
        <TimelineBar labels={labels} session={session} snapshot={snapshot} timeMs={timeMs} />
        <TerminalPanel labels={labels} locale={locale} detail={detail} session={session} snapshot={snapshot} dark={dark} />
        <div className="lab-side">
          <ObjectivesPanel labels={labels} locale={locale} detail={detail} snapshot={snapshot} />
          <FaultControls labels={labels} detail={detail} disabled={!live} onCommand={(line) => void session?.command(line)} />
        </div>
      </div>
      <p className="lab-shortcuts">{labels.shortcuts}</p>
    </div>
  );
}
