/**
 * Every lab of the book, parsed once: definitions come from labs/index.ts (typed code), the learner's
 * files from labs/<id>/starter and labs/<id>/solution on disk. Runs in the main process (the HTTP API,
 * sessions) and in sandbox workers (scenario and objectives), so it only uses relative imports.
 */
import { readFileSync } from "node:fs";
import { LAB_DEFINITIONS } from "../../labs/index";
import type { LabDetail, LabFile, LabSummary } from "../../lib/lab/api-types";
import { parseScenario, ScenarioError, type Scenario } from "../sim/scenario";
import { LabFormatError, parseLabDefinition, type LabDefinition } from "./define";
import { commandCatalog } from "./commands";

export interface Lab {
  def: LabDefinition;
  scenario: Scenario;
  services: string[];
  instances: string[];
  brokers: string[];
}

let labs: Map<string, Lab> | null = null;

/** Parses one definition (exported for tests, which build throwaway labs). */
export function makeLab(raw: unknown): Lab {
  const id = (raw as { id?: unknown } | null)?.id;
  const file = `labs/${typeof id === "string" ? id : "?"}/lab.ts`;
  const def = parseLabDefinition(raw, file);
  let scenario: Scenario;
  try {
    scenario = parseScenario(def.scenario);
  } catch (error) {
    if (error instanceof ScenarioError) throw new LabFormatError(`${file}: scenario: ${error.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
    throw error;
  }
  const services = scenario.services.map((s) => s.name);
  const instances = scenario.services.flatMap((s) => Array.from({ length: s.instances }, (_, i) => `${s.name}-${i + 1}`));
  return { def, scenario, services, instances, brokers: scenario.brokers.map((b) => b.name) };
}

function load(): Map<string, Lab> {
  const out = new Map<string, Lab>();
  for (const raw of LAB_DEFINITIONS) {
    const lab = makeLab(raw);
    if (out.has(lab.def.id)) throw new LabFormatError(`labs/${lab.def.id}/lab.ts: id: duplicate lab id "${lab.def.id}"`);
    out.set(lab.def.id, lab);
  }
  return out;
}

export function allLabs(): Lab[] {
  labs ??= load();
  return [...labs.values()];
}

export function getLab(id: string): Lab | undefined {
  labs ??= load();
  return labs.get(id);
}

/** Folder of one lab on disk. */
export function labDir(id: string): URL {
  return new URL(`../../labs/${id}/`, import.meta.url);
}

const fileCache = new Map<string, LabFile[]>();

/** The starter or solution files of a lab, in the definition's tab order, or its lab-owned harness files. */
export function labFiles(lab: Lab, kind: "starter" | "solution" | "harness"): LabFile[] {
  const key = `${lab.def.id}/${kind}`;
  let files = fileCache.get(key);
  if (!files) {
    const names = kind === "harness" ? lab.def.harness : lab.def.files;
    files = names.map((path) => ({ path, source: readFileSync(new URL(`${kind}/${path}`, labDir(lab.def.id)), "utf8") }));
    fileCache.set(key, files);
  }
  return files;
}

/**
 * What one run compiles: the learner's files over the starter, plus the lab's harness. Harness files win
 * over a learner file of the same name and are entries first, so their `createService` calls claim
 * their services before learner code can.
 */
export function runSources(lab: Lab, learnerFiles: Record<string, string>): { files: Record<string, string>; entries: string[] } {
  const files = { ...filesRecord(labFiles(lab, "starter")), ...learnerFiles, ...filesRecord(labFiles(lab, "harness")) };
  const entries = [...lab.def.harness, ...lab.def.files.filter((f) => f in files && !lab.def.harness.includes(f))];
  return { files, entries };
}

export function filesRecord(files: LabFile[]): Record<string, string> {
  return Object.fromEntries(files.map((f) => [f.path, f.source]));
}

export function labSummary(lab: Lab): LabSummary {
  const { id, chapter, section, title } = lab.def;
  return { id, chapter, section, title };
}

export function labDetail(lab: Lab): LabDetail {
  const d = lab.def;
  return {
    ...labSummary(lab),
    description: d.description,
    goals: d.goals,
    files: labFiles(lab, "starter"),
    objectives: d.objectives.map((o) => ({ id: o.id, title: o.title, explain: o.explain })),
    hints: d.hints,
    commands: commandCatalog(d.commands),
    services: lab.services,
    instances: lab.instances,
    topology: d.topology,
    durationMs: lab.scenario.durationMs,
    completion: d.completion,
  };
}
