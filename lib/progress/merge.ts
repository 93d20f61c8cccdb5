import type { BestScore, ProgressExport, QuizAttempt, SectionRead } from "./types";

/**
 * Best score per quiz: the attempt with the highest fraction right (a quiz may gain questions between
 * attempts), ties broken by the earlier attempt.
 */
export function bestScores(attempts: readonly QuizAttempt[]): BestScore[] {
  const byQuiz = new Map<string, BestScore & { at: string }>();
  for (const a of attempts) {
    const before = byQuiz.get(a.quizId);
    const ratio = a.maxScore ? a.score / a.maxScore : 0;
    const beforeRatio = before && before.maxScore ? before.score / before.maxScore : -1;
    const better = !before || ratio > beforeRatio || (ratio === beforeRatio && a.submittedAt < before.at);
    const attemptsSoFar = (before?.attempts ?? 0) + 1;
    if (better) byQuiz.set(a.quizId, { quizId: a.quizId, score: a.score, maxScore: a.maxScore, attempts: attemptsSoFar, at: a.submittedAt });
    else byQuiz.set(a.quizId, { ...before, attempts: attemptsSoFar });
  }
  return [...byQuiz.values()]
    .map(({ at: _at, ...best }) => best)
    .sort((x, y) => x.quizId.localeCompare(y.quizId));
}

const sectionKey = (s: SectionRead) => `${s.chapter}/${s.section}`;

function unionBy<T>(base: readonly T[], incoming: readonly T[], key: (t: T) => string, keep: (a: T, b: T) => T): T[] {
  const out = new Map<string, T>();
  for (const item of [...base, ...incoming]) {
    const k = key(item);
    const before = out.get(k);
    out.set(k, before ? keep(before, item) : item);
  }
  return [...out.values()];
}

/**
 * Merging without loss: the union of sections read (earliest reading kept), every quiz attempt and lab
 * run once (deduplicated by id, the copy already held wins), the newer last position, best scores
 * recomputed from the merged attempts. Commutative in content, so importing twice changes nothing.
 */
export function mergeProgress(base: ProgressExport, incoming: ProgressExport, now = new Date().toISOString()): ProgressExport {
  const sections = unionBy(base.sections, incoming.sections, sectionKey, (a, b) => (b.readAt < a.readAt ? b : a))
    .sort((a, b) => sectionKey(a).localeCompare(sectionKey(b)));
  const quizAttempts = unionBy(base.quizAttempts, incoming.quizAttempts, (a) => a.id, (a) => a)
    .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt) || a.id.localeCompare(b.id));
  const labRuns = unionBy(base.labRuns, incoming.labRuns, (r) => r.id, (a) => a)
    .sort((a, b) => a.ranAt.localeCompare(b.ranAt) || a.id.localeCompare(b.id));
  const positions = [base.lastPosition, incoming.lastPosition].filter((p) => p !== null);
  const lastPosition = positions.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0] ?? null;
  return { format: "s2s-book-progress", version: 1, exportedAt: now, sections, quizAttempts, bestScores: bestScores(quizAttempts), labRuns, lastPosition };
}

export function emptyProgress(now = new Date().toISOString()): ProgressExport {
  return { format: "s2s-book-progress", version: 1, exportedAt: now, sections: [], quizAttempts: [], bestScores: [], labRuns: [], lastPosition: null };
}
