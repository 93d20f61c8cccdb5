import { describe, expect, it } from "vitest";
import { normalizeFill } from "./normalize";
import { quizSchema, type Quiz } from "./schema";
import { answerProblem, isCorrect, scoreQuiz } from "./score";
import { deterministicShuffle } from "./shuffle";

const quiz: Quiz = quizSchema.parse({
  id: "test-quiz",
  questions: [
    { id: "one", kind: "single", prompt: "p", options: [
      { id: "a", text: "A", explain: "no" }, { id: "b", text: "B", correct: true, explain: "yes" },
    ] },
    { id: "many", kind: "multiple", prompt: "p", options: [
      { id: "get", text: "GET", correct: true, explain: "safe" }, { id: "post", text: "POST", explain: "unsafe" },
      { id: "head", text: "HEAD", correct: true, explain: "safe" },
    ] },
    { id: "tf", kind: "truefalse", prompt: "p", answer: false, explain: "because" },
    { id: "order", kind: "ordering", prompt: "p", items: [{ id: "dns", text: "DNS" }, { id: "tcp", text: "TCP" }, { id: "send", text: "send" }], explain: "e" },
    { id: "fill", kind: "fill", prompt: "p", answers: ["201", "201 Created"], explain: "e" },
    { id: "guess", kind: "predict", lab: "01-call-chain", scenario: "s", prompt: "p", options: [
      { id: "hang", text: "hangs", correct: true, explain: "yes" }, { id: "fast", text: "fails fast", explain: "no" },
    ] },
  ],
});
const q = (id: string) => quiz.questions.find((x) => x.id === id)!;

describe("scoring by question kind", () => {
  it("single choice: only the correct option", () => {
    expect(isCorrect(q("one"), "b")).toBe(true);
    expect(isCorrect(q("one"), "a")).toBe(false);
    expect(isCorrect(q("one"), undefined)).toBe(false);
  });
  it("multiple choice: exactly the set of correct options, in any order", () => {
    expect(isCorrect(q("many"), ["head", "get"])).toBe(true);
    expect(isCorrect(q("many"), ["get"])).toBe(false);
    expect(isCorrect(q("many"), ["get", "head", "post"])).toBe(false);
    expect(isCorrect(q("many"), [])).toBe(false);
  });
  it("true/false compares booleans", () => {
    expect(isCorrect(q("tf"), false)).toBe(true);
    expect(isCorrect(q("tf"), true)).toBe(false);
    expect(isCorrect(q("tf"), "false")).toBe(false);
  });
  it("ordering: the exact sequence", () => {
    expect(isCorrect(q("order"), ["dns", "tcp", "send"])).toBe(true);
    expect(isCorrect(q("order"), ["tcp", "dns", "send"])).toBe(false);
    expect(isCorrect(q("order"), ["dns", "tcp"])).toBe(false);
  });
  it("fill: normalised with NFKC, case and spaces", () => {
    expect(isCorrect(q("fill"), "201")).toBe(true);
    expect(isCorrect(q("fill"), "２０１")).toBe(true);
    expect(isCorrect(q("fill"), " 201  CREATED ")).toBe(true);
    expect(isCorrect(q("fill"), "201created")).toBe(true);
    expect(isCorrect(q("fill"), "200")).toBe(false);
    expect(isCorrect(q("fill"), "  ")).toBe(false);
    expect(normalizeFill("ＨＴＴＰ 超时")).toBe("http超时");
  });
  it("predict: the one correct option", () => {
    expect(isCorrect(q("guess"), "hang")).toBe(true);
    expect(isCorrect(q("guess"), "fast")).toBe(false);
  });
});

describe("answer shapes", () => {
  it("names what is wrong with a malformed answer", () => {
    expect(answerProblem(q("one"), "zzz")).toContain("unknown option");
    expect(answerProblem(q("one"), ["b"])).toContain("option id");
    expect(answerProblem(q("many"), ["get", "get"])).toContain("twice");
    expect(answerProblem(q("tf"), "yes")).toContain("true or false");
    expect(answerProblem(q("order"), ["dns", "dns", "send"])).toContain("exactly once");
    expect(answerProblem(q("fill"), "x".repeat(201))).toContain("200");
    expect(answerProblem(q("guess"), "hang")).toBeUndefined();
  });
});

describe("scoreQuiz", () => {
  it("counts one point per correct question and reports unanswered ones", () => {
    const result = scoreQuiz(quiz, { one: "b", many: ["get", "head"], tf: true, order: ["dns", "tcp", "send"], fill: "" });
    expect(result.score).toBe(3);
    expect(result.maxScore).toBe(6);
    expect(result.results.find((r) => r.id === "fill")).toEqual({ id: "fill", answered: false, correct: false });
    expect(result.results.find((r) => r.id === "guess")?.answered).toBe(false);
  });
  it("a perfect attempt scores the maximum", () => {
    const all = { one: "b", many: ["get", "head"], tf: false, order: ["dns", "tcp", "send"], fill: "201", guess: "hang" };
    expect(scoreQuiz(quiz, all).score).toBe(6);
  });
});

describe("deterministic shuffle", () => {
  it("is stable per seed and never the identity", () => {
    const items = ["a", "b", "c", "d"];
    expect(deterministicShuffle(items, "order")).toEqual(deterministicShuffle(items, "order"));
    for (const seed of ["x", "y", "z", "order", "call-order"]) {
      const out = deterministicShuffle(items, seed);
      expect([...out].sort()).toEqual(items);
      expect(out).not.toEqual(items);
    }
    expect(deterministicShuffle(["a", "b"], "s")).toEqual(["b", "a"]);
  });
});
