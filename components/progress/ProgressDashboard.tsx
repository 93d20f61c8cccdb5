"use client";

import { useEffect, useRef, useState, type ChangeEvent } from "react";
import { t } from "@/lib/i18n";
import { loadProgress, progressApi, subscribeProgress } from "@/lib/progress/client";
import { chapterCompletion, overallCompletion, type ChapterPlan } from "@/lib/progress/completion";
import type { ProgressSummary } from "@/lib/progress/types";
import "./progress.css";

export interface DashboardChapter extends ChapterPlan {
  label: string;
  title: string;
  url: string;
  sectionTitles: Record<string, { title: string; url: string }>;
  quizTitles: Record<string, string | undefined>;
}
export interface DashboardPart { id: string; title: string; chapters: DashboardChapter[] }
interface Props { locale: "zh" | "en"; parts: DashboardPart[]; pageTitles: Record<string, string> }

function Bar({ percent, label }: { percent: number; label: string }) {
  return <span className="progress-bar" role="img" aria-label={`${label} ${percent}%`}><span style={{ width: `${percent}%` }} /></span>;
}

function ChapterBlock({ chapter, summary, labels }: { chapter: DashboardChapter; summary: ProgressSummary; labels: ReturnType<typeof t>["progress"] }) {
  const c = chapterCompletion(summary, chapter);
  const read = new Set(summary.sections.filter((s) => s.chapter === chapter.slug).map((s) => s.section));
  return (
    <li className="progress-chapter" data-testid="progress-chapter" data-chapter={chapter.slug} data-percent={c.percent}>
      <h3><a href={chapter.url}>{chapter.label} · {chapter.title}</a> <span className="progress-percent">{c.percent}%</span></h3>
      <Bar percent={c.percent} label={chapter.title} />
      <p className="progress-line">{labels.sectionsRead}: {c.sectionsRead} / {chapter.sections.length}</p>
      <ul className="progress-sections">
        {chapter.sections.map((s) => (
          <li key={s} data-read={read.has(s) || undefined}>
            <span aria-hidden="true">{read.has(s) ? "✓" : "○"}</span>{" "}
            <a href={chapter.sectionTitles[s]?.url}>{chapter.sectionTitles[s]?.title ?? s}</a>
            <span className="sr-only"> ({read.has(s) ? labels.read : labels.notRead})</span>
          </li>
        ))}
      </ul>
      <p className="progress-line" data-testid="progress-quiz">
        {labels.bestScore}:{" "}
        {chapter.quizzes.length === 0 ? labels.noQuiz : chapter.quizzes.map((q) => {
          const best = summary.quizzes.find((b) => b.quizId === q.id);
          return <span key={q.id} className="progress-quiz">{chapter.quizTitles[q.id] ?? q.id}: {best ? `${best.score} / ${best.maxScore}` : labels.notAttempted}</span>;
        })}
      </p>
      <p className="progress-line">
        {labels.labsCompleted}:{" "}
        {chapter.labs.length === 0 ? labels.noLabs : `${c.labsDone} / ${chapter.labs.length}`}
      </p>
    </li>
  );
}

/** The /progress page's live part: it reads /api/progress and offers export, import and reset. */
export function ProgressDashboard({ locale, parts, pageTitles }: Props) {
  const labels = t(locale).progress;
  const [summary, setSummary] = useState<ProgressSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string>("");
  const dialog = useRef<HTMLDialogElement>(null);
  const plans = parts.flatMap((p) => p.chapters);

  useEffect(() => {
    loadProgress().catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    return subscribeProgress(setSummary);
  }, []);

  async function onImport(event: ChangeEvent<HTMLInputElement>) {
    const file = event.currentTarget.files?.[0];
    event.currentTarget.value = "";
    if (!file) return;
    try {
      const result = await progressApi.importFile(JSON.parse(await file.text()));
      const skipped = result.skipped.sections + result.skipped.quizAttempts + result.skipped.labRuns;
      setNotice(`${labels.imported(result.imported.sections, result.imported.quizAttempts, result.imported.labRuns)}${skipped ? ` ${labels.skipped(skipped)}` : ""}`);
    } catch (e) {
      setNotice(`${labels.importFailed}${e instanceof Error ? e.message : String(e)}`);
    }
    await loadProgress(true).catch(() => undefined);
  }

  async function onReset() {
    dialog.current?.close();
    try {
      await progressApi.reset();
      setNotice(labels.resetDone);
    } catch (e) {
      setNotice(`${labels.importFailed}${e instanceof Error ? e.message : String(e)}`);
    }
    await loadProgress(true).catch(() => undefined);
  }

  const position = summary?.lastPosition;
  const positionKey = position ? `${position.chapter}/${position.section ?? ""}` : "";
  const continueHref = position ? `${(locale === "zh" ? "" : "/en")}/${position.chapter}${position.section ? `/${position.section}` : ""}${position.anchor ? `#${position.anchor}` : ""}` : null;
  return (
    <div className="progress-dashboard" data-testid="progress-dashboard" data-loaded={summary ? "true" : "false"}>
      {error ? <p role="alert">{labels.loadFailed}{error}</p> : null}
      {!summary && !error ? <p>{labels.loading}</p> : null}
      {summary ? (
        <>
          <section className="progress-overview" aria-label={labels.overall}>
            <p className="progress-overall"><span>{labels.overall}</span> <strong data-testid="progress-overall">{overallCompletion(summary, plans)}%</strong></p>
            <Bar percent={overallCompletion(summary, plans)} label={labels.overall} />
            {continueHref ? (
              <p><a className="button-primary" href={continueHref} data-testid="progress-continue">{labels.continueReading}: {pageTitles[positionKey] ?? positionKey} →</a></p>
            ) : null}
            {!summary.hasLearner ? <p>{labels.nothingYet}</p> : null}
          </section>
          {parts.map((part) => (
            <section key={part.id} className="progress-part" aria-labelledby={`progress-${part.id}`}>
              <h2 id={`progress-${part.id}`}>{part.title}</h2>
              <ol className="progress-chapters">
                {part.chapters.map((c) => <ChapterBlock key={c.slug} chapter={c} summary={summary} labels={labels} />)}
              </ol>
            </section>
          ))}
        </>
      ) : null}
      <section className="progress-tools" aria-label={`${labels.export} / ${labels.import} / ${labels.reset}`}>
        <a className="progress-button" href="/api/progress/export" download data-testid="progress-export">{labels.export}</a>
        <label className="progress-button">
          {labels.import}
          <input type="file" accept="application/json,.json" className="sr-only" onChange={onImport} data-testid="progress-import" />
        </label>
        <button type="button" className="progress-button is-danger" onClick={() => dialog.current?.showModal()} data-testid="progress-reset">{labels.reset}</button>
        <p className="progress-hint">{labels.importHint}</p>
        <p role="status" aria-live="polite" data-testid="progress-notice">{notice}</p>
      </section>
      <dialog ref={dialog} className="progress-dialog" aria-labelledby="progress-reset-title">
        <p id="progress-reset-title">{labels.resetConfirm}</p>
        <div className="progress-dialog-actions">
          <button type="button" className="progress-button" onClick={() => dialog.current?.close()} autoFocus>{labels.cancel}</button>
          <button type="button" className="progress-button is-danger" onClick={onReset} data-testid="progress-reset-confirm">{labels.resetYes}</button>
        </div>
      </dialog>
    </div>
  );
}
