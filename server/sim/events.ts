import type { SimTimeMs } from "./time";

/**
 * SimEvent — the one discriminated union the engine emits. It is also the wire protocol to the
 * browser, what the D3 flow view draws and what lab objectives check, so every event is flat, plain
 * JSON data (no Maps, no class instances, no undefined-vs-missing ambiguity: absent values are -1 or "").
 *
 * Naming: `from`/`to` are node ids (instance ids such as "orders-1", or broker/store names);
 * `service` is the logical service name; ids are numbers unique within one run.
 */

export type Protocol = "http" | "grpc" | "ws" | "amqp" | "kafka" | "pubsub" | "eventstore";
export type InstanceState = "stopped" | "starting" | "up" | "paused" | "crashed";
export type WorkKind = "http" | "grpc" | "amqp" | "kafka" | "pubsub" | "eventstore" | "ws";
export type CallOutcome = "ok" | "error" | "timeout" | "unavailable" | "cancelled";
export type DropReason = "loss" | "partition" | "dest-down" | "src-down" | "queue-full";

interface Base<T extends string> {
  type: T;
  timeMs: SimTimeMs;
}

// — run lifecycle —
export interface SimStartEvent extends Base<"sim.start"> { seed: number; scenario: string }
export interface SimEndEvent extends Base<"sim.end"> { reason: "until" | "idle"; steps: number }

// — instances and faults —
export interface InstanceStateEvent extends Base<"instance.state"> {
  service: string; instance: string; state: InstanceState; prevState: InstanceState;
  reason: string; slowFactor: number;
}
export interface FaultEvent extends Base<"fault"> {
  fault: string; source: "schedule" | "runtime"; target: string; detail: string;
}

// — network: one message on a link —
export interface NetSendEvent extends Base<"net.send"> {
  msgId: number; from: string; to: string; protocol: Protocol; label: string;
  sizeBytes: number; ref: number; traceId: string; deliverAtMs: number;
}
export interface NetDeliverEvent extends Base<"net.deliver"> {
  msgId: number; from: string; to: string; protocol: Protocol; label: string;
  sizeBytes: number; ref: number; traceId: string; latencyMs: number; duplicate: boolean;
}
export interface NetDropEvent extends Base<"net.drop"> {
  msgId: number; from: string; to: string; protocol: Protocol; label: string;
  ref: number; traceId: string; reason: DropReason;
}
export interface ConnOpenEvent extends Base<"conn.open"> {
  connId: number; protocol: Protocol; from: string; to: string; poolSize: number;
}
export interface ConnCloseEvent extends Base<"conn.close"> {
  connId: number; protocol: Protocol; from: string; to: string; reason: string;
}

// — request/response (HTTP and gRPC), seen by the caller; call.end is the client span —
export interface CallStartEvent extends Base<"call.start"> {
  callId: number; protocol: "http" | "grpc"; from: string; fromService: string; toService: string;
  method: string; path: string; attempt: number; sizeBytes: number; deadlineAtMs: number;
  traceId: string; spanId: string; parentSpanId: string; streaming: boolean;
}
export interface CallRetryEvent extends Base<"call.retry"> {
  callId: number; from: string; toService: string; method: string; path: string; attempt: number;
  traceId: string;
}
export interface CallEndEvent extends Base<"call.end"> {
  callId: number; protocol: "http" | "grpc"; from: string; to: string; fromService: string;
  toService: string; method: string; path: string; attempt: number; status: number;
  statusName: string; outcome: CallOutcome; startMs: number; latencyMs: number; sizeBytes: number;
  messages: number; traceId: string; spanId: string; parentSpanId: string;
}

// — work on an instance (request handling, message consumption); work.end is the server span —
export interface WorkStartEvent extends Base<"work.start"> {
  /** ref: the callId (http/grpc), msgId (amqp/kafka/pubsub), global position (eventstore) or connId (ws). */
  workId: number; ref: number; service: string; instance: string; kind: WorkKind; name: string;
  queuedMs: number; inFlight: number; queueDepth: number; traceId: string;
}
export interface WorkEndEvent extends Base<"work.end"> {
  workId: number; ref: number; service: string; instance: string; kind: WorkKind; name: string; status: number;
  arrivedAtMs: number; serviceMs: number; totalMs: number;
  traceId: string; spanId: string; parentSpanId: string;
}
export interface WorkRejectEvent extends Base<"work.reject"> {
  workId: number; ref: number; service: string; instance: string; kind: WorkKind; name: string;
  reason: "queue-full" | "not-up"; queueDepth: number; traceId: string;
}
export interface WorkLostEvent extends Base<"work.lost"> {
  workId: number; ref: number; service: string; instance: string; kind: WorkKind; name: string;
  reason: "crash"; started: boolean; traceId: string;
}

// — instance-local —
export interface TimerFireEvent extends Base<"timer.fire"> {
  service: string; instance: string; timerId: number; name: string;
}
export interface LogEvent extends Base<"log"> {
  service: string; instance: string; level: "debug" | "info" | "warn" | "error"; msg: string;
  traceId: string; fields: Record<string, string | number | boolean | null>;
}
export interface StateChangeEvent extends Base<"state.change"> {
  service: string; instance: string; name: string; from: string; to: string;
}
export interface MetricEvent extends Base<"metric"> {
  service: string; instance: string; name: string; value: number; kind: "counter" | "observe";
}

