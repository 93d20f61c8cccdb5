import { configFromEnv, openDatabase, type DatabaseConfig, type OpenedDatabase } from "@/server/db/open";
import type { LabRunResult } from "@/lib/progress/schema";
import type { LabRun } from "@/lib/progress/types";
import { loadQuizManifest, type QuizManifest } from "@/lib/quiz/manifest";
import { createProgressApi, DEFAULT_LIMITS, type ProgressApi, type ProgressLimits } from "./api";
import { recordLabRunIn } from "./lab-runs";
import { getRegistered, register } from "./registry";
import { ProgressStore } from "./store";

export interface ProgressRuntime {
  database: OpenedDatabase;
  store: ProgressStore;
  manifest: QuizManifest;
  api: ProgressApi;
  secret: string;
  close(): Promise<void>;
}

export function getProgressRuntime(): ProgressRuntime | undefined {
  return getRegistered<ProgressRuntime>();
}

function limitsFromEnv(env: NodeJS.ProcessEnv): Partial<ProgressLimits> {
  const n = (name: string) => (env[name] ? Number(env[name]) : undefined);
  const perMinute = n("PROGRESS_RATE_PER_MIN");
  return {
    ...(perMinute ? { requestsPerMinute: perMinute, burst: Math.max(DEFAULT_LIMITS.burst, Math.ceil(perMinute / 2)) } : {}),
    ...(n("PROGRESS_NEW_LEARNERS_PER_MIN") ? { newLearnersPerMinute: n("PROGRESS_NEW_LEARNERS_PER_MIN") } : {}),
  };
}

export interface StartOptions {
  database?: DatabaseConfig;
  /** Production serves pages from the last build, so it scores against that build's quiz manifest. */
  preferBuiltManifest?: boolean;
  limits?: Partial<ProgressLimits>;
  register?: boolean;
}

/** Opens and migrates the database, loads the quizzes, and makes the API available to the route handler. */
export async function startProgress(options: StartOptions = {}): Promise<ProgressRuntime> {
  const database = await openDatabase(options.database ?? configFromEnv());
  const store = new ProgressStore(database.db);
  const manifest = loadQuizManifest({ preferBuilt: options.preferBuiltManifest ?? false });
  const secret = await store.secret();
  const api = createProgressApi({ store, manifest, secret, limits: { ...limitsFromEnv(process.env), ...options.limits } });
  const runtime: ProgressRuntime = {
    database, store, manifest, api, secret,
    async close() {
      if (getProgressRuntime() === runtime) register(undefined);
      await database.close();
    },
  };
  if (options.register ?? true) register(runtime);
  return runtime;
}

/**
 * For the lab runtime: records a real run's outcome for a learner. Deliberately not an HTTP endpoint —
 * only code on the server that actually ran the lab may say it passed.
 */
export async function recordLabRun(learnerId: string, labId: string, result: LabRunResult): Promise<LabRun> {
  const runtime = getProgressRuntime();
  if (!runtime) throw new Error("recordLabRun: the progress store is not started (server/index.ts starts it)");
  return recordLabRunIn(runtime.store, runtime.secret, learnerId, labId, result);
}
