import type { ProgressSummary } from "./types";

/**
 * Browser side of the progress API. Every component on a page (sidebar marks, quiz, reading tracker,
 * landing rings) shares one GET per page load; writes refresh it.
 */
let pending: Promise<ProgressSummary> | undefined;
const listeners = new Set<(summary: ProgressSummary) => void>();

/**
 * Writes from one page go out one at a time: the first write creates the learner and sets its cookie, and
 * a second write sent before that answer arrived would carry no cookie and create a second learner.
 */
let writes: Promise<unknown> = Promise.resolve();

function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  if (method === "GET") return send<T>(method, path, body);
  const next = writes.then(() => send<T>(method, path, body));
  writes = next.catch(() => undefined);
  return next;
}

async function send<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`/api/progress${path}`, {
    method,
    credentials: "same-origin",
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    keepalive: method === "PUT",
  });
  const data = (await res.json().catch(() => ({}))) as T & { message?: string };
  if (!res.ok) throw new Error(data.message ?? `HTTP ${res.status}`);
  return data;
}

export function loadProgress(force = false): Promise<ProgressSummary> {
  if (!pending || force) {
    pending = request<ProgressSummary>("GET", "");
    pending.then((s) => listeners.forEach((l) => l(s)), () => { pending = undefined; });
  }
  return pending;
}

/** Calls back with the summary now (once loaded) and after every refresh; returns the unsubscribe. */
export function subscribeProgress(listener: (summary: ProgressSummary) => void): () => void {
  listeners.add(listener);
  loadProgress().then(listener, () => undefined);
  return () => listeners.delete(listener);
}

export interface AttemptAnswer { attemptId: string; recorded: boolean; score: number; maxScore: number }

export const progressApi = {
  submitAttempt: (body: { quizId: string; locale: string; attemptId: string; answers: unknown; durationMs: number }) =>
    request<AttemptAnswer>("POST", "/attempts", body).finally(() => void loadProgress(true).catch(() => undefined)),
  markRead: (chapter: string, section: string) =>
    request<{ ok: true }>("POST", "/sections", { chapter, section }).finally(() => void loadProgress(true).catch(() => undefined)),
  setPosition: (body: { chapter: string; section: string | null; locale: string; anchor: string | null }) => request<{ ok: true }>("PUT", "/position", body),
  importFile: (doc: unknown) => request<{ imported: { sections: number; quizAttempts: number; labRuns: number }; skipped: { sections: number; quizAttempts: number; labRuns: number } }>("POST", "/import", doc),
  reset: () => request<{ ok: true }>("POST", "/reset", { confirm: true }),
};

/** An id for a quiz attempt, made once per submit so a retried POST is recorded once. */
export function newAttemptId(): string {
  return typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}
