import { describe, expect, it } from "vitest";
import { chapterCompletion, overallCompletion } from "./completion";
import type { ProgressSummary } from "./types";

const summary: ProgressSummary = {
  hasLearner: true,
  sections: [{ chapter: "c1", section: "a", readAt: "t" }, { chapter: "c1", section: "gone", readAt: "t" }],
  quizzes: [{ quizId: "q1", score: 3, maxScore: 6, attempts: 1, last: { id: "x", quizId: "q1", locale: "zh", answers: {}, score: 3, maxScore: 6, durationMs: null, submittedAt: "t" } }],
  labs: [{ labId: "l1", runs: 2, completed: true, objectivesAchieved: ["o"] }],
  lastPosition: null,
};

describe("completion", () => {
  it("counts sections, the best quiz fraction and completed labs against what the chapter has", () => {
    const c = chapterCompletion(summary, { slug: "c1", sections: ["a", "b"], quizzes: [{ id: "q1", maxScore: 6 }], labs: ["l1"] });
    expect(c).toMatchObject({ sectionsRead: 1, quizFraction: 0.5, labsDone: 1, total: 4, percent: 63 });
  });
  it("is 0 for an empty chapter and weighs chapters by their size overall", () => {
    expect(chapterCompletion(summary, { slug: "c2", sections: [], quizzes: [], labs: [] }).percent).toBe(0);
    expect(overallCompletion(summary, [{ slug: "c1", sections: ["a"], quizzes: [], labs: [] }, { slug: "c2", sections: ["x", "y", "z"], quizzes: [], labs: [] }])).toBe(25);
  });
});
