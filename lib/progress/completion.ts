import type { ProgressSummary } from "./types";

/** What a chapter holds that progress is counted against (plain data, built on the server). */
export interface ChapterPlan {
  slug: string;
  sections: string[];
  quizzes: { id: string; maxScore: number }[];
  labs: string[];
}

export interface ChapterCompletion { sectionsRead: number; quizFraction: number; labsDone: number; done: number; total: number; percent: number }

/** Sections read + each quiz's best fraction + labs completed, over everything the chapter has. */
export function chapterCompletion(summary: ProgressSummary, plan: ChapterPlan): ChapterCompletion {
  const read = new Set(summary.sections.filter((s) => s.chapter === plan.slug).map((s) => s.section));
  const sectionsRead = plan.sections.filter((s) => read.has(s)).length;
  const quizFraction = plan.quizzes.reduce((sum, q) => {
    const best = summary.quizzes.find((b) => b.quizId === q.id);
    return sum + (best && best.maxScore ? Math.min(1, best.score / best.maxScore) : 0);
  }, 0);
  const labsDone = plan.labs.filter((id) => summary.labs.some((l) => l.labId === id && l.completed)).length;
  const total = plan.sections.length + plan.quizzes.length + plan.labs.length;
  const done = sectionsRead + quizFraction + labsDone;
  return { sectionsRead, quizFraction, labsDone, done, total, percent: total ? Math.round((done / total) * 100) : 0 };
}

export function overallCompletion(summary: ProgressSummary, plans: ChapterPlan[]): number {
  const parts = plans.map((p) => chapterCompletion(summary, p));
  const total = parts.reduce((n, c) => n + c.total, 0);
  return total ? Math.round((parts.reduce((n, c) => n + c.done, 0) / total) * 100) : 0;
}
