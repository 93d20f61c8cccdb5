import type { RpcOptions, RpcReply, RpcRequest, RpcResponse } from "./api";
import type { CallOutcome } from "./events";
import { GrpcStatus, grpcStatusName } from "./grpc-status";
import type { Instance } from "./instance";
import type { NetMessage } from "./network";
import { GRPC_FRAME_PREFIX_BYTES, ProtoRegistry, type RpcMethodInfo, encodedLength } from "./protobuf-sizes";
import { measureBytes } from "./sizes";
import { formatTraceparent } from "./tracing";
import { type WorkHandler, type WorkItem, newWorkItem } from "./work";
import { HANDLER_THREW, type World } from "./world";

type Message = Record<string, unknown>;

export interface RpcCall {
  callId: number; caller: Instance; callerEpoch: number; toName: string; toService: string;
  target: Instance | undefined; req: RpcRequest; info: RpcMethodInfo | undefined; sizeBytes: number;
  attempt: number; startMs: number; deadlineAtMs: number; traceId: string; spanId: string; parentSpanId: string;
  onEnd: ((res: RpcResponse) => void) | undefined; onMessage: ((m: Message) => void) | undefined;
  done: boolean; messages: number; responseBytes: number;
}
export interface GrpcInbound { kind: "grpc"; item: WorkItem; call: RpcCall; replied: boolean; cancelled: boolean }
interface RpcFrame { call: RpcCall; code: number; message: Message | null; details: string; final: boolean }

/**
 * gRPC in the large: unary and server-streaming calls over a multiplexed channel (no pool limit),
 * round-robin over instances, deadlines that propagate to downstream calls, the real status codes,
 * and message sizes from real Protobuf encoding.
 */
export class GrpcModule implements WorkHandler {
  readonly protos: ProtoRegistry;
  private readonly pending = new Set<RpcCall>();
  private readonly requestHandler: number;
  private readonly frameHandler: number;
  private readonly deadlineKind: number;
  private readonly serverDeadlineKind: number;

  constructor(private readonly world: World) {
    this.protos = new ProtoRegistry(world.scenario.protos);
    this.requestHandler = world.net.registerHandler((m) => this.onRequest(m));
    this.frameHandler = world.net.registerHandler((m) => this.onFrame(m));
    this.deadlineKind = world.k.register((_n: number, call: RpcCall) => this.onDeadline(call));
    this.serverDeadlineKind = world.k.register((_n: number, inbound: GrpcInbound) => this.onServerDeadline(inbound));
    world.instanceDownHooks.push((inst) => this.onInstanceDown(inst));
  }

  call(caller: Instance, item: WorkItem | undefined, inbound: { kind: string } | undefined, to: string,
    method: string, message: Message, onEnd: ((res: RpcResponse) => void) | undefined,
    onMessage: ((m: Message) => void) | undefined, opts: RpcOptions | undefined): number {
    const world = this.world;
    const target = world.resolveTarget(to);
    if (!target) throw new Error(`ctx.rpc: unknown service or instance "${to}"`);
    const info = this.protos.method(method);
    if (!info && !this.protos.empty) throw new Error(`ctx.rpc: method "${method}" is not declared in the scenario's protos`);
    if (info && onMessage && !info.responseStream) throw new Error(`ctx.rpcStream: "${method}" is not server-streaming`);
    const messageBytes = info ? encodedLength(info.requestType, message) : measureBytes(message);
    const parentDeadline = inbound?.kind === "grpc" && opts?.propagateDeadline !== false ? (inbound as GrpcInbound).call.deadlineAtMs : Infinity;
    const callId = world.nextCallId++;
    const epoch = caller.epoch;
    world.effect(caller, item, () => {
      if (caller.epoch !== epoch) return;
      const k = world.k;
      const deadlineAtMs = Math.min(parentDeadline, k.now + (opts?.deadlineMs ?? world.scenario.grpc.defaultDeadlineMs));
      const traceId = item?.traceId || world.tracer.newTraceId();
      const spanId = world.tracer.newSpanId();
      const metadata = { ...(opts?.metadata ?? {}), traceparent: formatTraceparent(traceId, spanId) };
      const req: RpcRequest = { method, message, metadata, from: caller.id, deadlineAtMs, streaming: onMessage !== undefined };
      this.begin({
        callId, caller, callerEpoch: epoch, toName: to, toService: target.svc.name, target: undefined, req, info,
        sizeBytes: GRPC_FRAME_PREFIX_BYTES + messageBytes, attempt: opts?.attempt ?? 1, startMs: k.now,
        deadlineAtMs, traceId, spanId, parentSpanId: item?.spanId ?? "", onEnd, onMessage, done: false,
        messages: 0, responseBytes: 0,
      });
    });
    return callId;
  }

