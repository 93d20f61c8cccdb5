import { z } from "zod";
import { distributionSchema } from "./distributions";
import { simLimitsSchema } from "./limits";
import { scheduledFaultSchema } from "./scenario-faults";
import { brokerSchema } from "./scenario-brokers";
import { workloadSchema } from "./scenario-workloads";

/** Names become node ids and event fields: keep them short, stable and shell-friendly. */
export const nameSchema = z.string().regex(/^[a-zA-Z][a-zA-Z0-9_.-]*$/, "letters, digits, '_', '.', '-'");

const linkFields = {
  latencyMs: distributionSchema.describe("one-way delay per message"),
  jitterMs: z.number().nonnegative().describe("uniform extra delay in [0, jitterMs)"),
  dropProbability: z.number().min(0).max(1),
  duplicateProbability: z.number().min(0).max(1),
  reorderProbability: z.number().min(0).max(1)
    .describe("chance a message skips the link's FIFO order and is held back reorderDelayMs"),
  reorderDelayMs: z.number().nonnegative(),
  bandwidthBytesPerSec: z.number().positive().describe("absent = unlimited"),
};

export const linkSettingsSchema = z.object({
  latencyMs: linkFields.latencyMs.default(1),
  jitterMs: linkFields.jitterMs.default(0),
  dropProbability: linkFields.dropProbability.default(0),
  duplicateProbability: linkFields.duplicateProbability.default(0),
  reorderProbability: linkFields.reorderProbability.default(0),
  reorderDelayMs: linkFields.reorderDelayMs.default(5),
  bandwidthBytesPerSec: linkFields.bandwidthBytesPerSec.optional(),
});
export type LinkSettings = z.infer<typeof linkSettingsSchema>;

/** A per-pair override: only the fields given replace the network default. */
export const linkSchema = z.object(linkFields).partial().extend({
  from: nameSchema.describe("service or broker name"),
  to: nameSchema,
  bidirectional: z.boolean().default(true),
});

export const serviceSchema = z.object({
  name: nameSchema,
  instances: z.number().int().min(0).max(64).default(1).describe("instance ids are <name>-1, <name>-2, …"),
  concurrency: z.number().int().positive().default(8).describe("work items processed at once per instance"),
  queueCapacity: z.number().int().min(0).default(1000)
    .describe("requests waiting per instance; beyond it HTTP gets 503 and gRPC RESOURCE_EXHAUSTED"),
  serviceTimeMs: distributionSchema.default(1).describe("CPU time per work item"),
  startupMs: z.number().nonnegative().default(0),
  autoRestart: z.boolean().default(false),
  restartDelayMs: z.number().nonnegative().default(1000),
  loadBalancer: z.enum(["round-robin", "random", "least-outstanding"]).default("round-robin")
    .describe("how callers pick one of this service's instances"),
  httpPool: z.object({
    maxConnections: z.number().int().positive().default(10),
    connectTimeoutMs: z.number().positive().default(1000),
  }).prefault({}).describe("this service's outbound HTTP connection pool, per target service"),
});
export type ServiceSpec = z.infer<typeof serviceSchema>;

const scenarioObjectSchema = z.object({
  name: nameSchema,
  description: z.string().default(""),
  durationMs: z.number().positive().describe("how long run() simulates"),
  services: z.array(serviceSchema).default([]),
  network: z.object({
    default: linkSettingsSchema.prefault({}),
    links: z.array(linkSchema).default([]),
  }).prefault({}),
  brokers: z.array(brokerSchema).default([]),
  workloads: z.array(workloadSchema).default([]),
  faults: z.array(scheduledFaultSchema).default([]),
  protos: z.record(z.string(), z.string()).default({}).describe("file name → .proto source"),
  http: z.object({ defaultTimeoutMs: z.number().positive().default(30_000) }).prefault({}),
  grpc: z.object({ defaultDeadlineMs: z.number().positive().default(30_000) }).prefault({}),
  limits: simLimitsSchema.partial().default({}),
});

export const scenarioSchema = scenarioObjectSchema.superRefine((s, ctx) => {
  const nodes = new Set<string>();
  const add = (name: string, path: (string | number)[]) => {
    if (nodes.has(name)) ctx.addIssue({ code: "custom", message: `duplicate name "${name}"`, path });
    nodes.add(name);
  };
  s.services.forEach((svc, i) => add(svc.name, ["services", i, "name"]));
  s.brokers.forEach((b, i) => add(b.name, ["brokers", i, "name"]));
  const instanceIds = new Set(s.services.flatMap((svc) => Array.from({ length: svc.instances }, (_, i) => `${svc.name}-${i + 1}`)));
  const clients = new Set(s.workloads.map((w) => w.from));
  const known = (name: string) => nodes.has(name) || clients.has(name);
  s.network.links.forEach((link, i) => {
    if (!known(link.from)) ctx.addIssue({ code: "custom", message: `unknown node "${link.from}"`, path: ["network", "links", i, "from"] });
    if (!known(link.to)) ctx.addIssue({ code: "custom", message: `unknown node "${link.to}"`, path: ["network", "links", i, "to"] });
  });
  s.workloads.forEach((w, i) => {
    const to = "to" in w ? w.to : w.broker;
    if (!nodes.has(to) && !instanceIds.has(to)) ctx.addIssue({ code: "custom", message: `unknown target "${to}"`, path: ["workloads", i, "to" in w ? "to" : "broker"] });
    if (s.brokers.some((b) => b.name === w.from)) {
      ctx.addIssue({ code: "custom", message: `"${w.from}" is a broker, not a client`, path: ["workloads", i, "from"] });
    }
  });
});

export type Scenario = z.infer<typeof scenarioSchema>;
/** What a lab author writes: defaults may be left out. */
export type ScenarioInput = z.input<typeof scenarioSchema>;

export class ScenarioError extends Error {
  override readonly name = "ScenarioError";
  constructor(readonly issues: { path: string; message: string }[]) {
    super(`invalid scenario: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
  }
}

/** Validates a scenario; the error names every offending field by its path (e.g. services.0.concurrency). */
export function parseScenario(input: unknown): Scenario {
  const result = scenarioSchema.safeParse(input);
  if (result.success) return result.data;
  throw new ScenarioError(result.error.issues.map((issue) => ({
    path: issue.path.map(String).join(".") || "(root)",
    message: issue.message,
  })));
}
