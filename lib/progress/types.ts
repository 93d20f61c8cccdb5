import type { Answers } from "@/lib/quiz/score";

/** Plain types shared by the server and the browser (no zod here: the browser imports this). */
export interface SectionRead { chapter: string; section: string; readAt: string }
export interface QuizAttempt {
  id: string;
  quizId: string;
  locale: "zh" | "en";
  answers: Answers;
  score: number;
  maxScore: number;
  durationMs: number | null;
  submittedAt: string;
}
export interface LabObjectiveResult { id: string; passed: boolean }
export interface LabRun {
  id: string;
  labId: string;
  passed: boolean;
  objectives: LabObjectiveResult[];
  seed: number | null;
  ranAt: string;
  /** HMAC by the server that recorded the run: an import only accepts runs this deployment signed. */
  signature: string;
}
export interface Position { chapter: string; section: string | null; locale: "zh" | "en"; anchor: string | null; updatedAt: string }
export interface BestScore { quizId: string; score: number; maxScore: number; attempts: number }

/** The export file: every fact, so that an import elsewhere loses nothing. */
export interface ProgressExport {
  format: "s2s-book-progress";
  version: 1;
  exportedAt: string;
  sections: SectionRead[];
  quizAttempts: QuizAttempt[];
  /** Derived from quizAttempts; informational, recomputed on import. */
  bestScores: BestScore[];
  labRuns: LabRun[];
  lastPosition: Position | null;
}

/** What GET /api/progress answers: the facts the UI needs, with best scores and last attempts derived. */
export interface ProgressSummary {
  hasLearner: boolean;
  sections: SectionRead[];
  quizzes: (BestScore & { last: QuizAttempt })[];
  labs: { labId: string; runs: number; completed: boolean; objectivesAchieved: string[] }[];
  lastPosition: Position | null;
}
