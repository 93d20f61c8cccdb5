"use client";

import { useEffect, useState } from "react";
import { subscribeProgress } from "@/lib/progress/client";

type Labels = { done: string; started: string; notStarted: string; unavailable: string };

/** One lab's completion from GET /api/progress (absent or failing API: says so quietly). */
export function LabStatus({ labId, labels }: { labId: string; labels: Labels }) {
  const [state, setState] = useState<"loading" | "done" | "started" | "none" | "unavailable">("loading");
  useEffect(() => {
    let live = true;
    const timer = window.setTimeout(() => { if (live) setState((s) => (s === "loading" ? "unavailable" : s)); }, 5000);
    const unsubscribe = subscribeProgress((summary) => {
      const mine = summary.labs?.find((l) => l.labId === labId);
      if (live) setState(mine?.completed ? "done" : mine && mine.runs > 0 ? "started" : "none");
    });
    return () => { live = false; window.clearTimeout(timer); unsubscribe(); };
  }, [labId]);
  if (state === "loading") return <span className="lab-index-status" aria-busy="true" />;
  const text = state === "done" ? labels.done : state === "started" ? labels.started : state === "none" ? labels.notStarted : labels.unavailable;
  return <span className="lab-index-status" data-state={state} data-testid="lab-index-status">{state === "done" ? "✓ " : ""}{text}</span>;
}
