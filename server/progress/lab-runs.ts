import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { ALL_CHAPTERS } from "@/content/outline";
import { labRunResult, type LabRunResult } from "@/lib/progress/schema";
import type { LabRun } from "@/lib/progress/types";
import type { ProgressStore } from "./store";

const KNOWN_LABS = new Set(ALL_CHAPTERS.flatMap((c) => c.labs));
export const isKnownLab = (labId: string) => KNOWN_LABS.has(labId);

type Unsigned = Omit<LabRun, "signature">;
const canonical = (run: Unsigned) =>
  JSON.stringify([run.id, run.labId, run.passed, run.ranAt, run.seed, run.objectives.map((o) => [o.id, o.passed])]);

/** Lab runs travel in export files; the signature is how an import knows this server really recorded them. */
export function signLabRun(secret: string, run: Unsigned): string {
  return createHmac("sha256", secret).update(canonical(run)).digest("hex");
}

export function verifyLabRun(secret: string, run: LabRun): boolean {
  const expected = Buffer.from(signLabRun(secret, run), "hex");
  const given = Buffer.from(run.signature, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Records a lab run reported by the lab runtime after it really ran the learner's code. There is no HTTP
 * endpoint for this on purpose: a browser cannot claim a lab passed. A lab counts as completed when the
 * run succeeded and every objective passed; each passed objective is remembered on its own.
 */
export async function recordLabRunIn(store: ProgressStore, secret: string, learnerId: string, labId: string, result: LabRunResult, now = new Date()): Promise<LabRun> {
  if (!isKnownLab(labId)) throw new Error(`recordLabRun: unknown lab "${labId}" (not in content/outline.ts)`);
  const parsed = labRunResult.parse(result);
  const objectives = parsed.objectives.map((o) => ({ id: o.id, passed: o.passed }));
  const unsigned: Unsigned = {
    id: randomUUID(),
    labId,
    passed: parsed.ok && objectives.length > 0 && objectives.every((o) => o.passed),
    objectives,
    seed: parsed.seed ?? null,
    ranAt: now.toISOString(),
  };
  const run: LabRun = { ...unsigned, signature: signLabRun(secret, unsigned) };
  await store.recordLabRun(learnerId, run);
  return run;
}