  private begin(call: RpcCall): void {
    const world = this.world, k = world.k;
    if (call.attempt > 1) {
      k.emit({ type: "call.retry", timeMs: k.now, callId: call.callId, from: call.caller.id, toService: call.toService,
        method: call.req.method, path: "", attempt: call.attempt, traceId: call.traceId });
    }
    k.emit({
      type: "call.start", timeMs: k.now, callId: call.callId, protocol: "grpc", from: call.caller.id,
      fromService: call.caller.group, toService: call.toService, method: call.req.method, path: "",
      attempt: call.attempt, sizeBytes: call.sizeBytes, deadlineAtMs: call.deadlineAtMs, traceId: call.traceId,
      spanId: call.spanId, parentSpanId: call.parentSpanId, streaming: call.req.streaming,
    });
    this.pending.add(call);
    if (call.deadlineAtMs <= k.now) {
      this.complete(call, GrpcStatus.DEADLINE_EXCEEDED, null, "deadline already exceeded");
      return;
    }
    k.at(call.deadlineAtMs, this.deadlineKind, 0, call);
    const target = world.pickInstance(call.toName);
    if (!target) {
      this.complete(call, GrpcStatus.UNAVAILABLE, null, "no healthy upstream");
      return;
    }
    call.target = target;
    world.net.send(call.caller, target, "grpc", "grpc.request", call.sizeBytes, call.callId, call.traceId, this.requestHandler, call);
  }

  private onRequest(m: NetMessage): void {
    const call = m.payload as RpcCall;
    if (m.duplicate) return; // TCP discards duplicate segments; the app never sees them
    const inst = m.to as Instance;
    const world = this.world;
    const item = newWorkItem(world.nextWorkId++, call.callId, "grpc", call.req.method, inst, this, call, world.k.now, true, false,
      call.traceId, world.tracer.newSpanId(), call.spanId);
    inst.accept(item);
  }

  start(item: WorkItem): void {
    const call = item.data as RpcCall;
    const inbound: GrpcInbound = { kind: "grpc", item, call, replied: false, cancelled: false };
    this.world.k.at(Math.max(call.deadlineAtMs, this.world.k.now), this.serverDeadlineKind, 0, inbound);
    const onRpc = item.inst.service.handlers.onRpc;
    if (!onRpc) {
      this.streamEnd(inbound, GrpcStatus.UNIMPLEMENTED, "no onRpc handler");
      return;
    }
    const result = this.world.invoke(item.inst, item, (ctx) => onRpc(call.req, ctx), inbound);
    if (result === HANDLER_THREW) {
      if (!inbound.replied) this.streamEnd(inbound, GrpcStatus.UNKNOWN, "handler threw");
    } else if (result && !inbound.replied) {
      this.reply(inbound, result);
    }
  }

  reject(item: WorkItem, reason: "queue-full" | "not-up"): void {
    if (reason !== "queue-full") return;
    const call = item.data as RpcCall;
    this.sendFrame(item.inst, { call, code: GrpcStatus.RESOURCE_EXHAUSTED, message: null, details: "server queue full", final: true }, 0);
  }

  reply(inbound: GrpcInbound, reply: RpcReply): void {
    if (inbound.call.req.streaming && (reply.code ?? 0) === 0) throw new Error("ctx.reply(): use ctx.send() and ctx.end() in a streaming RPC");
    const code = reply.code ?? GrpcStatus.OK;
    const message = code === GrpcStatus.OK ? reply.message ?? {} : null;
    this.finishWith(inbound, code, message, reply.details ?? "");
  }

  streamSend(inbound: GrpcInbound, message: Message): void {
    if (!inbound.call.req.streaming) throw new Error("ctx.send(): this RPC is unary; use ctx.reply()");
    if (inbound.replied) throw new Error("ctx.send(): the stream has already ended");
    const bytes = this.messageBytes(inbound.call, message);
    this.world.effect(inbound.item.inst, inbound.item, () => {
      if (inbound.cancelled) return;
      this.sendFrame(inbound.item.inst, { call: inbound.call, code: 0, message, details: "", final: false }, bytes);
    });
  }

