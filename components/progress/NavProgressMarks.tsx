"use client";

import { useEffect } from "react";
import { subscribeProgress } from "@/lib/progress/client";

/**
 * Marks read sections in the (static) sidebar by setting data-read on links that carry
 * data-progress-section="chapter/section"; the tick and its text alternative come from CSS.
 */
export function NavProgressMarks({ currentUrl }: { currentUrl?: string }) {
  useEffect(() => subscribeProgress((summary) => {
    const read = new Set(summary.sections.map((s) => `${s.chapter}/${s.section}`));
    document.querySelectorAll<HTMLElement>(".book-nav [data-progress-section]").forEach((link) => {
      if (read.has(link.dataset.progressSection ?? "")) link.dataset.read = "true";
      else delete link.dataset.read;
    });
  }), [currentUrl]);
  return null;
}
