/**
 * What the lab HTTP API returns (DESIGN.md "Contracts"), shared by the lab runtime (server) and the lab UI.
 *   GET  /api/labs                → LabSummary[]
 *   GET  /api/labs/:id            → LabDetail (manifest + starter files; never the solution)
 *   GET  /api/labs/:id/solution   → { files: LabFile[] }  (the UI shows it only after a run or a confirmation)
 *   GET  /api/labs/sdk.d.ts       → text/plain: the learner SDK's declarations, for the editor's IntelliSense
 *   POST /api/labs/:id/runs       → RunResult (batch run without a browser)
 */
import type { Locale } from "@/content/outline";
import type { LabError, ObjectiveStatus } from "./protocol";

export type Localized = Record<Locale, string>;

export interface LabSummary {
  id: string;
  /** Chapter slug, e.g. "ch01-introduction". */
  chapter: string;
  /** Section slug the lab is embedded in. */
  section: string;
  title: Localized;
}

export interface LabFile { path: string; source: string }

export type TopologyNodeKind = "client" | "service" | "instance" | "proxy" | "broker" | "exchange" | "queue" | "topic" | "partition";
export interface TopologyNode {
  id: string;
  kind: TopologyNodeKind;
  label: string;
  /** The node this one belongs to (an instance's service, a queue's broker, a partition's topic). */
  parent?: string;
  /** Optional fixed position in a 0–1000 × 0–600 box; otherwise the UI lays the graph out deterministically. */
  x?: number;
  y?: number;
}
export interface TopologyEdge { from: string; to: string }

export interface LabDetail extends LabSummary {
  description: Localized;
  goals: Localized[];
  /** Starter files in tab order; the first one opens first. */
  files: LabFile[];
  objectives: { id: string; title: Localized; explain: Localized }[];
  /** Revealed one at a time. */
  hints: Localized[];
  /** Terminal commands this lab offers, for `help` and tab completion. */
  commands: { usage: string; help: Localized }[];
  /** Service and instance names, for tab completion and fault controls. */
  services: string[];
  instances: string[];
  topology: { nodes: TopologyNode[]; edges: TopologyEdge[] };
  durationMs: number;
  /** What the learner learned, shown when every objective passes. */
  completion: Localized;
}

export interface RunResult {
  ok: boolean;
  seed: number;
  objectives: ObjectiveStatus[];
  stats: { events: number; simTimeMs: number; wallMs: number };
  logs: { timeMs: number; instance: string; level: string; message: string; fields?: Record<string, unknown> }[];
  error?: LabError;
}
