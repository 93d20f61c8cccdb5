import { z } from "zod";
import { FILL_MAX_CHARS } from "@/lib/quiz/score";

/** Schemas of every progress payload (server side: the browser never loads zod). */
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "expected a lower-case slug").max(100);
const anchor = z.string().regex(/^[A-Za-z0-9_-][A-Za-z0-9_\-%.]*$/, "expected a heading id").max(120);
const isoTime = z.string().datetime({ offset: true, message: "expected an ISO 8601 date-time" });
const locale = z.enum(["zh", "en"]);
/** Client-generated (crypto.randomUUID) so a retried POST is recorded once. */
export const attemptId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "expected 8–64 characters of [A-Za-z0-9_-]");
const answer = z.union([z.string().max(FILL_MAX_CHARS), z.boolean(), z.array(z.string().max(100)).max(8)]);
const answers = z.record(z.string().max(100), answer).refine((a) => Object.keys(a).length <= 30, "at most 30 answers");

export const attemptBody = z.object({
  quizId: slug,
  locale,
  attemptId,
  answers,
  durationMs: z.number().int().min(0).max(86_400_000).nullable().optional(),
}).strict();
export const sectionBody = z.object({ chapter: slug, section: slug }).strict();
export const positionBody = z.object({ chapter: slug, section: slug.nullable().optional(), locale, anchor: anchor.nullable().optional() }).strict();
export const resetBody = z.object({ confirm: z.literal(true, { message: "send { \"confirm\": true } to erase your progress" }) }).strict();

const MAX_FACTS = 10_000;
export const exportSchema = z.object({
  format: z.literal("s2s-book-progress"),
  version: z.literal(1),
  exportedAt: isoTime,
  sections: z.array(z.object({ chapter: slug, section: slug, readAt: isoTime }).strict()).max(MAX_FACTS),
  quizAttempts: z.array(z.object({
    id: attemptId,
    quizId: slug,
    locale,
    answers,
    score: z.number().int().min(0),
    maxScore: z.number().int().min(0),
    durationMs: z.number().int().min(0).max(86_400_000).nullable(),
    submittedAt: isoTime,
  }).strict()).max(MAX_FACTS),
  bestScores: z.array(z.object({ quizId: slug, score: z.number().int().min(0), maxScore: z.number().int().min(0), attempts: z.number().int().min(0) }).strict()).max(MAX_FACTS),
  labRuns: z.array(z.object({
    id: attemptId,
    labId: slug,
    passed: z.boolean(),
    objectives: z.array(z.object({ id: slug, passed: z.boolean() }).strict()).max(50),
    seed: z.number().int().nullable(),
    ranAt: isoTime,
    signature: z.string().regex(/^[a-f0-9]{64}$/, "expected a hex HMAC-SHA256"),
  }).strict()).max(MAX_FACTS),
  lastPosition: z.object({ chapter: slug, section: slug.nullable(), locale, anchor: anchor.nullable(), updatedAt: isoTime }).strict().nullable(),
}).strict();

/** What the lab runtime reports after a real run (a subset of the POST /api/labs/:id/runs answer). */
export const labRunResult = z.object({
  ok: z.boolean(),
  seed: z.number().int().nullable().optional(),
  objectives: z.array(z.object({ id: slug, passed: z.boolean() }).passthrough()).max(50),
}).passthrough();
export type LabRunResult = z.input<typeof labRunResult>;

/** "answers.hop-cost: unknown option" — the first field named, for a 400. */
export function issuesOf(error: z.ZodError): { field: string; message: string }[] {
  return error.issues.map((i) => ({ field: i.path.length ? i.path.join(".") : "(body)", message: i.message }));
}