  streamEnd(inbound: GrpcInbound, code: number, details: string): void {
    this.finishWith(inbound, code, null, details);
  }

  private finishWith(inbound: GrpcInbound, code: number, message: Message | null, details: string): void {
    if (inbound.replied) throw new Error("this RPC was already answered");
    inbound.replied = true;
    const bytes = message ? this.messageBytes(inbound.call, message) : 0;
    const { item, call } = inbound;
    this.world.effect(item.inst, item, () => {
      if (inbound.cancelled) return;
      item.inst.finish(item, code);
      this.sendFrame(item.inst, { call, code, message, details, final: true }, bytes);
    });
  }

  private messageBytes(call: RpcCall, message: Message): number {
    return GRPC_FRAME_PREFIX_BYTES + (call.info ? encodedLength(call.info.responseType, message) : measureBytes(message));
  }

  private sendFrame(server: Instance, frame: RpcFrame, sizeBytes: number): void {
    const label = frame.final ? (frame.message ? "grpc.response" : "grpc.status") : "grpc.message";
    this.world.net.send(server, frame.call.caller, "grpc", label, sizeBytes, frame.call.callId, frame.call.traceId, this.frameHandler, frame);
  }

  private onFrame(m: NetMessage): void {
    const frame = m.payload as RpcFrame;
    const call = frame.call;
    if (call.done || m.duplicate) return;
    call.responseBytes += m.sizeBytes;
    if (!frame.final) {
      call.messages++;
      const onMessage = call.onMessage, message = frame.message!;
      if (onMessage) this.world.callback(call.caller, call.callerEpoch, () => onMessage(message));
      return;
    }
    if (frame.message) call.messages++;
    this.complete(call, frame.code, frame.message, frame.details);
  }

  private onDeadline(call: RpcCall): void {
    this.complete(call, GrpcStatus.DEADLINE_EXCEEDED, null, "deadline exceeded");
  }

  /** The server side learns the deadline passed: its work is cancelled and late replies are dropped. */
  private onServerDeadline(inbound: GrpcInbound): void {
    if (inbound.item.finished) return;
    inbound.cancelled = true;
    inbound.replied = true;
    inbound.item.inst.finish(inbound.item, GrpcStatus.DEADLINE_EXCEEDED);
  }

  private complete(call: RpcCall, code: number, message: Message | null, details: string): void {
    if (call.done) return;
    call.done = true;
    this.pending.delete(call);
    const k = this.world.k;
    const latencyMs = k.now - call.startMs;
    k.emit({
      type: "call.end", timeMs: k.now, callId: call.callId, protocol: "grpc", from: call.caller.id,
      to: call.target?.id ?? call.toName, fromService: call.caller.group, toService: call.toService,
      method: call.req.method, path: "", attempt: call.attempt, status: code, statusName: grpcStatusName(code),
      outcome: outcomeOf(code), startMs: call.startMs, latencyMs, sizeBytes: call.responseBytes,
      messages: call.messages, traceId: call.traceId, spanId: call.spanId, parentSpanId: call.parentSpanId,
    });
    const onEnd = call.onEnd;
    if (onEnd) {
      const res: RpcResponse = { code, codeName: grpcStatusName(code), message, details, latencyMs };
      this.world.callback(call.caller, call.callerEpoch, () => onEnd(res));
    }
  }

  private onInstanceDown(inst: Instance): void {
    for (const call of [...this.pending]) {
      if (call.caller === inst) {
        call.done = true;
        this.pending.delete(call);
      } else if (call.target === inst) {
        // The HTTP/2 connection breaks: in-flight RPCs fail with UNAVAILABLE once the RST arrives.
        const delayMs = this.world.net.link(inst.group, call.caller.group).sampleMs();
        this.world.runOn(call.caller, this.world.k.now + delayMs, () =>
          this.complete(call, GrpcStatus.UNAVAILABLE, null, "connection reset"));
      }
    }
  }
}

function outcomeOf(code: number): CallOutcome {
  if (code === GrpcStatus.OK) return "ok";
  if (code === GrpcStatus.DEADLINE_EXCEEDED) return "timeout";
  if (code === GrpcStatus.UNAVAILABLE) return "unavailable";
  if (code === GrpcStatus.CANCELLED) return "cancelled";
  return "error";
}
