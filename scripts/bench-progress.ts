/**
 * `npm run bench:progress`: the progress API under 50 concurrent learners on the embedded database
 * (SQLite, WAL, synchronous=FULL). Starts the production server on a temporary DATA_DIR, lets every
 * learner write as fast as it is answered for a bounded time, and prints writes/s, latency percentiles
 * and the server's RSS; then the same writes straight into the store, without HTTP, for comparison.
 */
import { execSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase } from "@/server/db/open";
import { ProgressStore } from "@/server/progress/store";
import { QUIZ_MANIFEST_FILE, type QuizManifest } from "@/lib/quiz/manifest";

const PORT = Number(process.env.BENCH_PORT ?? 3210);
const BASE = `http://localhost:${PORT}`;
const LEARNERS = 50;
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 10) * 1000;
const MAX_WRITES_PER_LEARNER = 2000;
const SECTIONS = ["microservices-architecture-overview", "importance-and-challenges", "key-elements", "microservices-vs-monolith-communication"];

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
const ms = (n: number) => `${n.toFixed(2)} ms`;
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

function rssKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

function report(label: string, latencies: number[], wallMs: number, errors: number) {
  const sorted = [...latencies].sort((a, b) => a - b);
  console.log(`${label}: ${sorted.length} writes in ${(wallMs / 1000).toFixed(1)} s = ${Math.round(sorted.length / (wallMs / 1000))} writes/s; latency p50 ${ms(percentile(sorted, 0.5))}, p95 ${ms(percentile(sorted, 0.95))}, p99 ${ms(percentile(sorted, 0.99))}, max ${ms(sorted.at(-1) ?? NaN)}; errors ${errors}`);
}

/** One learner's next write: mostly quiz attempts, with sections read and positions in between. */
function nextWrite(i: number, quiz: QuizManifest["quizzes"][number] | undefined, learner: number): { method: string; path: string; body: unknown } {
  const kind = i % 4;
  if (kind === 0 || kind === 1) {
    if (quiz) return { method: "POST", path: "attempts", body: { quizId: quiz.id, locale: quiz.locale, attemptId: `bench-${learner}-${i}-${Date.now().toString(36)}`, answers: {}, durationMs: 1000 } };
  }
  if (kind === 2) return { method: "POST", path: "sections", body: { chapter: "ch01-introduction", section: SECTIONS[i % SECTIONS.length] } };
  return { method: "PUT", path: "position", body: { chapter: "ch01-introduction", section: SECTIONS[i % SECTIONS.length], locale: "zh", anchor: null } };
}

async function benchHttp() {
  if (!existsSync(".next/BUILD_ID")) execSync("npm run build", { stdio: "inherit" });
  const manifest: QuizManifest | undefined = existsSync(QUIZ_MANIFEST_FILE) ? JSON.parse(readFileSync(QUIZ_MANIFEST_FILE, "utf8")) : undefined;
  const quiz = manifest?.quizzes[0];
  const dataDir = mkdtempSync(path.join(tmpdir(), "s2s-bench-progress-"));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(PORT), DATA_DIR: dataDir, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", PROGRESS_RATE_PER_MIN: "10000000", PROGRESS_NEW_LEARNERS_PER_MIN: "10000000" };
  delete env.DATABASE_URL;
  const server = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], { env, stdio: ["ignore", "ignore", "inherit"] });
  try {
    for (let i = 0; ; i++) {
      try { if ((await fetch(`${BASE}/api/health`)).ok) break; } catch { /* starting */ }
      if (i > 600) throw new Error("server did not start");
      await new Promise((r) => setTimeout(r, 100));
    }
    const rssIdleKb = rssKb(server.pid as number);
    let rssPeakKb = rssIdleKb;
    const sampler = setInterval(() => { rssPeakKb = Math.max(rssPeakKb, rssKb(server.pid as number)); }, 200);
    const latencies: number[] = [];
    let errors = 0;
    const started = performance.now();
    await Promise.all(Array.from({ length: LEARNERS }, async (_, learner) => {
      let cookie = "";
      for (let i = 0; i < MAX_WRITES_PER_LEARNER && performance.now() - started < DURATION_MS; i++) {
        const write = cookie ? nextWrite(i, quiz, learner) : { method: "POST", path: "sections", body: { chapter: "ch01-introduction", section: SECTIONS[0] } };
        const t0 = performance.now();
        const res = await fetch(`${BASE}/api/progress/${write.path}`, { method: write.method, headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) }, body: JSON.stringify(write.body) });
        await res.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (!res.ok) errors++;
        cookie ||= (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
      }
    }));
    const wallMs = performance.now() - started;
    clearInterval(sampler);
    console.log(`progress API, ${LEARNERS} concurrent learners, embedded SQLite (WAL, synchronous=FULL), ${(DURATION_MS / 1000).toFixed(0)} s${quiz ? "" : " (no quiz built: sections and positions only)"}`);
    report("  over HTTP", latencies, wallMs, errors);
    console.log(`  server RSS: ${mb(rssIdleKb)} idle, ${mb(rssPeakKb)} peak under load`);
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The same mix straight into the store: what the database itself sustains, without HTTP and Next. */
async function benchStore() {
  const dataDir = mkdtempSync(path.join(tmpdir(), "s2s-bench-store-"));
  const opened = await openDatabase({ dataDir });
  const store = new ProgressStore(opened.db);
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(Array.from({ length: LEARNERS }, async (_, learner) => {
    const id = `bench-learner-${String(learner).padStart(16, "0")}`;
    for (let i = 0; i < MAX_WRITES_PER_LEARNER && performance.now() - started < DURATION_MS / 2; i++) {
      const t0 = performance.now();
      const now = new Date().toISOString();
      if (i % 2 === 0) await store.recordAttempt(id, { id: `a-${learner}-${i}`, quizId: "ch01-quiz", locale: "zh", answers: {}, score: 0, maxScore: 9, durationMs: 1, submittedAt: now });
      else await store.setPosition(id, { chapter: "ch01-introduction", section: SECTIONS[i % 4] as string, locale: "zh", anchor: null, updatedAt: now });
      latencies.push(performance.now() - t0);
    }
  }));
  const wallMs = performance.now() - started;
  await opened.close();
  rmSync(dataDir, { recursive: true, force: true });
  report("  store only (no HTTP)", latencies, wallMs, 0);
}

async function main() {
  await benchHttp();
  await benchStore();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
