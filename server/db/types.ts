/**
 * Tables of the progress database. Portable types only, so SQLite and PostgreSQL share one code path:
 * times are ISO-8601 text (sortable as strings), booleans are 0/1 integers, structured data is JSON text.
 */
export interface LearnersTable { id: string; created_at: string }
export interface SectionReadsTable { learner_id: string; chapter: string; section: string; read_at: string }
export interface QuizAttemptsTable {
  learner_id: string;
  attempt_id: string;
  quiz_id: string;
  locale: string;
  answers: string;
  score: number;
  max_score: number;
  duration_ms: number | null;
  submitted_at: string;
}
export interface LabRunsTable {
  learner_id: string;
  run_id: string;
  lab_id: string;
  passed: number;
  /** JSON: { objectives: [{ id, passed }], seed } */
  result: string;
  ran_at: string;
  signature: string;
}
export interface LabObjectivesTable { learner_id: string; lab_id: string; objective_id: string; achieved_at: string }
export interface PositionsTable { learner_id: string; chapter: string; section: string | null; locale: string; anchor: string | null; updated_at: string }
export interface MetaTable { key: string; value: string }

export interface Database {
  learners: LearnersTable;
  section_reads: SectionReadsTable;
  quiz_attempts: QuizAttemptsTable;
  lab_runs: LabRunsTable;
  lab_objectives: LabObjectivesTable;
  positions: PositionsTable;
  meta: MetaTable;
}