// — brokers (RabbitMQ-style) —
export interface BrokerStateEvent extends Base<"broker.state"> {
  broker: string; kind: "amqp" | "kafka" | "pubsub" | "eventstore"; state: "up" | "down";
}
export interface AmqpPublishEvent extends Base<"amqp.publish"> {
  broker: string; from: string; exchange: string; routingKey: string; msgId: number;
  persistent: boolean; sizeBytes: number; traceId: string;
}
export interface AmqpRouteEvent extends Base<"amqp.route"> {
  broker: string; exchange: string; exchangeType: string; routingKey: string; msgId: number;
  queues: string[];
}
export interface AmqpDeliverEvent extends Base<"amqp.deliver"> {
  broker: string; queue: string; msgId: number; to: string; consumerTag: string;
  deliveryTag: number; redelivered: boolean; autoAck: boolean; traceId: string;
}
export interface AmqpAckEvent extends Base<"amqp.ack"> {
  broker: string; queue: string; msgId: number; from: string; deliveryTag: number;
}
export interface AmqpNackEvent extends Base<"amqp.nack"> {
  broker: string; queue: string; msgId: number; from: string; deliveryTag: number; requeue: boolean;
}
export interface AmqpRequeueEvent extends Base<"amqp.requeue"> {
  broker: string; queue: string; msgId: number; reason: "nack" | "consumer-gone";
}
export interface AmqpDeadLetterEvent extends Base<"amqp.dead-letter"> {
  broker: string; queue: string; msgId: number; reason: "expired" | "rejected" | "maxlen";
  exchange: string; routingKey: string;
}
export interface AmqpDropEvent extends Base<"amqp.drop"> {
  broker: string; queue: string; msgId: number;
  reason: "expired" | "rejected" | "maxlen" | "broker-restart" | "unroutable";
}

// — log (Kafka-style) —
export interface KafkaAppendEvent extends Base<"kafka.append"> {
  broker: string; from: string; topic: string; partition: number; offset: number; key: string;
  msgId: number; sizeBytes: number; traceId: string;
}
export interface KafkaConsumeEvent extends Base<"kafka.consume"> {
  broker: string; group: string; member: string; instance: string; topic: string;
  partition: number; offset: number; key: string; msgId: number; generation: number;
}
export interface KafkaCommitEvent extends Base<"kafka.commit"> {
  broker: string; group: string; member: string; topic: string; partition: number; offset: number;
  mode: "auto" | "manual" | "on-fetch";
}
export interface KafkaMemberEvent extends Base<"kafka.member"> {
  broker: string; group: string; member: string; instance: string;
  change: "join" | "leave" | "session-timeout";
}
export interface KafkaRebalanceEvent extends Base<"kafka.rebalance"> {
  broker: string; group: string; generation: number; assignor: "range" | "roundrobin";
  assignment: { member: string; partitions: string[] }[];
}
export interface KafkaRetentionEvent extends Base<"kafka.retention"> {
  broker: string; topic: string; partition: number; logStartOffset: number; deleted: number;
}
export interface KafkaOffsetResetEvent extends Base<"kafka.offset-reset"> {
  broker: string; group: string; member: string; topic: string; partition: number; offset: number;
  reason: "no-commit" | "out-of-range" | "seek";
}

// — pub/sub, event store, WebSocket —
export interface PubSubPublishEvent extends Base<"pubsub.publish"> {
  broker: string; from: string; topic: string; msgId: number; subscribers: number; sizeBytes: number;
}
export interface EsAppendEvent extends Base<"es.append"> {
  store: string; from: string; stream: string; fromVersion: number; toVersion: number; count: number;
  eventTypes: string[];
}
export interface EsConflictEvent extends Base<"es.conflict"> {
  store: string; from: string; stream: string; expectedVersion: number; actualVersion: number;
}
export interface WsOpenEvent extends Base<"ws.open"> {
  connId: number; from: string; to: string; path: string;
}
export interface WsCloseEvent extends Base<"ws.close"> {
  connId: number; from: string; to: string; code: number; codeName: string; reason: string;
  initiator: string;
}

export type SimEvent =
  | SimStartEvent | SimEndEvent | InstanceStateEvent | FaultEvent
  | NetSendEvent | NetDeliverEvent | NetDropEvent | ConnOpenEvent | ConnCloseEvent
  | CallStartEvent | CallRetryEvent | CallEndEvent
  | WorkStartEvent | WorkEndEvent | WorkRejectEvent | WorkLostEvent
  | TimerFireEvent | LogEvent | StateChangeEvent | MetricEvent
  | BrokerStateEvent | AmqpPublishEvent | AmqpRouteEvent | AmqpDeliverEvent | AmqpAckEvent
  | AmqpNackEvent | AmqpRequeueEvent | AmqpDeadLetterEvent | AmqpDropEvent
  | KafkaAppendEvent | KafkaConsumeEvent | KafkaCommitEvent | KafkaMemberEvent | KafkaRebalanceEvent
  | KafkaRetentionEvent | KafkaOffsetResetEvent
  | PubSubPublishEvent | EsAppendEvent | EsConflictEvent | WsOpenEvent | WsCloseEvent;

export type SimEventType = SimEvent["type"];

/** Narrowing helper: `events.filter(ofType("call.end"))` is typed as CallEndEvent[]. */
export function ofType<T extends SimEventType>(type: T) {
  return (event: SimEvent): event is Extract<SimEvent, { type: T }> => event.type === type;
}
