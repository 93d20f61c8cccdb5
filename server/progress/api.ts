import { randomBytes } from "node:crypto";
import type { z } from "zod";
import { findChapter } from "@/content/outline";
import { emptyProgress } from "@/lib/progress/merge";
import { attemptBody, exportSchema, issuesOf, positionBody, resetBody, sectionBody } from "@/lib/progress/schema";
import type { ProgressExport, QuizAttempt } from "@/lib/progress/types";
import { quizIndex, type QuizEntry, type QuizManifest } from "@/lib/quiz/manifest";
import { answerProblem, scoreQuiz, type Answers } from "@/lib/quiz/score";
import { crossSiteReason, errorResponse, HttpError, json, learnerCookie, learnerIdOf, readJson } from "./http";
import { isKnownLab, verifyLabRun } from "./lab-runs";
import { RateLimiter } from "./rate-limit";
import type { ProgressStore } from "./store";

export interface ProgressLimits {
  /** Requests per minute per learner (or per address before a learner exists), with this burst. */
  requestsPerMinute: number;
  burst: number;
  /** New learners per minute per address: bounds how fast one client can fill the database. */
  newLearnersPerMinute: number;
  bodyBytes: number;
  importBytes: number;
}
export const DEFAULT_LIMITS: ProgressLimits = { requestsPerMinute: 120, burst: 60, newLearnersPerMinute: 20, bodyBytes: 16 * 1024, importBytes: 2 * 1024 * 1024 };

export interface ProgressApiOptions {
  store: ProgressStore;
  manifest: QuizManifest;
  secret: string;
  limits?: Partial<ProgressLimits>;
  now?: () => Date;
}

/** Set by server/index.ts from the socket address; any value a client sends is overwritten there. */
export const CLIENT_IP_HEADER = "x-s2s-client-ip";

function parse<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issues = issuesOf(result.error);
  throw new HttpError(400, "bad-request", issues.map((i) => `${i.field}: ${i.message}`).join("; "), { field: issues[0]?.field, issues });
}

const badField = (field: string, message: string) => new HttpError(400, "bad-request", `${field}: ${message}`, { field, issues: [{ field, message }] });

function checkSection(chapter: string, section: string | null | undefined, prefix = ""): void {
  const found = findChapter(chapter);
  if (!found) throw badField(`${prefix}chapter`, `unknown chapter "${chapter}"`);
  if (section && !found.sections.some((s) => s.slug === section)) throw badField(`${prefix}section`, `"${section}" is not a section of ${chapter}`);
}

/** Scores answers against the built quiz: the server never takes a score from the client. */
function scoreAgainst(entry: QuizEntry, answers: Answers): { score: number; maxScore: number; results: ReturnType<typeof scoreQuiz>["results"] } {
  for (const [questionId, answer] of Object.entries(answers)) {
    const question = entry.quiz.questions.find((q) => q.id === questionId);
    if (!question) throw badField(`answers.${questionId}`, `no question "${questionId}" in quiz ${entry.id}`);
    const problem = answerProblem(question, answer);
    if (problem) throw badField(`answers.${questionId}`, problem);
  }
  return scoreQuiz(entry.quiz, answers);
}

