import { quizSchema } from "@/lib/quiz/schema";
import type { QuizManifest } from "@/lib/quiz/manifest";

/** A small quiz of every kind, standing in for the book's quizzes so tests don't depend on content. */
export const TEST_QUIZ = quizSchema.parse({
  id: "test-quiz",
  questions: [
    { id: "one", kind: "single", prompt: "p", options: [{ id: "a", text: "A", explain: "e" }, { id: "b", text: "B", correct: true, explain: "e" }] },
    { id: "many", kind: "multiple", prompt: "p", options: [
      { id: "x", text: "X", correct: true, explain: "e" }, { id: "y", text: "Y", explain: "e" }, { id: "z", text: "Z", correct: true, explain: "e" },
    ] },
    { id: "tf", kind: "truefalse", prompt: "p", answer: true, explain: "e" },
    { id: "order", kind: "ordering", prompt: "p", items: [{ id: "i1", text: "1" }, { id: "i2", text: "2" }, { id: "i3", text: "3" }], explain: "e" },
    { id: "fill", kind: "fill", prompt: "p", answers: ["201"], explain: "e" },
    { id: "guess", kind: "predict", lab: "01-call-chain", scenario: "s", prompt: "p", options: [{ id: "p1", text: "1", correct: true, explain: "e" }, { id: "p2", text: "2", explain: "e" }] },
  ],
});

export const TEST_MANIFEST: QuizManifest = {
  builtAt: "2026-11-21T00:00:00.000Z",
  quizzes: [{ id: "test-quiz", locale: "zh", chapter: "ch01-introduction", section: "microservices-vs-monolith-communication", quiz: TEST_QUIZ }],
};

export const PERFECT_ANSWERS = { one: "b", many: ["z", "x"], tf: true, order: ["i1", "i2", "i3"], fill: " ２０１ ", guess: "p1" };
