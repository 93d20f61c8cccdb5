/**
 * The API learner code sees. Handlers receive plain data and either return plain data or call methods
 * on the context — no promises, no classes to construct — so a QuickJS bridge can marshal every value
 * as JSON and keep callbacks as handles.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type LogFields = Record<string, string | number | boolean | null>;

export interface HttpRequestInit {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** Body size on the wire; when absent it is measured (UTF-8 length of the body's JSON). */
  bodyBytes?: number;
}
export interface HttpRequest {
  method: string; path: string; headers: Record<string, string>; body: unknown; bodyBytes: number;
  /** Caller's instance id. */
  from: string;
}
export interface HttpReply {
  status?: number; headers?: Record<string, string>; body?: unknown; bodyBytes?: number;
}
export interface HttpResponse {
  status: number; headers: Record<string, string>; body: unknown; bodyBytes: number;
  /** "" on a response; otherwise why there is none. status is 0 then. */
  error: "" | "timeout" | "unavailable" | "reset";
  latencyMs: number;
}
export interface CallOptions {
  timeoutMs?: number;
  /** 1 for the first try; set it on retries so the log shows call.retry events. */
  attempt?: number;
}

export interface RpcRequest {
  method: string; message: Record<string, unknown>; metadata: Record<string, string>;
  from: string; deadlineAtMs: number; streaming: boolean;
}
export interface RpcReply { code?: number; message?: Record<string, unknown>; details?: string }
export interface RpcResponse {
  code: number; codeName: string; message: Record<string, unknown> | null; details: string;
  latencyMs: number;
}
export interface RpcOptions {
  /** Relative deadline; the effective one is the earlier of this and the inbound call's deadline. */
  deadlineMs?: number;
  /**
   * Whether the deadline of the RPC being handled caps this call (default true, as Go and Java
   * contexts do). false: an independent deadline, like a grpc-js call made without `parent`.
   */
  propagateDeadline?: boolean;
  attempt?: number;
  metadata?: Record<string, string>;
}

export interface AmqpPublishOptions {
  persistent?: boolean; ttlMs?: number; bodyBytes?: number; headers?: Record<string, string>;
}
export interface ConsumeOptions { prefetch?: number; autoAck?: boolean }
export interface KafkaRecordInit { key?: string | null; value: unknown; bodyBytes?: number; partition?: number }
export interface KafkaSubscribeOptions {
  group: string;
  topics: string[];
  assignor?: "range" | "roundrobin";
  /** auto: periodic commit of processed offsets (at-least-once); manual: ctx.commit(); on-fetch: commit
   * before processing (at-most-once). */
  commit?: "auto" | "manual" | "on-fetch";
  autoCommitIntervalMs?: number;
  maxPollRecords?: number;
  sessionTimeoutMs?: number;
  autoOffsetReset?: "earliest" | "latest";
  /**
   * Hold each record until the handler calls ctx.done() — as kafkajs awaits eachMessage — instead of
   * until its service time ends: a member handles one record at a time, and its commits and the
   * group's rebalances wait for the record in progress. Default false.
   */
  awaitDone?: boolean;
}

export type InboundMessage =
  | {
    source: "amqp"; broker: string; queue: string; exchange: string; routingKey: string; body: unknown;
    headers: Record<string, string>; deliveryTag: number; redelivered: boolean; msgId: number;
    deaths: { queue: string; reason: string }[];
  }
  | {
    source: "kafka"; broker: string; topic: string; partition: number; offset: number; key: string | null;
    value: unknown; timestampMs: number; group: string; msgId: number;
  }
  | { source: "pubsub"; broker: string; topic: string; data: unknown; msgId: number }
  | { source: "eventstore"; store: string; stream: string; version: number; event: StoredEvent };

export interface StoredEvent { type: string; data: unknown; version: number; globalPosition: number }
export interface AppendResult {
  ok: boolean; error: "" | "wrong-expected-version" | "unavailable"; nextVersion: number; actualVersion: number;
}

export interface WsConnInfo { connId: number; peer: string; path: string; role: "client" | "server" }
export interface WsMessage { connId: number; data: unknown; sizeBytes: number }
export interface WsCloseInfo { connId: number; code: number; reason: string; wasClean: boolean }
export interface WsPongInfo { connId: number }

