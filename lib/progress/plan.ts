import { existsSync } from "node:fs";
import path from "node:path";
import { ALL_CHAPTERS, type Locale } from "@/content/outline";
import { publishedPages } from "@/lib/content/repo";
import { extractQuizzes } from "@/lib/quiz/manifest";
import type { ChapterPlan } from "./completion";

/** Labs count once they exist in labs/<id>/ (the outline lists labs before they are written). */
const labAvailable = (id: string) => existsSync(path.join(process.cwd(), "labs", id));

/** Server side, at build time: what each published chapter of a locale holds, as plain data for the client. */
export function chapterPlans(locale: Locale): (ChapterPlan & { quizTitles: Record<string, string | undefined> })[] {
  const pages = publishedPages(locale);
  const quizzes = extractQuizzes([locale]);
  return ALL_CHAPTERS.filter((c) => pages.some((p) => p.chapter.slug === c.slug && !p.section)).map((c) => {
    const mine = quizzes.filter((q) => q.chapter === c.slug);
    return {
      slug: c.slug,
      sections: pages.filter((p) => p.chapter.slug === c.slug && p.section).map((p) => p.section?.slug as string),
      quizzes: mine.map((q) => ({ id: q.id, maxScore: q.quiz.questions.length })),
      quizTitles: Object.fromEntries(mine.map((q) => [q.id, q.title])),
      labs: c.labs.filter(labAvailable),
    };
  });
}
