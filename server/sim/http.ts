import type { CallOptions, HttpReply, HttpRequest, HttpRequestInit, HttpResponse } from "./api";
import type { CallOutcome } from "./events";
import { HttpPools, type Conn, type Pool } from "./http-pool";
import type { Instance } from "./instance";
import type { NetMessage } from "./network";
import { headerBytes, measureBytes, utf8Length } from "./sizes";
import { formatTraceparent } from "./tracing";
import { type WorkHandler, type WorkItem, newWorkItem } from "./work";
import { HANDLER_THREW, type World } from "./world";

export interface HttpCall {
  callId: number; caller: Instance; callerEpoch: number; toName: string; toService: string;
  target: Instance | undefined; req: HttpRequest; sizeBytes: number; attempt: number; startMs: number;
  traceId: string; spanId: string; parentSpanId: string; cb: ((res: HttpResponse) => void) | undefined;
  done: boolean; conn: Conn | undefined; pool: Pool | undefined;
}
export interface HttpInbound { kind: "http"; item: WorkItem; call: HttpCall; replied: boolean }
interface HttpResponseMsg { call: HttpCall; res: HttpResponse }

const NO_HEADERS: Record<string, string> = {};

/**
 * HTTP/1.1 request/response over pooled keep-alive connections: one request per connection at a time,
 * a handshake round trip to open one, FIFO waiting when the pool is full, and a timeout that closes the
 * connection (HTTP/1.1 cannot cancel a request any other way).
 */
export class HttpModule implements WorkHandler {
  readonly pools: HttpPools;
  private readonly pending = new Set<HttpCall>();
  private readonly requestHandler: number;
  private readonly responseHandler: number;
  private readonly timeoutKind: number;

  constructor(private readonly world: World) {
    this.pools = new HttpPools(world, (call, conn) => this.dispatch(call, conn), (call, outcome) =>
      this.complete(call, failure(outcome === "timeout" ? "timeout" : "unavailable", world.k.now - call.startMs), outcome));
    this.requestHandler = world.net.registerHandler((m) => this.onRequest(m));
    this.responseHandler = world.net.registerHandler((m) => this.onResponse(m));
    this.timeoutKind = world.k.register((_n: number, call: HttpCall) => this.onTimeout(call));
    world.instanceDownHooks.push((inst) => this.onInstanceDown(inst));
  }

  call(caller: Instance, item: WorkItem | undefined, to: string, init: HttpRequestInit,
    cb: ((res: HttpResponse) => void) | undefined, opts: CallOptions | undefined): number {
    const world = this.world;
    const target = world.resolveTarget(to);
    if (!target) throw new Error(`ctx.http: unknown service or instance "${to}"`);
    const callId = world.nextCallId++;
    const epoch = caller.epoch;
    world.effect(caller, item, () => {
      if (caller.epoch === epoch) this.begin(callId, caller, item, to, target.svc.name, init, cb, opts);
    });
    return callId;
  }

  private begin(callId: number, caller: Instance, item: WorkItem | undefined, to: string, toService: string,
    init: HttpRequestInit, cb: ((res: HttpResponse) => void) | undefined, opts: CallOptions | undefined): void {
    const world = this.world, k = world.k;
    const traceId = item?.traceId || world.tracer.newTraceId();
    const spanId = world.tracer.newSpanId();
    const method = init.method ?? "GET", path = init.path ?? "/";
    const headers = { ...(init.headers ?? NO_HEADERS), traceparent: formatTraceparent(traceId, spanId) };
    const bodyBytes = init.bodyBytes ?? measureBytes(init.body);
    const sizeBytes = utf8Length(method) + utf8Length(path) + 11 + headerBytes(headers) + bodyBytes;
    const req: HttpRequest = { method, path, headers, body: init.body, bodyBytes, from: caller.id };
    const attempt = opts?.attempt ?? 1;
    const call: HttpCall = {
      callId, caller, callerEpoch: caller.epoch, toName: to, toService, target: undefined, req, sizeBytes,
      attempt, startMs: k.now, traceId, spanId, parentSpanId: item?.spanId ?? "", cb, done: false,
      conn: undefined, pool: undefined,
    };
    if (attempt > 1) {
      k.emit({ type: "call.retry", timeMs: k.now, callId, from: caller.id, toService, method, path, attempt, traceId });
    }
    const timeoutMs = opts?.timeoutMs ?? world.scenario.http.defaultTimeoutMs;
    k.emit({
      type: "call.start", timeMs: k.now, callId, protocol: "http", from: caller.id, fromService: caller.group,
      toService, method, path, attempt, sizeBytes, deadlineAtMs: k.now + timeoutMs, traceId, spanId,
      parentSpanId: call.parentSpanId, streaming: false,
    });
    this.pending.add(call);
    k.after(timeoutMs, this.timeoutKind, 0, call);
    this.pools.acquire(call);
  }

