import type {
  AmqpPublishOptions, AppendResult, CallOptions, ConsumeOptions, HttpReply, HttpRequestInit, HttpResponse,
  KafkaRecordInit, KafkaSubscribeOptions, LogFields, RpcOptions, RpcReply, RpcResponse, SimContext, StoredEvent,
} from "./api";
import type { AmqpInbound } from "./amqp-module";
import type { GrpcInbound } from "./grpc";
import type { HttpInbound } from "./http";
import type { Instance } from "./instance";
import type { KafkaInbound } from "./kafka-module";
import type { SimTimeMs } from "./time";
import type { WorkItem } from "./work";
import type { World } from "./world";

/** What the current invocation is answering, if anything: decides what reply/ack/commit mean. */
export type Inbound = HttpInbound | GrpcInbound | AmqpInbound | KafkaInbound;

/**
 * The SimContext handed to learner code. Thin by design: each method forwards to the protocol module
 * that owns the behaviour, passing the instance and work item so effects are timed and epoch-checked.
 */
export class HandlerContext implements SimContext {
  constructor(
    private readonly world: World,
    private readonly inst: Instance,
    private readonly item: WorkItem | undefined,
    private readonly inbound: Inbound | undefined,
  ) {}

  get now(): SimTimeMs { return this.world.k.now; }
  get service(): string { return this.inst.group; }
  get instance(): string { return this.inst.id; }
  get traceId(): string { return this.item?.traceId ?? ""; }
  get deadlineAtMs(): number { return this.inbound?.kind === "grpc" ? this.inbound.call.deadlineAtMs : -1; }

  random(): number { return this.inst.prng.next(); }

  log(msg: string, fields: LogFields = {}, level: "debug" | "info" | "warn" | "error" = "info"): void {
    const k = this.world.k;
    k.emit({
      type: "log", timeMs: k.now, service: this.inst.group, instance: this.inst.id, level, msg: String(msg),
      traceId: this.traceId, fields: { ...fields },
    });
  }

  setState(name: string, value: string): void {
    const states = this.inst.states;
    const from = states.get(name) ?? "";
    if (from === value) return;
    states.set(name, value);
    const k = this.world.k;
    k.emit({ type: "state.change", timeMs: k.now, service: this.inst.group, instance: this.inst.id, name, from, to: value });
  }

  count(name: string, by = 1): void { this.metric(name, by, "counter"); }
  observe(name: string, value: number): void { this.metric(name, value, "observe"); }

  private metric(name: string, value: number, kind: "counter" | "observe"): void {
    const k = this.world.k;
    k.emit({ type: "metric", timeMs: k.now, service: this.inst.group, instance: this.inst.id, name, value, kind });
  }

  setTimer(delayMs: number, name: string, data?: unknown): number {
    return this.world.timers.set(this.inst, delayMs, name, data);
  }
  cancelTimer(timerId: number): void { this.world.timers.cancel(timerId); }

  http(to: string, req: HttpRequestInit, cb?: (res: HttpResponse) => void, opts?: CallOptions): number {
    return this.world.http.call(this.inst, this.item, to, req, cb, opts);
  }
  rpc(to: string, method: string, message: Record<string, unknown>, cb?: (res: RpcResponse) => void, opts?: RpcOptions): number {
    return this.world.grpc.call(this.inst, this.item, this.inbound, to, method, message, cb, undefined, opts);
  }
  rpcStream(to: string, method: string, message: Record<string, unknown>,
    onMessage: (message: Record<string, unknown>) => void, onEnd: (res: RpcResponse) => void, opts?: RpcOptions): number {
    return this.world.grpc.call(this.inst, this.item, this.inbound, to, method, message, onEnd, onMessage, opts);
  }

  reply(reply: HttpReply | RpcReply): void {
    const inbound = this.inbound;
    if (inbound?.kind === "http") this.world.http.reply(inbound, reply as HttpReply);
    else if (inbound?.kind === "grpc") this.world.grpc.reply(inbound, reply as RpcReply);
    else throw new Error("ctx.reply() is only valid while handling an HTTP request or an RPC");
  }
  send(message: Record<string, unknown>): void { this.world.grpc.streamSend(this.grpcInbound("send"), message); }
  end(code = 0, details = ""): void { this.world.grpc.streamEnd(this.grpcInbound("end"), code, details); }

