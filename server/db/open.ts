import { mkdirSync } from "node:fs";
import path from "node:path";
import { Kysely, PostgresDialect, SqliteDialect, sql } from "kysely";
import { migrateToLatest } from "./migrations";
import type { Database } from "./types";

export type DatabaseKind = "sqlite" | "postgres";
export interface OpenedDatabase {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** Where the data lives, for the start-up log (no password). */
  description: string;
  close(): Promise<void>;
}

export interface DatabaseConfig {
  /** PostgreSQL connection string; when absent the embedded SQLite file is used. */
  databaseUrl?: string;
  /** Folder of the SQLite file (created if missing). */
  dataDir?: string;
  /** PostgreSQL schema to use (tests isolate themselves in a schema of their own). */
  pgSchema?: string;
  /** Pool size for PostgreSQL. */
  pgPoolMax?: number;
}

/** DATABASE_URL selects PostgreSQL; otherwise DATA_DIR (default ./data) holds progress.db. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  return { databaseUrl: env.DATABASE_URL || undefined, dataDir: env.DATA_DIR || path.join(process.cwd(), "data") };
}

async function openSqlite(dataDir: string): Promise<OpenedDatabase> {
  // Loaded lazily: a PostgreSQL deployment never needs the native module.
  const { default: BetterSqlite3 } = await import("better-sqlite3");
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "progress.db");
  const sqlite = new BetterSqlite3(file);
  // WAL lets readers run beside the writer; synchronous=FULL fsyncs the WAL at every commit, so a write
  // acknowledged to the browser survives not only kill -9 (NORMAL would) but also a power cut.
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  // A second process on the same file (two app processes, a CLI) waits for the lock instead of failing.
  sqlite.pragma("busy_timeout = 5000");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, kind: "sqlite", description: `SQLite at ${path.relative(process.cwd(), file) || file}`, close: () => db.destroy() };
}

async function openPostgres(url: string, schema: string | undefined, max: number): Promise<OpenedDatabase> {
  const { Pool } = await import("pg");
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid PostgreSQL schema name "${schema}"`);
  const pool = new Pool({ connectionString: url, max, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  if (schema) await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  const where = new URL(url);
  return { db, kind: "postgres", description: `PostgreSQL at ${where.hostname}:${where.port || 5432}${where.pathname}${schema ? ` (schema ${schema})` : ""}`, close: () => db.destroy() };
}

/** Opens the configured database and brings its schema up to date. */
export async function openDatabase(config: DatabaseConfig): Promise<OpenedDatabase> {
  const opened = config.databaseUrl
    ? await openPostgres(config.databaseUrl, config.pgSchema, config.pgPoolMax ?? 10)
    : await openSqlite(config.dataDir ?? path.join(process.cwd(), "data"));
  try {
    await migrateToLatest(opened.db as Kysely<unknown>);
  } catch (error) {
    await opened.close();
    throw error;
  }
  return opened;
}
