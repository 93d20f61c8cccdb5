"use client";

import { useState } from "react";
import type { Locale } from "@/content/outline";
import type { LabDetail } from "@/lib/lab/api-types";
import type { Dictionary } from "@/lib/i18n";
import type { SessionSnapshot } from "../session/lab-session";

/** Live pass/fail per objective with its explanation, hints one at a time, and what was learned. */
export function ObjectivesPanel({ labels, locale, detail, snapshot }: { labels: Dictionary["lab"]; locale: Locale; detail: LabDetail; snapshot: SessionSnapshot }) {
  const [hints, setHints] = useState(0);
  const status = new Map(snapshot.objectives.map((o) => [o.id, o]));
  return (
    <section className="lab-panel lab-objectives" data-testid="lab-objectives" aria-label={labels.objectives}>
      <h3 className="lab-panel-title">{labels.objectives}</h3>
      {snapshot.allPassed ? (
        <div className="lab-complete" role="status" data-testid="lab-complete">
          <strong>🎉 {labels.completed}</strong>
          <p>{labels.learned} {detail.completion[locale]}</p>
        </div>
      ) : null}
      <ul className="lab-objective-list" aria-live="polite">
        {detail.objectives.map((o) => {
          const s = status.get(o.id);
          const state = !s ? "pending" : s.passed ? "passed" : "failed";
          return (
            <li key={o.id} data-objective={o.id} data-state={state}>
              <span className="lab-obj-mark" aria-hidden="true">{state === "passed" ? "✓" : state === "failed" ? "✗" : "○"}</span>
              <div>
                <strong>{o.title[locale]}</strong>{" "}
                <span className="lab-obj-state">{state === "passed" ? labels.objectivePassed : state === "failed" ? labels.objectiveFailed : labels.objectivePending}</span>
                {s?.detail ? <p className="lab-obj-detail">{s.detail}</p> : null}
                <p className="lab-obj-explain">{o.explain[locale]}</p>
              </div>
            </li>
          );
        })}
      </ul>
      {detail.hints.length ? (
        <div className="lab-hints">
          <h4>{labels.hints}</h4>
          <ol>{detail.hints.slice(0, hints).map((h, i) => <li key={i}>{h[locale]}</li>)}</ol>
          {hints < detail.hints.length
            ? <button type="button" className="lab-btn" onClick={() => setHints(hints + 1)}>{labels.showHint(hints + 1, detail.hints.length)}</button>
            : <p className="lab-empty">{labels.noMoreHints}</p>}
        </div>
      ) : null}
    </section>
  );
}
