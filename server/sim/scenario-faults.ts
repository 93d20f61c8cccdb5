import { z } from "zod";
import { distributionSchema } from "./distributions";

/** Faults are data: the same objects appear in a scenario's schedule and in runtime injection. */
const target = z.string().min(1);
const endpoints = z.union([target, z.array(target).min(1)]);

export const faultSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("crash"), instance: target.describe("instance id, e.g. orders-1") }),
  z.object({ type: z.literal("restart"), instance: target }),
  z.object({ type: z.literal("pause"), instance: target.describe("stops processing; connections stay open") }),
  z.object({ type: z.literal("resume"), instance: target }),
  z.object({
    type: z.literal("slow"), instance: target,
    factor: z.number().positive().describe("multiplies service time; 1 = normal speed"),
  }),
  z.object({
    type: z.literal("latency"), from: target, to: target,
    addMs: z.number().nonnegative().optional().describe("extra delay added to every message"),
    latencyMs: distributionSchema.optional().describe("replaces the link's latency distribution"),
    bidirectional: z.boolean().default(true),
  }),
  z.object({
    type: z.literal("loss"), from: target, to: target, dropProbability: z.number().min(0).max(1),
    bidirectional: z.boolean().default(true),
  }),
  z.object({
    type: z.literal("partition"), a: endpoints, b: endpoints,
  }).describe("a and b: service, instance or broker names; messages between the sides are dropped"),
  z.object({ type: z.literal("heal") }).describe("removes every partition and link fault"),
  z.object({ type: z.literal("broker-down"), broker: target }),
  z.object({ type: z.literal("broker-up"), broker: target }),
]);

export type Fault = z.infer<typeof faultSchema>;
export type FaultInput = z.input<typeof faultSchema>;

export const scheduledFaultSchema = z.intersection(
  z.object({
    atMs: z.number().nonnegative().describe("virtual time the fault starts"),
    durationMs: z.number().positive().optional()
      .describe("if set, the fault is reverted after this long (crash→restart, pause→resume, …)"),
  }),
  faultSchema,
);

export type ScheduledFault = z.infer<typeof scheduledFaultSchema>;