  private grpcInbound(method: string): GrpcInbound {
    if (this.inbound?.kind !== "grpc") throw new Error(`ctx.${method}() is only valid while handling an RPC`);
    return this.inbound;
  }

  publish(broker: string, exchange: string, routingKey: string, body: unknown, opts?: AmqpPublishOptions): void {
    this.world.amqp.publish(this.inst, this.item, broker, exchange, routingKey, body, opts ?? {});
  }
  consume(broker: string, queue: string, opts?: ConsumeOptions): string {
    return this.world.amqp.consume(this.inst, this.item, broker, queue, opts ?? {});
  }
  ack(): void { this.world.amqp.settle(this.amqpInbound("ack"), "ack", false); }
  nack(requeue = true): void { this.world.amqp.settle(this.amqpInbound("nack"), "nack", requeue); }

  private amqpInbound(method: string): AmqpInbound {
    if (this.inbound?.kind !== "amqp") throw new Error(`ctx.${method}() is only valid while handling an AMQP delivery`);
    return this.inbound;
  }

  produce(broker: string, topic: string, record: KafkaRecordInit, cb?: (res: { partition: number; offset: number }) => void): void {
    this.world.kafka.produce(this.inst, this.item, broker, topic, record, cb);
  }
  subscribe(broker: string, opts: KafkaSubscribeOptions): string {
    return this.world.kafka.subscribe(this.inst, this.item, broker, opts);
  }
  commit(offset?: number): void {
    if (this.inbound?.kind !== "kafka") throw new Error("ctx.commit() is only valid while handling a Kafka record");
    this.world.kafka.commitRecord(this.inst, this.item, this.inbound, offset);
  }
  done(): void {
    if (this.inbound?.kind !== "kafka") throw new Error("ctx.done() is only valid while handling a Kafka record");
    this.world.kafka.recordDone(this.inbound);
  }
  seek(topic: string, partition: number, offset: number): void {
    this.world.kafka.seek(this.inst, topic, partition, offset);
  }

  pubsubPublish(broker: string, topic: string, data: unknown, bodyBytes?: number): void {
    this.world.pubsub.publish(this.inst, this.item, broker, topic, data, bodyBytes);
  }
  pubsubSubscribe(broker: string, topic: string): void {
    this.world.pubsub.subscribe(this.inst, this.item, broker, topic);
  }

  appendToStream(store: string, stream: string, events: { type: string; data: unknown }[],
    expectedVersion: number | "any", cb?: (res: AppendResult) => void): void {
    this.world.eventStore.append(this.inst, this.item, store, stream, events, expectedVersion, cb);
  }
  readStream(store: string, stream: string, fromVersion: number, cb: (events: StoredEvent[]) => void): void {
    this.world.eventStore.read(this.inst, this.item, store, stream, fromVersion, cb);
  }
  subscribeToStream(store: string, stream: string, fromVersion = 0): void {
    this.world.eventStore.subscribe(this.inst, this.item, store, stream, fromVersion);
  }

  wsConnect(to: string, path: string, opts?: { pingIntervalMs?: number; pongTimeoutMs?: number }): number {
    return this.world.ws.connect(this.inst, this.item, to, path, opts ?? {});
  }
  wsSend(connId: number, data: unknown, sizeBytes?: number): void {
    this.world.ws.send(this.inst, this.item, connId, data, sizeBytes);
  }
  wsClose(connId: number, code = 1000, reason = ""): void {
    this.world.ws.close(this.inst, this.item, connId, code, reason);
  }
  wsPing(connId: number): void {
    this.world.ws.ping(this.inst, this.item, connId);
  }
  wsTerminate(connId: number): void {
    this.world.ws.terminate(this.inst, this.item, connId);
  }
}