  private dispatch(call: HttpCall, conn: Conn): void {
    call.conn = conn;
    call.target = conn.target;
    this.world.net.send(call.caller, conn.target, "http", "http.request", call.sizeBytes, call.callId,
      call.traceId, this.requestHandler, call);
  }

  private onRequest(m: NetMessage): void {
    const call = m.payload as HttpCall;
    if (m.duplicate) return; // TCP discards duplicate segments; the app never sees them
    const inst = m.to as Instance;
    const world = this.world;
    const item = newWorkItem(world.nextWorkId++, call.callId, "http", `${call.req.method} ${call.req.path}`, inst, this, call,
      world.k.now, true, false, call.traceId, world.tracer.newSpanId(), call.spanId);
    inst.accept(item);
  }

  start(item: WorkItem): void {
    const call = item.data as HttpCall;
    const inbound: HttpInbound = { kind: "http", item, call, replied: false };
    const onHttp = item.inst.service.handlers.onHttp;
    if (!onHttp) {
      this.reply(inbound, { status: 501, body: "no onHttp handler" });
      return;
    }
    const result = this.world.invoke(item.inst, item, (ctx) => onHttp(call.req, ctx), inbound);
    if (result === HANDLER_THREW) {
      if (!inbound.replied) this.reply(inbound, { status: 500, body: "handler threw" });
    } else if (result && !inbound.replied) {
      this.reply(inbound, result);
    }
  }

  reject(item: WorkItem, reason: "queue-full" | "not-up"): void {
    if (reason === "queue-full") this.respond(item.inst, item.data as HttpCall, { status: 503, body: "queue full" });
  }

  reply(inbound: HttpInbound, reply: HttpReply): void {
    if (inbound.replied) throw new Error("ctx.reply(): this request was already answered");
    inbound.replied = true;
    const { item, call } = inbound;
    this.world.effect(item.inst, item, () => {
      item.inst.finish(item, reply.status ?? 200);
      this.respond(item.inst, call, reply);
    });
  }

  private respond(server: Instance, call: HttpCall, reply: HttpReply): void {
    const headers = reply.headers ?? NO_HEADERS;
    const bodyBytes = reply.bodyBytes ?? measureBytes(reply.body);
    const res: HttpResponse = {
      status: reply.status ?? 200, headers, body: reply.body, bodyBytes, error: "", latencyMs: 0,
    };
    const sizeBytes = 15 + headerBytes(headers) + bodyBytes;
    this.world.net.send(server, call.caller, "http", "http.response", sizeBytes, call.callId, call.traceId,
      this.responseHandler, { call, res } satisfies HttpResponseMsg);
  }

  private onResponse(m: NetMessage): void {
    const { call, res } = m.payload as HttpResponseMsg;
    if (call.done || m.duplicate) return; // late (after a timeout) or a network duplicate
    res.latencyMs = this.world.k.now - call.startMs;
    this.complete(call, res, res.status >= 500 ? "error" : "ok");
    if (call.conn) this.pools.release(call.conn);
  }

  private onTimeout(call: HttpCall): void {
    if (call.done) return;
    const conn = call.conn;
    this.complete(call, failure("timeout", this.world.k.now - call.startMs), "timeout");
    // A call still waiting for a connection is skipped when its turn comes (done is set).
    if (conn) this.pools.close(conn, "timeout");
  }

  private complete(call: HttpCall, res: HttpResponse, outcome: CallOutcome): void {
    if (call.done) return;
    call.done = true;
    this.pending.delete(call);
    const k = this.world.k;
    k.emit({
      type: "call.end", timeMs: k.now, callId: call.callId, protocol: "http", from: call.caller.id,
      to: call.target?.id ?? call.toName, fromService: call.caller.group, toService: call.toService,
      method: call.req.method, path: call.req.path, attempt: call.attempt, status: res.status,
      statusName: res.error || String(res.status), outcome, startMs: call.startMs, latencyMs: k.now - call.startMs,
      sizeBytes: res.bodyBytes, messages: res.error ? 0 : 1, traceId: call.traceId, spanId: call.spanId,
      parentSpanId: call.parentSpanId,
    });
    const cb = call.cb;
    if (cb) this.world.callback(call.caller, call.callerEpoch, () => cb(res));
  }

  /** A crashed caller loses its calls silently; a crashed server resets its clients' connections. */
  private onInstanceDown(inst: Instance): void {
    for (const call of [...this.pending]) {
      if (call.caller === inst) {
        call.done = true;
        this.pending.delete(call);
      } else if (call.target === inst) {
        const delayMs = this.world.net.link(inst.group, call.caller.group).sampleMs();
        this.world.runOn(call.caller, this.world.k.now + delayMs, () =>
          this.complete(call, failure("reset", this.world.k.now - call.startMs), "error"));
      }
    }
    this.pools.onInstanceDown(inst);
  }
}

function failure(error: HttpResponse["error"], latencyMs: number): HttpResponse {
  return { status: 0, headers: NO_HEADERS, body: null, bodyBytes: 0, error, latencyMs };
}
