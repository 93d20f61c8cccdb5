import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { Pool } from "pg";
import type { DatabaseConfig } from "./open";

/**
 * The databases every storage test runs against: SQLite always, PostgreSQL at TEST_DATABASE_URL.
 * In CI (CI=true) a missing PostgreSQL is an error, not a skip: .ci/run starts one and exports the URL.
 */
export interface TestDatabase {
  name: "sqlite" | "postgres";
  /** A fresh, empty database (a temp folder or a new schema) and how to throw it away. */
  create(): { config: DatabaseConfig; dispose(): Promise<void> };
}

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;

if (!TEST_DATABASE_URL && process.env.CI === "true") {
  throw new Error("TEST_DATABASE_URL is not set: CI must run the storage tests against PostgreSQL too (.ci/run starts one)");
}

const sqlite: TestDatabase = {
  name: "sqlite",
  create() {
    const dataDir = mkdtempSync(path.join(tmpdir(), "s2s-progress-"));
    return { config: { dataDir }, dispose: async () => rmSync(dataDir, { recursive: true, force: true }) };
  },
};

const postgres = (url: string): TestDatabase => ({
  name: "postgres",
  create() {
    const schema = `test_${randomBytes(6).toString("hex")}`;
    return {
      config: { databaseUrl: url, pgSchema: schema, pgPoolMax: 4 },
      async dispose() {
        const pool = new Pool({ connectionString: url, max: 1 });
        try { await pool.query(`drop schema if exists ${schema} cascade`); } finally { await pool.end(); }
      },
    };
  },
});

export const TEST_DATABASES: TestDatabase[] = TEST_DATABASE_URL ? [sqlite, postgres(TEST_DATABASE_URL)] : [sqlite];
if (!TEST_DATABASE_URL) console.warn("storage tests: TEST_DATABASE_URL not set, PostgreSQL skipped (allowed only outside CI)");
