/**
 * The lab format: one `labs/<NN-slug>/lab.ts` exports `defineLab({...})`; starter and solution files
 * sit next to it in `starter/` and `solution/`. Everything except the objective checks is plain data,
 * validated by a strict zod schema whose errors name the file and the field
 * (`labs/01-call-chain/lab.ts: objectives.0.title.en: Invalid input`). Documented in labs/README.md.
 */
import { z } from "zod";
import type { ObjectiveResult } from "../sim/objectives";
import type { Scenario, ScenarioInput } from "../sim/scenario";
import type { SimEvent } from "../sim/events";

const localized = z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict();
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "a lowercase slug like see-latency");

/** Grades a finished (or partial) run: a pure function of the event log. */
export type ObjectiveCheck = (events: readonly SimEvent[], run: { scenario: Scenario }) => ObjectiveResult;

/** Terminal commands a lab can offer, beyond `help`, `status`, `logs`, `trace`, `metrics` (always there). */
export const OPTIONAL_COMMANDS = [
  "curl", "kill", "restart", "pause", "resume", "slow", "latency", "loss", "partition", "heal", "queues", "topics", "broker-down", "broker-up",
] as const;

const topologyNode = z.object({
  id: z.string().min(1),
  kind: z.enum(["client", "service", "instance", "proxy", "broker", "exchange", "queue", "topic", "partition"]),
  label: z.string().min(1),
  parent: z.string().optional(),
  x: z.number().min(0).max(1000).optional(),
  y: z.number().min(0).max(600).optional(),
}).strict();

export const labDefinitionSchema = z.object({
  id: z.string().regex(/^[0-9a-z][a-z0-9-]{0,40}$/).describe("folder name and stable id, e.g. 01-call-chain"),
  chapter: slug.describe("chapter slug from content/outline.ts"),
  section: slug.describe("section slug the lab is embedded in"),
  title: localized,
  description: localized,
  goals: z.array(localized).min(1).max(8),
  files: z.array(z.string().regex(/^[A-Za-z0-9_-]+\.ts$/, "a file name like orders.ts")).min(1).max(12)
    .describe("the learner's files in tab order; starter/ and solution/ hold exactly these"),
  harness: z.array(z.string().regex(/^[A-Za-z0-9_-]+\.ts$/, "a file name like suite.ts")).max(8).default([])
    .describe("lab-owned files in harness/ (e.g. a client suite's services): run with the learner's files, never shown or editable"),
  scenario: z.custom<ScenarioInput>((v) => typeof v === "object" && v !== null, "a server/sim scenario object")
    .describe("topology, workloads and scheduled faults (server/sim format)"),
  objectives: z.array(z.object({
    id: slug,
    title: localized,
    explain: localized.describe("shown when the objective fails: what it checks and why"),
    check: z.custom<ObjectiveCheck>((v) => typeof v === "function", "a function (events, run) => { passed, detail }"),
  }).strict()).min(1).max(10),
  hints: z.array(localized).min(1).max(10).describe("progressive: from a nudge to nearly the answer"),
  commands: z.array(z.enum(OPTIONAL_COMMANDS)).default([]),
  topology: z.object({
    nodes: z.array(topologyNode).min(1),
    edges: z.array(z.object({ from: z.string(), to: z.string() }).strict()),
  }).strict(),
  completion: localized,
  /** Event cap of one run (the scenario's own limits apply too). */
  maxEvents: z.number().int().positive().max(300_000).default(200_000),
}).strict();

export type LabDefinitionInput = z.input<typeof labDefinitionSchema>;
export type LabDefinition = z.output<typeof labDefinitionSchema>;

/** Identity with types: `export default defineLab({ ... })` in labs/<id>/lab.ts. */
export function defineLab(def: LabDefinitionInput): LabDefinitionInput {
  return def;
}

export class LabFormatError extends Error {
  override readonly name = "LabFormatError";
}

/** Parses a definition; errors name the file and every bad field. */
export function parseLabDefinition(def: unknown, file: string): LabDefinition {
  const parsed = labDefinitionSchema.safeParse(def);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new LabFormatError(`${file}: ${issues.join("; ")}`);
  }
  return parsed.data;
}
