import { describe, expect, it } from "vitest";
import { bestScores, emptyProgress, mergeProgress } from "./merge";
import type { ProgressExport, QuizAttempt } from "./types";

const attempt = (id: string, score: number, submittedAt: string, maxScore = 6, quizId = "ch01-quiz"): QuizAttempt =>
  ({ id, quizId, locale: "zh", answers: {}, score, maxScore, durationMs: null, submittedAt });
const doc = (over: Partial<ProgressExport>): ProgressExport => ({ ...emptyProgress("2026-11-21T00:00:00.000Z"), ...over });
const run = (id: string, ranAt: string) => ({ id, labId: "01-call-chain", passed: true, objectives: [{ id: "o", passed: true }], seed: 1, ranAt, signature: "f".repeat(64) });

describe("mergeProgress", () => {
  const a = doc({
    sections: [{ chapter: "ch01-introduction", section: "key-elements", readAt: "2026-11-02T00:00:00.000Z" }],
    quizAttempts: [attempt("att-00000001", 3, "2026-11-02T00:00:00.000Z")],
    labRuns: [run("run-00000001", "2026-11-02T00:00:00.000Z")],
    lastPosition: { chapter: "ch01-introduction", section: "key-elements", locale: "zh", anchor: null, updatedAt: "2026-11-05T00:00:00.000Z" },
  });
  const b = doc({
    sections: [
      { chapter: "ch01-introduction", section: "key-elements", readAt: "2026-11-01T00:00:00.000Z" },
      { chapter: "ch01-introduction", section: "importance-and-challenges", readAt: "2026-11-03T00:00:00.000Z" },
    ],
    quizAttempts: [attempt("att-00000001", 3, "2026-11-02T00:00:00.000Z"), attempt("att-00000002", 5, "2026-11-04T00:00:00.000Z")],
    labRuns: [run("run-00000001", "2026-11-02T00:00:00.000Z"), run("run-00000002", "2026-11-04T00:00:00.000Z")],
    lastPosition: { chapter: "ch01-introduction", section: "importance-and-challenges", locale: "zh", anchor: "consistency", updatedAt: "2026-11-04T00:00:00.000Z" },
  });

  it("takes the union of sections (earliest reading), attempts and runs deduplicated by id", () => {
    const m = mergeProgress(a, b, "now");
    expect(m.sections).toEqual([
      { chapter: "ch01-introduction", section: "importance-and-challenges", readAt: "2026-11-03T00:00:00.000Z" },
      { chapter: "ch01-introduction", section: "key-elements", readAt: "2026-11-01T00:00:00.000Z" },
    ]);
    expect(m.quizAttempts.map((x) => x.id)).toEqual(["att-00000001", "att-00000002"]);
    expect(m.labRuns.map((x) => x.id)).toEqual(["run-00000001", "run-00000002"]);
  });

  it("keeps the newer last position and recomputes best scores", () => {
    const m = mergeProgress(a, b, "now");
    expect(m.lastPosition?.section).toBe("key-elements");
    expect(m.bestScores).toEqual([{ quizId: "ch01-quiz", score: 5, maxScore: 6, attempts: 2 }]);
  });

  it("is idempotent and loses nothing in either direction", () => {
    const ab = mergeProgress(a, b, "now");
    expect(mergeProgress(ab, b, "now")).toEqual(ab);
    expect(mergeProgress(b, a, "now")).toEqual(ab);
    expect(mergeProgress(emptyProgress("now"), ab, "now")).toEqual(ab);
  });

  it("ignores a stale bestScores field in the incoming file", () => {
    const lying = doc({ quizAttempts: [attempt("att-00000009", 1, "2026-11-09T00:00:00.000Z")], bestScores: [{ quizId: "ch01-quiz", score: 6, maxScore: 6, attempts: 1 }] });
    expect(mergeProgress(emptyProgress("now"), lying, "now").bestScores).toEqual([{ quizId: "ch01-quiz", score: 1, maxScore: 6, attempts: 1 }]);
  });
});

describe("bestScores", () => {
  it("compares fractions, so a quiz that grew keeps a fair best", () => {
    const best = bestScores([attempt("a1", 5, "2026-11-01T00:00:00.000Z", 6), attempt("a2", 6, "2026-11-02T00:00:00.000Z", 8)]);
    expect(best).toEqual([{ quizId: "ch01-quiz", score: 5, maxScore: 6, attempts: 2 }]);
  });
  it("is per quiz", () => {
    const best = bestScores([attempt("a1", 2, "t1", 6, "q-a"), attempt("a2", 4, "t2", 6, "q-b")]);
    expect(best.map((b) => b.quizId)).toEqual(["q-a", "q-b"]);
  });
});