export function createProgressApi(options: ProgressApiOptions) {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const now = options.now ?? (() => new Date());
  const quizzes = quizIndex(options.manifest);
  const requests = new RateLimiter(limits.burst, limits.requestsPerMinute);
  const newLearners = new RateLimiter(Math.max(1, Math.ceil(limits.newLearnersPerMinute / 2)), limits.newLearnersPerMinute);
  const { store } = options;

  function limit(limiter: RateLimiter, key: string, what: string) {
    const waitS = limiter.take(key, now().getTime());
    if (waitS > 0) throw new HttpError(429, "too-many-requests", `too many ${what}; try again in ${waitS} s`, { retryAfterS: waitS }, { "retry-after": String(waitS) });
  }

  /** The learner of this request, created (and its cookie set) on the first write. */
  function learnerFor(request: Request, ip: string, create: boolean): { id: string | undefined; setCookie?: string } {
    const existing = learnerIdOf(request);
    if (existing || !create) return { id: existing };
    limit(newLearners, ip, "new learners from this address");
    const id = randomBytes(18).toString("base64url");
    return { id, setCookie: learnerCookie(id, request) };
  }

  async function importDoc(learnerId: string, doc: ProgressExport) {
    const sections = doc.sections.filter((s) => findChapter(s.chapter)?.sections.some((x) => x.slug === s.section));
    const quizAttempts: QuizAttempt[] = [];
    for (const attempt of doc.quizAttempts) {
      const entry = quizzes.get(`${attempt.locale}:${attempt.quizId}`);
      if (!entry) continue;
      try {
        const { score, maxScore } = scoreAgainst(entry, attempt.answers);
        quizAttempts.push({ ...attempt, score, maxScore });
      } catch { /* answers that don't fit the quiz as built: skipped, and counted */ }
    }
    const labRuns = doc.labRuns.filter((r) => isKnownLab(r.labId) && verifyLabRun(options.secret, r));
    const position = doc.lastPosition && findChapter(doc.lastPosition.chapter) ? doc.lastPosition : null;
    const imported = await store.importFacts(learnerId, { sections, quizAttempts, labRuns, lastPosition: position });
    return {
      imported,
      skipped: {
        sections: doc.sections.length - sections.length,
        quizAttempts: doc.quizAttempts.length - quizAttempts.length,
        labRuns: doc.labRuns.length - labRuns.length,
      },
    };
  }

  async function route(request: Request, path: string, ip: string): Promise<Response> {
    const method = request.method.toUpperCase();
    if (method === "GET" && path === "") return json(await store.summary(learnerIdOf(request)));
    if (method === "GET" && path === "export") {
      const learnerId = learnerIdOf(request);
      const doc = learnerId ? await store.exportAll(learnerId, now().toISOString()) : emptyProgress(now().toISOString());
      const day = now().toISOString().slice(0, 10);
      return json(doc, 200, { "content-disposition": `attachment; filename="s2s-book-progress-${day}.json"` });
    }
    const writes: Record<string, string> = { attempts: "POST", sections: "POST", position: "PUT", import: "POST", reset: "POST" };
    if (!(path in writes)) throw new HttpError(404, "not-found", `no progress route /api/progress/${path}`);
    if (writes[path] !== method) throw new HttpError(405, "method-not-allowed", `use ${writes[path]} for /api/progress/${path}`, {}, { allow: writes[path] as string });
    const reason = crossSiteReason(request);
    if (reason) throw new HttpError(403, "cross-site", `cross-site write refused: ${reason}`);

    if (path === "attempts") {
      const body = parse(attemptBody, await readJson(request, limits.bodyBytes));
      const entry = quizzes.get(`${body.locale}:${body.quizId}`);
      if (!entry) throw badField("quizId", `unknown quiz "${body.quizId}" in locale ${body.locale}`);
      const scored = scoreAgainst(entry, body.answers);
      const learner = learnerFor(request, ip, true);
      const attempt: QuizAttempt = {
        id: body.attemptId, quizId: body.quizId, locale: body.locale, answers: body.answers,
        score: scored.score, maxScore: scored.maxScore, durationMs: body.durationMs ?? null, submittedAt: now().toISOString(),
      };
      const recorded = await store.recordAttempt(learner.id as string, attempt);
      return json({ attemptId: attempt.id, recorded, score: scored.score, maxScore: scored.maxScore, results: scored.results }, recorded ? 201 : 200, learner.setCookie ? { "set-cookie": learner.setCookie } : {});
    }
    if (path === "sections") {
      const body = parse(sectionBody, await readJson(request, limits.bodyBytes));
      checkSection(body.chapter, body.section);
      const learner = learnerFor(request, ip, true);
      await store.markSectionRead(learner.id as string, { chapter: body.chapter, section: body.section, readAt: now().toISOString() });
      return json({ ok: true }, 200, learner.setCookie ? { "set-cookie": learner.setCookie } : {});
    }
    if (path === "position") {
      const body = parse(positionBody, await readJson(request, limits.bodyBytes));
      checkSection(body.chapter, body.section);
      // Opening a page does not make a visitor a learner: positions are kept only for existing learners.
      const learner = learnerFor(request, ip, false);
      if (!learner.id) return json({ ok: true, recorded: false });
      await store.setPosition(learner.id, { chapter: body.chapter, section: body.section ?? null, locale: body.locale, anchor: body.anchor ?? null, updatedAt: now().toISOString() });
      return json({ ok: true, recorded: true });
    }
    if (path === "import") {
      const body = parse(exportSchema, await readJson(request, limits.importBytes));
      const learner = learnerFor(request, ip, true);
      const result = await importDoc(learner.id as string, body);
      return json({ ok: true, ...result }, 200, learner.setCookie ? { "set-cookie": learner.setCookie } : {});
    }
    parse(resetBody, await readJson(request, limits.bodyBytes));
    const learnerId = learnerIdOf(request);
    if (learnerId) await store.reset(learnerId);
    return json({ ok: true });
  }

  return {
    limits,
    /** `segments` is the path below /api/progress, e.g. [] or ["attempts"]. */
    async handle(request: Request, segments: readonly string[]): Promise<Response> {
      const ip = request.headers.get(CLIENT_IP_HEADER) ?? "unknown";
      try {
        limit(requests, learnerIdOf(request) ?? `ip:${ip}`, "requests");
        return await route(request, segments.join("/"), ip);
      } catch (error) {
        if (error instanceof HttpError) return errorResponse(error);
        console.error("progress api:", error);
        return json({ error: "internal", message: "the progress store failed; nothing was recorded" }, 500);
      }
    },
  };
}
export type ProgressApi = ReturnType<typeof createProgressApi>;
