import { Migrator, sql, type ColumnDefinitionBuilder, type Kysely, type Migration, type MigrationProvider } from "kysely";

/**
 * Migrations are code, in order, never edited once shipped (add a new one instead). Each one is written
 * with Kysely's schema builder so it runs unchanged on SQLite and PostgreSQL.
 */
const migrations: Record<string, Migration> = {
  "2026-11-21-001-progress": {
    async up(db: Kysely<unknown>) {
      await db.schema.createTable("learners")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      const learner = (c: ColumnDefinitionBuilder) => c.notNull().references("learners.id").onDelete("cascade");
      await db.schema.createTable("section_reads")
        .addColumn("learner_id", "text", learner)
        .addColumn("chapter", "text", (c) => c.notNull())
        .addColumn("section", "text", (c) => c.notNull())
        .addColumn("read_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("section_reads_pk", ["learner_id", "chapter", "section"])
        .execute();
      await db.schema.createTable("quiz_attempts")
        .addColumn("learner_id", "text", learner)
        .addColumn("attempt_id", "text", (c) => c.notNull())
        .addColumn("quiz_id", "text", (c) => c.notNull())
        .addColumn("locale", "text", (c) => c.notNull())
        .addColumn("answers", "text", (c) => c.notNull())
        .addColumn("score", "integer", (c) => c.notNull())
        .addColumn("max_score", "integer", (c) => c.notNull())
        .addColumn("duration_ms", "integer")
        .addColumn("submitted_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("quiz_attempts_pk", ["learner_id", "attempt_id"])
        .execute();
      await db.schema.createIndex("quiz_attempts_by_quiz").on("quiz_attempts").columns(["learner_id", "quiz_id"]).execute();
      await db.schema.createTable("lab_runs")
        .addColumn("learner_id", "text", learner)
        .addColumn("run_id", "text", (c) => c.notNull())
        .addColumn("lab_id", "text", (c) => c.notNull())
        .addColumn("passed", "integer", (c) => c.notNull())
        .addColumn("result", "text", (c) => c.notNull())
        .addColumn("ran_at", "text", (c) => c.notNull())
        .addColumn("signature", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("lab_runs_pk", ["learner_id", "run_id"])
        .execute();
      await db.schema.createTable("lab_objectives")
        .addColumn("learner_id", "text", learner)
        .addColumn("lab_id", "text", (c) => c.notNull())
        .addColumn("objective_id", "text", (c) => c.notNull())
        .addColumn("achieved_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("lab_objectives_pk", ["learner_id", "lab_id", "objective_id"])
        .execute();
      await db.schema.createTable("positions")
        .addColumn("learner_id", "text", (c) => c.primaryKey().references("learners.id").onDelete("cascade"))
        .addColumn("chapter", "text", (c) => c.notNull())
        .addColumn("section", "text")
        .addColumn("locale", "text", (c) => c.notNull())
        .addColumn("anchor", "text")
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createTable("meta")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("value", "text", (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of ["meta", "positions", "lab_objectives", "lab_runs", "quiz_attempts", "section_reads", "learners"]) {
        await sql`drop table if exists ${sql.table(table)}`.execute(db);
      }
    },
  },
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Runs at start-up (server/index.ts) and before tests; safe to run from several processes at once. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error");
    throw new Error(`progress database migration ${failed?.migrationName ?? ""} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
