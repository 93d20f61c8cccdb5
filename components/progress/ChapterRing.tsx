"use client";

import { useEffect, useState } from "react";
import { subscribeProgress } from "@/lib/progress/client";
import { chapterCompletion, type ChapterPlan } from "@/lib/progress/completion";
import "./progress.css";

/** A completion ring for a chapter card; drawn only once this browser has progress to show. */
export function ChapterRing({ plan, label }: { plan: ChapterPlan; label: string }) {
  const [percent, setPercent] = useState<number | null>(null);
  useEffect(() => subscribeProgress((summary) => setPercent(summary.hasLearner ? chapterCompletion(summary, plan).percent : null)), [plan]);
  if (percent === null) return null;
  const r = 15;
  const circumference = 2 * Math.PI * r;
  const text = label.replace("{percent}", String(percent));
  return (
    <span className="chapter-ring" role="img" aria-label={text} title={text} data-testid="chapter-ring" data-percent={percent}>
      <svg viewBox="0 0 36 36" width="36" height="36" aria-hidden="true">
        <circle cx="18" cy="18" r={r} className="ring-track" />
        <circle cx="18" cy="18" r={r} className="ring-done" strokeDasharray={`${(percent / 100) * circumference} ${circumference}`} transform="rotate(-90 18 18)" />
      </svg>
      <span className="ring-text" aria-hidden="true">{percent}</span>
    </span>
  );
}
