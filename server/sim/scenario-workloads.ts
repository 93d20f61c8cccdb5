import { z } from "zod";

/**
 * Workloads are open-loop traffic sources: an implicit client service (named by `from`, one instance
 * `<from>-1`) that issues requests or messages on a schedule, independent of responses — the arrival
 * process queueing theory assumes.
 */
export const arrivalSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("poisson"), ratePerSec: z.number().positive() }),
  z.object({ type: z.literal("constant"), intervalMs: z.number().positive() }),
  z.object({ type: z.literal("burst"), size: z.number().int().positive(), intervalMs: z.number().positive() }),
]);

const common = {
  name: z.string().min(1),
  from: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_.-]*$/).default("client"),
  arrival: arrivalSchema,
  count: z.number().int().positive().describe("total requests/messages to send"),
  startMs: z.number().nonnegative().default(0),
  keys: z.number().int().positive().optional().describe("cycle through this many keys: key-0 … key-(keys−1)"),
};

export const workloadSchema = z.discriminatedUnion("protocol", [
  z.object({
    ...common,
    protocol: z.literal("http"),
    to: z.string().min(1),
    method: z.string().default("GET"),
    path: z.string().default("/"),
    bodyBytes: z.number().int().nonnegative().default(0),
    timeoutMs: z.number().positive().optional(),
    maxConnections: z.number().int().positive().default(10_000).describe("the client's pool size"),
  }),
  z.object({
    ...common,
    protocol: z.literal("grpc"),
    to: z.string().min(1),
    method: z.string().describe("package.Service/Method"),
    message: z.record(z.string(), z.unknown()).default({}),
    deadlineMs: z.number().positive().optional(),
  }),
  z.object({
    ...common,
    protocol: z.literal("amqp"),
    broker: z.string().min(1),
    exchange: z.string().default(""),
    routingKey: z.string(),
    persistent: z.boolean().default(true),
    bodyBytes: z.number().int().nonnegative().default(100),
  }),
  z.object({
    ...common,
    protocol: z.literal("kafka"),
    broker: z.string().min(1),
    topic: z.string().min(1),
    bodyBytes: z.number().int().nonnegative().default(100),
  }),
]);

export type Workload = z.infer<typeof workloadSchema>;
export type Arrival = z.infer<typeof arrivalSchema>;
