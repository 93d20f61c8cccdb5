import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type OpenedDatabase } from "@/server/db/open";
import { TEST_DATABASES } from "@/server/db/test-databases";
import { mergeProgress } from "@/lib/progress/merge";
import type { ProgressExport } from "@/lib/progress/types";
import { createProgressApi, type ProgressLimits } from "./api";
import { recordLabRunIn } from "./lab-runs";
import { ProgressStore } from "./store";
import { PERFECT_ANSWERS, TEST_MANIFEST } from "./test-fixtures";

const BASE = "http://book.test";
let seq = 0;
const attemptId = () => `attempt-${Date.now().toString(36)}-${(seq++).toString().padStart(4, "0")}`;

describe.each(TEST_DATABASES)("progress API on $name", (kind) => {
  let opened: OpenedDatabase;
  let dispose: () => Promise<void>;
  let store: ProgressStore;
  const secret = "a".repeat(64);

  beforeAll(async () => {
    const created = kind.create();
    dispose = created.dispose;
    opened = await openDatabase(created.config);
    store = new ProgressStore(opened.db);
  });
  afterAll(async () => {
    await opened?.close();
    await dispose?.();
  });

  const apiWith = (limits: Partial<ProgressLimits> = {}) => createProgressApi({ store, manifest: TEST_MANIFEST, secret, limits: { requestsPerMinute: 10_000, burst: 10_000, newLearnersPerMinute: 10_000, ...limits } });

  function call(api: ReturnType<typeof apiWith>, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const init: RequestInit = { method, headers: { "x-s2s-client-ip": "10.0.0.1", host: "book.test", ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers } };
    if (body !== undefined) init.body = typeof body === "string" ? body : JSON.stringify(body);
    return api.handle(new Request(`${BASE}/api/progress${path ? `/${path}` : ""}`, init), path ? path.split("/") : []);
  }
  const cookieOf = (res: Response) => (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";

  async function newLearner(api: ReturnType<typeof apiWith>): Promise<string> {
    const res = await call(api, "POST", "sections", { chapter: "ch01-introduction", section: "key-elements" });
    expect(res.status).toBe(200);
    return cookieOf(res);
  }

  it("records a quiz attempt, scoring it on the server, and creates the learner with an httpOnly SameSite=Lax cookie", async () => {
    const api = apiWith();
    const res = await call(api, "POST", "attempts", { quizId: "test-quiz", locale: "zh", attemptId: attemptId(), answers: PERFECT_ANSWERS, durationMs: 4200 });
    expect(res.status).toBe(201);
    const setCookie = res.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^s2s_learner=[A-Za-z0-9_-]{24};/);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");
    expect(await res.json()).toMatchObject({ score: 6, maxScore: 6, recorded: true });
    const summary = await (await call(api, "GET", "", undefined, { cookie: cookieOf(res) })).json();
    expect(summary.quizzes).toEqual([expect.objectContaining({ quizId: "test-quiz", score: 6, maxScore: 6, attempts: 1 })]);
  });

  it("never takes a score from the client, and a retried attempt is recorded once", async () => {
    const api = apiWith();
    const id = attemptId();
    const claimed = await call(api, "POST", "attempts", { quizId: "test-quiz", locale: "zh", attemptId: id, answers: { one: "a" }, score: 6 });
    expect(claimed.status).toBe(400);
    expect((await claimed.json()).field).toBe("(body)");
    const first = await call(api, "POST", "attempts", { quizId: "test-quiz", locale: "zh", attemptId: id, answers: { one: "a" } });
    const cookie = cookieOf(first);
    const again = await call(api, "POST", "attempts", { quizId: "test-quiz", locale: "zh", attemptId: id, answers: { one: "a" } }, { cookie });
    expect(again.status).toBe(200);
    expect((await again.json()).recorded).toBe(false);
    const doc: ProgressExport = await (await call(api, "GET", "export", undefined, { cookie })).json();
    expect(doc.quizAttempts).toHaveLength(1);
    expect(doc.quizAttempts[0]?.score).toBe(0);
  });

  it("answers 400 naming the field for bad input", async () => {
    const api = apiWith();
    const cases: [string, string, unknown, string][] = [
      ["POST", "attempts", { locale: "zh", attemptId: attemptId(), answers: {} }, "quizId"],
      ["POST", "attempts", { quizId: "nope", locale: "zh", attemptId: attemptId(), answers: {} }, "quizId"],
      ["POST", "attempts", { quizId: "test-quiz", locale: "zh", attemptId: attemptId(), answers: { one: "zzz" } }, "answers.one"],
      ["POST", "attempts", { quizId: "test-quiz", locale: "zh", attemptId: attemptId(), answers: { order: ["i1", "i1", "i2"] } }, "answers.order"],
      ["POST", "attempts", { quizId: "test-quiz", locale: "zh", attemptId: attemptId(), answers: { ghost: true } }, "answers.ghost"],
      ["POST", "attempts", { quizId: "test-quiz", locale: "fr", attemptId: attemptId(), answers: {} }, "locale"],
      ["POST", "sections", { chapter: "ch01-introduction", section: "no-such-section" }, "section"],
      ["POST", "sections", { chapter: "ch99-nothing", section: "key-elements" }, "chapter"],
      ["PUT", "position", { chapter: "ch01-introduction", locale: "zh", anchor: "bad anchor!" }, "anchor"],
      ["POST", "reset", { confirm: "yes" }, "confirm"],
      ["POST", "import", { format: "s2s-book-progress", version: 1 }, "exportedAt"],
      ["POST", "sections", "{not json", "(body)"],
    ];
    for (const [method, path, body, field] of cases) {
      const res = await call(api, method, path, body);
      expect(res.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400);
      const answer = await res.json();
      expect(answer.field, `${method} ${path}`).toBe(field);
      expect(answer.message).toContain(field);
    }
    expect((await call(api, "POST", "sections", "x", { "content-type": "text/plain" })).status).toBe(415);
    expect((await call(api, "GET", "nope")).status).toBe(404);
    expect((await call(api, "GET", "attempts")).status).toBe(405);
  });

  it("refuses cross-site writes with 403 and accepts same-origin ones", async () => {
    const api = apiWith();
    const body = { chapter: "ch01-introduction", section: "key-elements" };
    expect((await call(api, "POST", "sections", body, { origin: "https://evil.example" })).status).toBe(403);
    expect((await call(api, "POST", "sections", body, { "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await call(api, "POST", "sections", body, { "sec-fetch-site": "same-site", origin: "http://book.test" })).status).toBe(403);
    expect((await call(api, "POST", "sections", body, { "sec-fetch-site": "same-origin", origin: "http://book.test" })).status).toBe(200);
  });

  it("answers 413 for a body over the limit, declared or streamed", async () => {
    const api = apiWith({ bodyBytes: 1024 });
    const big = { chapter: "ch01-introduction", section: "x".repeat(2000) };
    expect((await call(api, "POST", "sections", big)).status).toBe(413);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 4; i++) controller.enqueue(new TextEncoder().encode(" ".repeat(400)));
        controller.close();
      },
    });
    const req = new Request(`${BASE}/api/progress/sections`, { method: "POST", body: stream, headers: { "content-type": "application/json", host: "book.test" }, duplex: "half" } as RequestInit);
    expect((await api.handle(req, ["sections"])).status).toBe(413);
  });

  it("answers 429 with Retry-After past the per-client rate, and limits new learners per address", async () => {
    const api = apiWith({ requestsPerMinute: 3, burst: 3 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(api, "GET", "", undefined, { "x-s2s-client-ip": "10.9.9.9" })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await call(api, "GET", "", undefined, { "x-s2s-client-ip": "10.9.9.9" });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await call(api, "GET", "", undefined, { "x-s2s-client-ip": "10.9.9.10" })).status).toBe(200);

    const creators = apiWith({ newLearnersPerMinute: 2 });
    const created = [];
    for (let i = 0; i < 3; i++) created.push((await call(creators, "POST", "sections", { chapter: "ch01-introduction", section: "key-elements" }, { "x-s2s-client-ip": "10.8.8.8" })).status);
    expect(created).toEqual([200, 429, 429]);
  });

  it("keeps every write of two tabs writing at once", async () => {
    const api = apiWith();
    const cookie = await newLearner(api);
    const sections = ["microservices-architecture-overview", "importance-and-challenges", "key-elements", "microservices-vs-monolith-communication"];
    const writes = [
      ...sections.map((section) => call(api, "POST", "sections", { chapter: "ch01-introduction", section }, { cookie })),
      ...Array.from({ length: 12 }, () => call(api, "POST", "attempts", { quizId: "test-quiz", locale: "zh", attemptId: attemptId(), answers: PERFECT_ANSWERS }, { cookie })),
    ];
    const statuses = (await Promise.all(writes)).map((r) => r.status);
    expect(statuses.every((s) => s === 200 || s === 201)).toBe(true);
    const doc: ProgressExport = await (await call(api, "GET", "export", undefined, { cookie })).json();
    expect(doc.sections.map((s) => s.section).sort()).toEqual([...sections].sort());
    expect(doc.quizAttempts).toHaveLength(12);
  });

  it("keeps the newest position and records none for a visitor who is not yet a learner", async () => {
    let clock = new Date("2026-11-21T10:00:00.000Z");
    const api = createProgressApi({ store, manifest: TEST_MANIFEST, secret, now: () => clock });
    const anonymous = await call(api, "PUT", "position", { chapter: "ch01-introduction", section: "key-elements", locale: "zh" });
    expect(await anonymous.json()).toEqual({ ok: true, recorded: false });
    expect(anonymous.headers.get("set-cookie")).toBeNull();
    const cookie = await newLearner(api);
    await call(api, "PUT", "position", { chapter: "ch01-introduction", section: "key-elements", locale: "zh", anchor: "timeouts" }, { cookie });
    clock = new Date("2026-11-21T11:00:00.000Z");
    await call(api, "PUT", "position", { chapter: "ch01-introduction", section: "importance-and-challenges", locale: "zh" }, { cookie });
    const summary = await (await call(api, "GET", "", undefined, { cookie })).json();
    expect(summary.lastPosition).toMatchObject({ section: "importance-and-challenges", anchor: null, updatedAt: "2026-11-21T11:00:00.000Z" });
  });

  it("exports, resets and imports back to the same facts; an import merges without loss", async () => {
    const api = apiWith();
    const cookie = await newLearner(api);
    const learnerId = cookie.split("=")[1] as string;
    await call(api, "POST", "attempts", { quizId: "test-quiz", locale: "zh", attemptId: attemptId(), answers: { one: "b" } }, { cookie });
    await call(api, "POST", "attempts", { quizId: "test-quiz", locale: "zh", attemptId: attemptId(), answers: PERFECT_ANSWERS }, { cookie });
    await recordLabRunIn(store, secret, learnerId, "01-call-chain", { ok: true, seed: 7, objectives: [{ id: "see-latency", passed: true }, { id: "fix-n-plus-1", passed: true }] });
    await call(api, "PUT", "position", { chapter: "ch01-introduction", section: "key-elements", locale: "zh" }, { cookie });
    const before: ProgressExport = await (await call(api, "GET", "export", undefined, { cookie })).json();
    expect(before.bestScores).toEqual([{ quizId: "test-quiz", score: 6, maxScore: 6, attempts: 2 }]);
    expect(before.labRuns).toHaveLength(1);

    expect((await call(api, "POST", "reset", { confirm: true }, { cookie })).status).toBe(200);
    const empty = await (await call(api, "GET", "", undefined, { cookie })).json();
    expect(empty).toMatchObject({ sections: [], quizzes: [], labs: [], lastPosition: null });

    const imported = await call(api, "POST", "import", before, { cookie });
    expect(imported.status).toBe(200);
    expect((await imported.json()).skipped).toEqual({ sections: 0, quizAttempts: 0, labRuns: 0 });
    const after: ProgressExport = await (await call(api, "GET", "export", undefined, { cookie })).json();
    expect({ ...after, exportedAt: "" }).toEqual({ ...before, exportedAt: "" });

    // Another device's file: one new section, one attempt already held, one new attempt claiming a score
    // it did not earn, a lab run nobody signed. The merge keeps everything real and nothing forged.
    const other: ProgressExport = {
      ...before,
      sections: [...before.sections, { chapter: "ch01-introduction", section: "importance-and-challenges", readAt: "2026-11-20T08:00:00.000Z" }],
      quizAttempts: [before.quizAttempts[0]!, { id: attemptId(), quizId: "test-quiz", locale: "zh", answers: { one: "a" }, score: 6, maxScore: 6, durationMs: null, submittedAt: "2026-11-20T09:00:00.000Z" }],
      labRuns: [{ ...before.labRuns[0]!, id: "forged-run-0001", signature: "0".repeat(64) }],
      lastPosition: null,
    };
    const merged = await (await call(api, "POST", "import", other, { cookie })).json();
    expect(merged.imported).toEqual({ sections: 1, quizAttempts: 1, labRuns: 0 });
    expect(merged.skipped.labRuns).toBe(1);
    const final: ProgressExport = await (await call(api, "GET", "export", undefined, { cookie })).json();
    const honest = { ...other, quizAttempts: other.quizAttempts.map((a) => (a.answers.one === "a" ? { ...a, score: 0 } : a)), labRuns: [] };
    expect({ ...final, exportedAt: "" }).toEqual({ ...mergeProgress(before, honest), exportedAt: "" });
  });

  it("recordLabRun counts a lab completed only when the run succeeded and every objective passed", async () => {
    const api = apiWith();
    const cookie = await newLearner(api);
    const learnerId = cookie.split("=")[1] as string;
    const half = await recordLabRunIn(store, secret, learnerId, "01-call-chain", { ok: true, objectives: [{ id: "a", passed: true }, { id: "b", passed: false }] });
    expect(half.passed).toBe(false);
    let summary = await (await call(api, "GET", "", undefined, { cookie })).json();
    expect(summary.labs).toEqual([{ labId: "01-call-chain", runs: 1, completed: false, objectivesAchieved: ["a"] }]);
    await recordLabRunIn(store, secret, learnerId, "01-call-chain", { ok: true, objectives: [{ id: "a", passed: true }, { id: "b", passed: true }] });
    summary = await (await call(api, "GET", "", undefined, { cookie })).json();
    expect(summary.labs[0]).toMatchObject({ runs: 2, completed: true, objectivesAchieved: ["a", "b"] });
    await expect(recordLabRunIn(store, secret, learnerId, "no-such-lab", { ok: true, objectives: [] })).rejects.toThrow(/unknown lab/);
  });
});
