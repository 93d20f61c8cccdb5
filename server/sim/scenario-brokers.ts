import { z } from "zod";

const name = z.string().regex(/^[a-zA-Z][a-zA-Z0-9_.-]*$/, "letters, digits, '_', '.', '-'");

export const amqpExchangeSchema = z.object({
  name: z.string().min(1),
  type: z.enum(["direct", "topic", "fanout"]),
  durable: z.boolean().default(true),
});

export const amqpQueueSchema = z.object({
  name: z.string().min(1),
  durable: z.boolean().default(true).describe("a non-durable queue is emptied by a broker restart"),
  messageTtlMs: z.number().positive().optional().describe("x-message-ttl"),
  deadLetterExchange: z.string().optional().describe("x-dead-letter-exchange"),
  deadLetterRoutingKey: z.string().optional().describe("x-dead-letter-routing-key; default: the original key"),
  maxLength: z.number().int().positive().optional().describe("x-max-length; overflow drops the head"),
});

export const amqpBindingSchema = z.object({
  exchange: z.string().min(1),
  queue: z.string().min(1),
  bindingKey: z.string().default("").describe("topic exchanges: words separated by '.', '*' = one word, '#' = zero or more"),
});

export const amqpBrokerSchema = z.object({
  kind: z.literal("amqp"),
  name,
  exchanges: z.array(amqpExchangeSchema).default([]),
  queues: z.array(amqpQueueSchema).default([]),
  bindings: z.array(amqpBindingSchema).default([]),
}).superRefine((b, ctx) => {
  const exchanges = new Set(["", ...b.exchanges.map((e) => e.name)]);
  const queues = new Set(b.queues.map((q) => q.name));
  b.bindings.forEach((binding, i) => {
    if (!exchanges.has(binding.exchange)) ctx.addIssue({ code: "custom", message: `unknown exchange "${binding.exchange}"`, path: ["bindings", i, "exchange"] });
    if (!queues.has(binding.queue)) ctx.addIssue({ code: "custom", message: `unknown queue "${binding.queue}"`, path: ["bindings", i, "queue"] });
  });
  b.queues.forEach((q, i) => {
    if (q.deadLetterExchange !== undefined && !exchanges.has(q.deadLetterExchange)) {
      ctx.addIssue({ code: "custom", message: `unknown exchange "${q.deadLetterExchange}"`, path: ["queues", i, "deadLetterExchange"] });
    }
  });
});

export const kafkaTopicSchema = z.object({
  name: z.string().min(1),
  partitions: z.number().int().positive().max(1024),
  retentionMs: z.number().positive().optional().describe("records older than this are deleted"),
  retentionMessages: z.number().int().positive().optional()
    .describe("per partition; stands in for retention.bytes"),
});

export const kafkaBrokerSchema = z.object({
  kind: z.literal("kafka"),
  name,
  topics: z.array(kafkaTopicSchema).default([]),
  retentionCheckIntervalMs: z.number().positive().default(1000),
});

export const pubsubBrokerSchema = z.object({ kind: z.literal("pubsub"), name });
export const eventStoreSchema = z.object({ kind: z.literal("eventstore"), name });

export const brokerSchema = z.discriminatedUnion("kind", [
  amqpBrokerSchema, kafkaBrokerSchema, pubsubBrokerSchema, eventStoreSchema,
]);

export type AmqpBrokerSpec = z.infer<typeof amqpBrokerSchema>;
export type AmqpQueueSpec = z.infer<typeof amqpQueueSchema>;
export type KafkaBrokerSpec = z.infer<typeof kafkaBrokerSchema>;
export type KafkaTopicSpec = z.infer<typeof kafkaTopicSchema>;
export type BrokerSpec = z.infer<typeof brokerSchema>;
