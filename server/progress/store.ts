import { randomBytes } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { Database } from "@/server/db/types";
import { bestScores } from "@/lib/progress/merge";
import type { LabRun, Position, ProgressExport, ProgressSummary, QuizAttempt, SectionRead } from "@/lib/progress/types";

type Db = Kysely<Database> | Transaction<Database>;
const CHUNK_ROWS = 200;

/**
 * Every write is an insert or an upsert of one fact, never a read-modify-write of a document: two tabs
 * (or two app processes) writing at once both land. Re-sending a fact is a no-op (primary keys).
 */
export class ProgressStore {
  constructor(readonly db: Kysely<Database>) {}

  private async ensureLearner(db: Db, learnerId: string, now: string) {
    await db.insertInto("learners").values({ id: learnerId, created_at: now }).onConflict((oc) => oc.column("id").doNothing()).execute();
  }

  async learnerExists(learnerId: string): Promise<boolean> {
    return !!(await this.db.selectFrom("learners").select("id").where("id", "=", learnerId).executeTakeFirst());
  }

  async markSectionRead(learnerId: string, read: SectionRead): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await this.ensureLearner(trx, learnerId, read.readAt);
      await this.insertSections(trx, learnerId, [read]);
    });
  }

  /** Returns false when this attempt id was already recorded (a retried request). */
  async recordAttempt(learnerId: string, attempt: QuizAttempt): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      await this.ensureLearner(trx, learnerId, attempt.submittedAt);
      return (await this.insertAttempts(trx, learnerId, [attempt])) === 1;
    });
  }

  async setPosition(learnerId: string, position: Position): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await this.ensureLearner(trx, learnerId, position.updatedAt);
      await this.upsertPosition(trx, learnerId, position);
    });
  }

  async recordLabRun(learnerId: string, run: LabRun): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await this.ensureLearner(trx, learnerId, run.ranAt);
      await this.insertLabRuns(trx, learnerId, [run]);
    });
  }

  /** Adds every fact of an (already verified) export; what is already there stays as it is. */
  async importFacts(learnerId: string, doc: Pick<ProgressExport, "sections" | "quizAttempts" | "labRuns" | "lastPosition">) {
    return this.db.transaction().execute(async (trx) => {
      await this.ensureLearner(trx, learnerId, new Date().toISOString());
      const sections = await this.insertSections(trx, learnerId, doc.sections);
      const quizAttempts = await this.insertAttempts(trx, learnerId, doc.quizAttempts);
      const labRuns = await this.insertLabRuns(trx, learnerId, doc.labRuns);
      if (doc.lastPosition) await this.upsertPosition(trx, learnerId, doc.lastPosition);
      return { sections, quizAttempts, labRuns };
    });
  }

  async reset(learnerId: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (const table of ["section_reads", "quiz_attempts", "lab_runs", "lab_objectives", "positions"] as const) {
        await trx.deleteFrom(table).where("learner_id", "=", learnerId).execute();
      }
    });
  }

  private async insertSections(db: Db, learnerId: string, reads: readonly SectionRead[]): Promise<number> {
    let inserted = 0;
    for (let i = 0; i < reads.length; i += CHUNK_ROWS) {
      const rows = reads.slice(i, i + CHUNK_ROWS).map((r) => ({ learner_id: learnerId, chapter: r.chapter, section: r.section, read_at: r.readAt }));
      const result = await db.insertInto("section_reads").values(rows)
        .onConflict((oc) => oc.columns(["learner_id", "chapter", "section"]).doNothing()).executeTakeFirst();
      inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
    return inserted;
  }

  private async insertAttempts(db: Db, learnerId: string, attempts: readonly QuizAttempt[]): Promise<number> {
    let inserted = 0;
    for (let i = 0; i < attempts.length; i += CHUNK_ROWS) {
      const rows = attempts.slice(i, i + CHUNK_ROWS).map((a) => ({
        learner_id: learnerId, attempt_id: a.id, quiz_id: a.quizId, locale: a.locale, answers: JSON.stringify(a.answers),
        score: a.score, max_score: a.maxScore, duration_ms: a.durationMs, submitted_at: a.submittedAt,
      }));
      const result = await db.insertInto("quiz_attempts").values(rows)
        .onConflict((oc) => oc.columns(["learner_id", "attempt_id"]).doNothing()).executeTakeFirst();
      inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
    return inserted;
  }

  private async insertLabRuns(db: Db, learnerId: string, runs: readonly LabRun[]): Promise<number> {
    let inserted = 0;
    for (const run of runs) {
      const result = await db.insertInto("lab_runs").values({
        learner_id: learnerId, run_id: run.id, lab_id: run.labId, passed: run.passed ? 1 : 0,
        result: JSON.stringify({ objectives: run.objectives, seed: run.seed }), ran_at: run.ranAt, signature: run.signature,
      }).onConflict((oc) => oc.columns(["learner_id", "run_id"]).doNothing()).executeTakeFirst();
      inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
      const achieved = run.objectives.filter((o) => o.passed);
      if (achieved.length) {
        await db.insertInto("lab_objectives")
          .values(achieved.map((o) => ({ learner_id: learnerId, lab_id: run.labId, objective_id: o.id, achieved_at: run.ranAt })))
          .onConflict((oc) => oc.columns(["learner_id", "lab_id", "objective_id"]).doNothing()).execute();
      }
    }
    return inserted;
  }

  /** Last write wins by time, atomically in the upsert: an older position (a stale tab, an old export) never replaces a newer one. */
  private async upsertPosition(db: Db, learnerId: string, p: Position) {
    await db.insertInto("positions")
      .values({ learner_id: learnerId, chapter: p.chapter, section: p.section, locale: p.locale, anchor: p.anchor, updated_at: p.updatedAt })
      .onConflict((oc) => oc.column("learner_id").doUpdateSet((eb) => ({
        chapter: eb.ref("excluded.chapter"), section: eb.ref("excluded.section"), locale: eb.ref("excluded.locale"),
        anchor: eb.ref("excluded.anchor"), updated_at: eb.ref("excluded.updated_at"),
      })).whereRef("positions.updated_at", "<=", "excluded.updated_at"))
      .execute();
  }

  /** Every fact of a learner, in a stable order. */
  async exportAll(learnerId: string, now = new Date().toISOString()): Promise<ProgressExport> {
    const [sections, attempts, runs, position] = await Promise.all([
      this.db.selectFrom("section_reads").selectAll().where("learner_id", "=", learnerId).orderBy("chapter").orderBy("section").execute(),
      this.db.selectFrom("quiz_attempts").selectAll().where("learner_id", "=", learnerId).orderBy("submitted_at").orderBy("attempt_id").execute(),
      this.db.selectFrom("lab_runs").selectAll().where("learner_id", "=", learnerId).orderBy("ran_at").orderBy("run_id").execute(),
      this.db.selectFrom("positions").selectAll().where("learner_id", "=", learnerId).executeTakeFirst(),
    ]);
    const quizAttempts: QuizAttempt[] = attempts.map((a) => ({
      id: a.attempt_id, quizId: a.quiz_id, locale: a.locale as QuizAttempt["locale"], answers: JSON.parse(a.answers) as QuizAttempt["answers"],
      score: Number(a.score), maxScore: Number(a.max_score), durationMs: a.duration_ms === null ? null : Number(a.duration_ms), submittedAt: a.submitted_at,
    }));
    const labRuns: LabRun[] = runs.map((r) => {
      const result = JSON.parse(r.result) as Pick<LabRun, "objectives" | "seed">;
      return { id: r.run_id, labId: r.lab_id, passed: Number(r.passed) === 1, objectives: result.objectives, seed: result.seed, ranAt: r.ran_at, signature: r.signature };
    });
    return {
      format: "s2s-book-progress", version: 1, exportedAt: now,
      sections: sections.map((s) => ({ chapter: s.chapter, section: s.section, readAt: s.read_at })),
      quizAttempts, bestScores: bestScores(quizAttempts), labRuns,
      lastPosition: position ? { chapter: position.chapter, section: position.section, locale: position.locale as Position["locale"], anchor: position.anchor, updatedAt: position.updated_at } : null,
    };
  }

  async summary(learnerId: string | undefined): Promise<ProgressSummary> {
    if (!learnerId || !(await this.learnerExists(learnerId))) return { hasLearner: false, sections: [], quizzes: [], labs: [], lastPosition: null };
    const doc = await this.exportAll(learnerId);
    const objectives = await this.db.selectFrom("lab_objectives").select(["lab_id", "objective_id"]).where("learner_id", "=", learnerId).execute();
    const quizzes = doc.bestScores.map((best) => ({ ...best, last: doc.quizAttempts.filter((a) => a.quizId === best.quizId).at(-1) as QuizAttempt }));
    const labIds = [...new Set(doc.labRuns.map((r) => r.labId))].sort();
    const labs = labIds.map((labId) => ({
      labId,
      runs: doc.labRuns.filter((r) => r.labId === labId).length,
      completed: doc.labRuns.some((r) => r.labId === labId && r.passed),
      objectivesAchieved: objectives.filter((o) => o.lab_id === labId).map((o) => o.objective_id).sort(),
    }));
    return { hasLearner: true, sections: doc.sections, quizzes, labs, lastPosition: doc.lastPosition };
  }

  /** A per-deployment secret (shared by every app process through the database) for signing lab runs. */
  async secret(): Promise<string> {
    await this.db.insertInto("meta").values({ key: "lab-run-hmac-key", value: randomBytes(32).toString("hex") })
      .onConflict((oc) => oc.column("key").doNothing()).execute();
    const row = await this.db.selectFrom("meta").select("value").where("key", "=", "lab-run-hmac-key").executeTakeFirstOrThrow();
    return row.value;
  }
}
