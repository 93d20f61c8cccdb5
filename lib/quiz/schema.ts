import { z } from "zod";

/**
 * A quiz is written inline in MDX as data: `<Quiz id="…" questions={[…]} />`. Ids are stable (progress is
 * stored against them): lower-case kebab-case, unique per quiz; quiz ids unique across the book.
 */
const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "ids are lower-case letters, digits and -");
const text = z.string().min(1);

const option = z.object({
  id,
  text: text.describe("The option as shown; `inline code` allowed"),
  correct: z.boolean().default(false),
  explain: text.describe("Why this option is right or wrong, shown after submitting"),
}).strict();

const base = { id, prompt: text.describe("The question; `inline code` allowed") };

const single = z.object({ ...base, kind: z.literal("single"), options: z.array(option).min(2).max(8) }).strict()
  .refine((q) => q.options.filter((o) => o.correct).length === 1, { message: "a single-choice question has exactly one correct option", path: ["options"] });
const multiple = z.object({ ...base, kind: z.literal("multiple"), options: z.array(option).min(3).max(8) }).strict()
  .refine((q) => q.options.some((o) => o.correct), { message: "a multiple-choice question needs at least one correct option", path: ["options"] });
const truefalse = z.object({ ...base, kind: z.literal("truefalse"), answer: z.boolean(), explain: text }).strict();
const ordering = z.object({
  ...base,
  kind: z.literal("ordering"),
  items: z.array(z.object({ id, text }).strict()).min(3).max(8).describe("In the correct order; the UI shuffles them"),
  explain: text,
}).strict();
const fill = z.object({
  ...base,
  kind: z.literal("fill"),
  answers: z.array(text).min(1).describe("Accepted answers; matched after normalising case, width and spaces"),
  explain: text,
}).strict();
const predict = z.object({
  ...base,
  kind: z.literal("predict"),
  lab: z.string().regex(/^[a-z0-9][a-z0-9-]*$/).describe("The lab whose scenario the question is about"),
  scenario: text.describe("What is set up in that lab's network before the reader predicts"),
  options: z.array(option).min(2).max(8),
}).strict().refine((q) => q.options.filter((o) => o.correct).length === 1, { message: "a predict question has exactly one correct option", path: ["options"] });

export const questionSchema = z.union([single, multiple, truefalse, ordering, fill, predict]);
export const quizSchema = z.object({
  id,
  title: z.string().min(1).optional(),
  questions: z.array(questionSchema).min(1).max(30),
}).strict().superRefine((quiz, ctx) => {
  const seen = new Set<string>();
  quiz.questions.forEach((q, i) => {
    if (seen.has(q.id)) ctx.addIssue({ code: "custom", path: ["questions", i, "id"], message: `duplicate question id "${q.id}"` });
    seen.add(q.id);
    const inner = "options" in q ? q.options : "items" in q ? q.items : [];
    const innerIds = new Set<string>();
    inner.forEach((o, j) => {
      if (innerIds.has(o.id)) ctx.addIssue({ code: "custom", path: ["questions", i, "options" in q ? "options" : "items", j, "id"], message: `duplicate id "${o.id}"` });
      innerIds.add(o.id);
    });
  });
});

export type Quiz = z.output<typeof quizSchema>;
export type Question = z.output<typeof questionSchema>;
export type QuizProps = z.input<typeof quizSchema>;