export interface TimerInfo { timerId: number; name: string; data: unknown }

/** What handlers call. One object per invocation; methods are valid for the invocation's lifetime. */
export interface SimContext {
  readonly now: number;
  readonly service: string;
  readonly instance: string;
  readonly traceId: string;
  /** Absolute deadline of the inbound gRPC call (-1 if none). */
  readonly deadlineAtMs: number;
  random(): number;
  log(msg: string, fields?: LogFields, level?: "debug" | "info" | "warn" | "error"): void;
  /** Records a named piece of state (e.g. a circuit breaker "closed" → "open") as a state.change event. */
  setState(name: string, value: string): void;
  count(name: string, by?: number): void;
  observe(name: string, value: number): void;
  setTimer(delayMs: number, name: string, data?: unknown): number;
  cancelTimer(timerId: number): void;

  http(to: string, req: HttpRequestInit, cb?: (res: HttpResponse) => void, opts?: CallOptions): number;
  rpc(to: string, method: string, message: Record<string, unknown>, cb?: (res: RpcResponse) => void, opts?: RpcOptions): number;
  rpcStream(to: string, method: string, message: Record<string, unknown>,
    onMessage: (message: Record<string, unknown>) => void, onEnd: (res: RpcResponse) => void, opts?: RpcOptions): number;
  /** Answers the inbound HTTP request or unary RPC (returning the reply from the handler does the same). */
  reply(reply: HttpReply | RpcReply): void;
  /** Server-streaming RPC: one message, then end(). */
  send(message: Record<string, unknown>): void;
  end(code?: number, details?: string): void;

  publish(broker: string, exchange: string, routingKey: string, body: unknown, opts?: AmqpPublishOptions): void;
  consume(broker: string, queue: string, opts?: ConsumeOptions): string;
  ack(): void;
  nack(requeue?: boolean): void;

  produce(broker: string, topic: string, record: KafkaRecordInit, cb?: (res: { partition: number; offset: number }) => void): void;
  subscribe(broker: string, opts: KafkaSubscribeOptions): string;
  /** Kafka: commits `offset` (default: the current record's offset + 1) for the current record's partition. */
  commit(offset?: number): void;
  /** Kafka, with subscribe({ awaitDone: true }): the current record is processed; the member moves on. */
  done(): void;
  seek(topic: string, partition: number, offset: number): void;

  pubsubPublish(broker: string, topic: string, data: unknown, bodyBytes?: number): void;
  pubsubSubscribe(broker: string, topic: string): void;

  appendToStream(store: string, stream: string, events: { type: string; data: unknown }[],
    expectedVersion: number | "any", cb?: (res: AppendResult) => void): void;
  readStream(store: string, stream: string, fromVersion: number, cb: (events: StoredEvent[]) => void): void;
  subscribeToStream(store: string, stream: string, fromVersion?: number): void;

  wsConnect(to: string, path: string, opts?: { pingIntervalMs?: number; pongTimeoutMs?: number }): number;
  wsSend(connId: number, data: unknown, sizeBytes?: number): void;
  wsClose(connId: number, code?: number, reason?: string): void;
  /** Sends a ping frame (from either end); the pong arrives as onWsPong. */
  wsPing(connId: number): void;
  /** Drops the connection without a closing handshake: 1006 here at once, at the peer if the reset reaches it. */
  wsTerminate(connId: number): void;
}

export interface ServiceHandlers {
  onStart?(ctx: SimContext): void;
  onHttp?(req: HttpRequest, ctx: SimContext): HttpReply | void;
  onRpc?(req: RpcRequest, ctx: SimContext): RpcReply | void;
  onMessage?(msg: InboundMessage, ctx: SimContext): void;
  onTimer?(timer: TimerInfo, ctx: SimContext): void;
  onWsOpen?(conn: WsConnInfo, ctx: SimContext): void;
  onWsMessage?(msg: WsMessage, ctx: SimContext): void;
  onWsClose?(info: WsCloseInfo, ctx: SimContext): void;
  onWsPong?(info: WsPongInfo, ctx: SimContext): void;
}

/** Handlers by service name. Services without an entry answer HTTP 501 / gRPC UNIMPLEMENTED. */
export type HandlerMap = Record<string, ServiceHandlers>;
