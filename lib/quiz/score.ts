import type { Question, Quiz } from "./schema";
import { normalizeFill } from "./normalize";

/**
 * Scoring is a pure function shared by the browser (instant feedback) and the server (the score that is
 * stored). Type-only imports keep zod out of the client bundle.
 *
 * Answer shapes by kind: single/predict → option id; multiple → option ids; truefalse → boolean;
 * ordering → item ids in the reader's order; fill → the text typed.
 */
export type Answer = string | string[] | boolean;
export type Answers = Record<string, Answer | undefined>;

export interface QuestionResult { id: string; answered: boolean; correct: boolean }
export interface QuizScore { score: number; maxScore: number; results: QuestionResult[] }

export const FILL_MAX_CHARS = 200;

const isStringArray = (a: unknown): a is string[] => Array.isArray(a) && a.every((x) => typeof x === "string");

/** Why an answer cannot belong to this question (wrong type, unknown ids), or undefined when it can. */
export function answerProblem(question: Question, answer: Answer | undefined): string | undefined {
  if (answer === undefined) return undefined;
  switch (question.kind) {
    case "single":
    case "predict":
      if (typeof answer !== "string") return "expected an option id";
      return question.options.some((o) => o.id === answer) ? undefined : `unknown option "${answer}"`;
    case "multiple": {
      if (!isStringArray(answer)) return "expected a list of option ids";
      const unknown = answer.find((a) => !question.options.some((o) => o.id === a));
      if (unknown !== undefined) return `unknown option "${unknown}"`;
      return new Set(answer).size === answer.length ? undefined : "an option is listed twice";
    }
    case "truefalse":
      return typeof answer === "boolean" ? undefined : "expected true or false";
    case "ordering": {
      if (!isStringArray(answer)) return "expected the item ids in order";
      const ids = new Set(question.items.map((i) => i.id));
      const complete = answer.length === ids.size && new Set(answer).size === ids.size && answer.every((a) => ids.has(a));
      return complete ? undefined : "expected every item id exactly once";
    }
    case "fill":
      if (typeof answer !== "string") return "expected text";
      return answer.length <= FILL_MAX_CHARS ? undefined : `longer than ${FILL_MAX_CHARS} characters`;
  }
}

/** Whether an answer is right. Missing or malformed answers are simply wrong. */
export function isCorrect(question: Question, answer: Answer | undefined): boolean {
  if (answer === undefined || answerProblem(question, answer)) return false;
  switch (question.kind) {
    case "single":
    case "predict":
      return question.options.find((o) => o.id === answer)?.correct === true;
    case "multiple": {
      const chosen = new Set(answer as string[]);
      return question.options.every((o) => o.correct === chosen.has(o.id));
    }
    case "truefalse":
      return answer === question.answer;
    case "ordering":
      return question.items.every((item, i) => (answer as string[])[i] === item.id);
    case "fill": {
      const given = normalizeFill(answer as string);
      return given.length > 0 && question.answers.some((a) => normalizeFill(a) === given);
    }
  }
}

/** One point per question, all or nothing: partial credit on a self-check hides what was misunderstood. */
export function scoreQuiz(quiz: Pick<Quiz, "questions">, answers: Answers): QuizScore {
  const results = quiz.questions.map((q) => {
    const answer = answers[q.id];
    const answered = answer !== undefined && !(Array.isArray(answer) && answer.length === 0) && !(typeof answer === "string" && answer.trim() === "");
    return { id: q.id, answered, correct: isCorrect(q, answer) };
  });
  return { score: results.filter((r) => r.correct).length, maxScore: quiz.questions.length, results };
}
