"use client";

import { useEffect } from "react";
import { loadProgress, progressApi } from "@/lib/progress/client";

interface Props { locale: "zh" | "en"; chapter: string; section?: string }

/** The heading the reader was last past, for "continue where you left off". */
function currentAnchor(): string | null {
  const headings = document.querySelectorAll<HTMLElement>("[data-testid='article'] h2[id], [data-testid='article'] h3[id]");
  let anchor: string | null = null;
  for (const h of headings) if (h.getBoundingClientRect().top < 120) anchor = h.id;
  return anchor;
}

/**
 * Records the last position, and marks a section read when the reader reaches the end of the article:
 * an IntersectionObserver watches a sentinel placed right after the article. The page itself stays
 * static HTML; without JavaScript nothing is recorded and reading works the same.
 */
export function ReadingTracker({ locale, chapter, section }: Props) {
  useEffect(() => {
    const savePosition = () => {
      progressApi.setPosition({ chapter, section: section ?? null, locale, anchor: currentAnchor() }).catch(() => undefined);
    };
    savePosition();
    const onHide = () => { if (document.visibilityState === "hidden") savePosition(); };
    document.addEventListener("visibilitychange", onHide);

    const article = document.querySelector("[data-testid='article']");
    let observer: IntersectionObserver | undefined;
    let sentinel: HTMLElement | undefined;
    if (section && article?.parentElement) {
      sentinel = document.createElement("div");
      sentinel.className = "read-sentinel";
      sentinel.setAttribute("aria-hidden", "true");
      sentinel.dataset.testid = "read-sentinel";
      article.after(sentinel);
      observer = new IntersectionObserver((entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        observer?.disconnect();
        loadProgress()
          .catch(() => undefined)
          .then((summary) => {
            if (summary?.sections.some((s) => s.chapter === chapter && s.section === section)) return;
            return progressApi.markRead(chapter, section);
          })
          .catch(() => undefined);
      });
      observer.observe(sentinel);
    }
    return () => {
      document.removeEventListener("visibilitychange", onHide);
      observer?.disconnect();
      sentinel?.remove();
    };
  }, [locale, chapter, section]);
  return null;
}
