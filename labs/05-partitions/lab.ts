import { defineLab } from "../../server/labs/define";
import {
  ANALYTICS_STARTS_MS, CARRIER_HANGS, KILL, SCALE_OUT, TOPIC,
  checkAnalyticsReplay, checkCancelledNotShipped, checkNoDoubleBooking, checkNoLostEvent,
} from "./objectives";

export default defineLab({
  id: "05-partitions",
  chapter: "ch05-messaging",
  section: "kafka-vs-rabbitmq",
  title: { zh: "TODO", en: "Partitions: keys, rebalances, offsets and replay" },
  description: { zh: "TODO", en: "TODO" },
  goals: [{ zh: "TODO", en: "TODO" }],
  files: ["orders.ts", "shipping.ts", "analytics.ts", "carrier.ts"],
  scenario: {
    name: "partitions",
    durationMs: 8_000,
    services: [
      { name: "orders", serviceTimeMs: 0.2 },
      { name: "shipping", instances: 3, concurrency: 4, serviceTimeMs: { type: "lognormal", medianMs: 1, sigma: 0.3 } },
      { name: "carrier", concurrency: 16, serviceTimeMs: { type: "lognormal", medianMs: 5, sigma: 0.3 } },
      { name: "analytics", startupMs: ANALYTICS_STARTS_MS, serviceTimeMs: 0.3 },
    ],
    network: { default: { latencyMs: { type: "normal", meanMs: 1, stdDevMs: 0.15 }, jitterMs: 0.2 } },
    brokers: [{ kind: "kafka", name: "kafka", topics: [{ name: TOPIC, partitions: 4 }] }],
    faults: [SCALE_OUT, CARRIER_HANGS, KILL],
    http: { defaultTimeoutMs: 5_000 },
  },
  objectives: [
    { id: "cancelled-not-shipped", title: { zh: "TODO", en: "No cancelled order keeps a courier" }, explain: { zh: "TODO", en: "TODO" }, check: checkCancelledNotShipped },
    { id: "no-lost-event", title: { zh: "TODO", en: "No event is lost" }, explain: { zh: "TODO", en: "TODO" }, check: checkNoLostEvent },
    { id: "no-double-booking", title: { zh: "TODO", en: "No order gets two couriers" }, explain: { zh: "TODO", en: "TODO" }, check: checkNoDoubleBooking },
    { id: "analytics-replay", title: { zh: "TODO", en: "Analytics replays the whole history" }, explain: { zh: "TODO", en: "TODO" }, check: checkAnalyticsReplay },
  ],
  hints: [{ zh: "TODO", en: "TODO" }],
  commands: ["kill", "restart", "pause", "resume", "slow", "latency", "topics", "broker-down", "broker-up"],
  topology: {
    nodes: [
      { id: "orders", kind: "service", label: "orders", x: 80, y: 300 },
      { id: "kafka", kind: "broker", label: "kafka", x: 360, y: 300 },
      { id: TOPIC, kind: "topic", label: TOPIC, parent: "kafka", x: 360, y: 300 },
      { id: "shipping", kind: "service", label: "shipping ×3", x: 640, y: 200 },
      { id: "analytics", kind: "service", label: "analytics", x: 640, y: 480 },
      { id: "carrier", kind: "service", label: "carrier", x: 900, y: 200 },
    ],
    edges: [
      { from: "orders", to: "kafka" }, { from: "kafka", to: "shipping" }, { from: "kafka", to: "analytics" }, { from: "shipping", to: "carrier" },
    ],
  },
  completion: { zh: "TODO", en: "TODO" },
});
