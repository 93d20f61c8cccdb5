/**
 * The host side of the learner SDK's gRPC surface (guest/grpc.js, in the style of @grpc/grpc-js):
 * the bridge functions it calls and the `onRpc` handler that hands inbound RPCs to it. LabHost owns the
 * sandbox, the queue and the inbound table; this class only needs the narrow `GrpcHostPort` below.
 *
 * Semantics that differ from the engine's defaults, on purpose, to match grpc-js:
 * - a downstream call inherits the deadline of the call being handled only when the learner passes
 *   `parent: call` (the engine would propagate always, as Go and Java contexts do);
 * - an answer after the server-side deadline is dropped silently, like grpc-js's callback after
 *   cancellation, instead of being an error;
 * - messages are normalised through a Protobuf encode/decode round trip (proto-loader's
 *   `keepCase, defaults, longs: String, enums: String`), so both ends see what the wire carries.
 */
import { readFileSync } from "node:fs";
import protobuf from "protobufjs";
import { z } from "zod";
import { typedBridge, type BridgeFunction } from "../sandbox/bridge";
import { jsonSchema, type Json } from "../sandbox/types";
import type { RpcRequest, RpcResponse, SimContext } from "../sim/api";
import { GrpcStatus, grpcStatusName } from "../sim/grpc-status";
import { GRPC_FRAME_PREFIX_BYTES } from "../sim/protobuf-sizes";
import type { Sim } from "../sim/sim";
import type { Lab } from "./registry";

export const LAB_GRPC_SOURCE = readFileSync(new URL("./guest/grpc.js", import.meta.url), "utf8");
/** The module id lab-sdk.js imports the gRPC surface from (never importable by learner code: compile allows "lab" only). */
export const LAB_GRPC_MODULE = "lab-grpc";

export interface GrpcInboundRef { ctx: SimContext; kind: string; done: boolean }

/** What LabHost lends to the gRPC bridge. */
export interface GrpcHostPort {
  /** The context of the handler running now (throws outside handlers, with `what` in the message). */
  ctx(what: string): SimContext;
  sim(): Sim;
  /** Registers an inbound call and returns its invocation id. */
  open(ctx: SimContext): number;
  inbound(inv: number): GrpcInboundRef | undefined;
  close(inv: number): void;
  /** Queues an event for the guest (delivered once the current guest call returns). */
  enter(ctx: SimContext, payload: Record<string, Json>): void;
  nextWaitId(): number;
}

const HEX_BYTES_MAX = 64;
const roots = new WeakMap<Lab, protobuf.Root>();

function rootOf(lab: Lab): protobuf.Root {
  let root = roots.get(lab);
  if (!root) {
    root = new protobuf.Root();
    for (const source of Object.values(lab.scenario.protos)) protobuf.parse(source, root, { keepCase: true });
    root.resolveAll();
    roots.set(lab, root);
  }
  return root;
}

const str = (max: number) => z.string().max(max);
const callOptions = z.object({
  deadlineMs: z.number().finite(),
  parentInv: z.number().int(),
  parentDeadlineMs: z.number().finite(),
  metadata: z.record(str(100), str(1_000)),
  stream: z.boolean(),
});

interface ServerSide { method: protobuf.Method | undefined; streaming: boolean }

export class LabGrpc {
  /** Inbound RPCs not yet answered, by invocation id. */
  private readonly serving = new Map<number, ServerSide>();

  constructor(private readonly lab: Lab, private readonly port: GrpcHostPort) {}

  /** The engine's handler for an RPC arriving at a learner service. */
  onRpc(req: RpcRequest, ctx: SimContext): void {
    const inv = this.port.open(ctx);
    const info = this.method(req.method);
    this.serving.set(inv, { method: info, streaming: req.streaming });
    const message = info ? this.normalise(info.resolvedRequestType!, req.message) : (req.message as Json);
    this.port.enter(ctx, {
      t: "grpc", inv,
      req: { method: req.method.replace(/^\//, ""), message, metadata: req.metadata, from: req.from, deadlineAtMs: req.deadlineAtMs, streaming: req.streaming },
    });
  }

  /** Whether an uncaught error in a handler should end this inbound RPC (then it answers UNKNOWN). */
  onHandlerError(inv: number, message: string): boolean {
    const ib = this.port.inbound(inv);
    if (!ib || ib.kind !== "grpc") return false;
    if (!ib.done) this.finish(inv, GrpcStatus.UNKNOWN, message.slice(0, 500));
    return true;
  }

  bridge(): Record<string, BridgeFunction> {
    return {
      grpcService: typedBridge(z.tuple([str(200)]), ([name]) => this.service(name)),
      grpcSizes: typedBridge(z.tuple([str(200), jsonSchema]), ([type, message]) => this.sizes(type, message)),
      grpcCall: typedBridge(z.tuple([str(100), str(300), jsonSchema, callOptions]), ([to, method, message, opts]) => this.call(to, method, message, opts)),
      grpcReply: typedBridge(z.tuple([z.number().int(), jsonSchema]), ([inv, message]) => {
        const ib = this.live(inv, "callback()");
        if (!ib) return;
        const problem = this.check(this.serving.get(inv)?.method?.resolvedResponseType, message);
        if (problem) {
          this.finish(inv, GrpcStatus.INTERNAL, `Error serializing response: ${problem}`);
          throw new TypeError(`callback(null, reply): ${problem}`);
        }
        this.close(inv);
        ib.ctx.reply({ message: message as Record<string, unknown> });
      }),
      grpcWrite: typedBridge(z.tuple([z.number().int(), jsonSchema]), ([inv, message]) => {
        const ib = this.live(inv, "call.write()");
        if (!ib) return;
        const problem = this.check(this.serving.get(inv)?.method?.resolvedResponseType, message);
        if (problem) throw new TypeError(`call.write(message): ${problem}`);
        ib.ctx.send(message as Record<string, unknown>);
      }),
      grpcFinish: typedBridge(z.tuple([z.number().int(), z.number().int().min(0).max(16), str(2_000)]), ([inv, code, details]) => {
        if (this.live(inv, "ending the call")) this.finish(inv, code, details);
      }),
    };
  }

  // ── server side ──

  /** The inbound call if it can still be answered; undefined when its deadline has passed (drop it). */
  private live(inv: number, what: string): GrpcInboundRef | undefined {
    const ib = this.port.inbound(inv);
    if (!ib || ib.kind !== "grpc") throw new Error(`${what}: unknown call`);
    if (ib.done) throw new Error(`${what}: this call was already answered`);
    if (ib.ctx.now >= ib.ctx.deadlineAtMs) {
      this.close(inv); // the engine cancelled it at the deadline; late answers go nowhere
      return undefined;
    }
    return ib;
  }

  private finish(inv: number, code: number, details: string): void {
    const ib = this.port.inbound(inv)!;
    const streaming = this.serving.get(inv)?.streaming ?? false;
    this.close(inv);
    if (ib.ctx.now >= ib.ctx.deadlineAtMs) return;
    if (streaming) ib.ctx.end(code, details);
    else ib.ctx.reply({ code, details });
  }

  private close(inv: number): void {
    this.serving.delete(inv);
    this.port.close(inv);
  }

  // ── client side ──

  private call(to: string, method: string, message: Json, opts: z.infer<typeof callOptions>): number {
    const parent = opts.parentInv >= 0 ? this.port.inbound(opts.parentInv) : undefined;
    // With `parent`, the call is made in the parent's context so the engine caps its deadline exactly;
    // once the parent has been answered, the parent's deadline is folded in by hand.
    const ctx = parent && parent.kind === "grpc" ? parent.ctx : this.port.ctx(`${method.split("/")[1] ?? "a gRPC call"}()`);
    let deadlineMs = opts.deadlineMs >= 0 ? opts.deadlineMs : undefined;
    if (!parent && opts.parentDeadlineMs >= 0) deadlineMs = Math.min(deadlineMs ?? Infinity, opts.parentDeadlineMs);
    const id = this.port.nextWaitId();
    const fail = (code: number, details: string) =>
      this.port.enter(ctx, { t: "resolve", id, value: { code, codeName: grpcStatusName(code), message: null, details, latencyMs: 0 } });
    const info = this.method(method);
    if (!this.port.sim().world.resolveTarget(to)) {
      fail(GrpcStatus.UNAVAILABLE, `Name resolution failed for target dns:${to}`);
      return id;
    }
    if (!info) {
      fail(GrpcStatus.UNIMPLEMENTED, `unknown method ${method}`);
      return id;
    }
    const problem = this.check(info.resolvedRequestType, message);
    if (problem) {
      fail(GrpcStatus.INTERNAL, `Request message serialization failure: ${problem}`);
      return id;
    }
    const rpcOpts = { deadlineMs, metadata: opts.metadata, propagateDeadline: parent !== undefined };
    const resType = info.resolvedResponseType!;
    const onEnd = (res: RpcResponse) => this.port.enter(ctx, {
      t: "resolve", id,
      value: { code: res.code, codeName: res.codeName, details: res.details, latencyMs: res.latencyMs, message: res.message ? this.normalise(resType, res.message) : null },
    });
    const body = message as Record<string, unknown>;
    if (opts.stream) {
      ctx.rpcStream(to, method, body, (m) => this.port.enter(ctx, { t: "grpc.data", id, message: this.normalise(resType, m) }), onEnd, rpcOpts);
    } else {
      ctx.rpc(to, method, body, onEnd, rpcOpts);
    }
    return id;
  }

  // ── protos ──

  private service(name: string): Json {
    const root = rootOf(this.lab);
    const found = root.lookup(name);
    if (!(found instanceof protobuf.Service)) {
      const known = root.nestedArray.length ? servicesOf(root).join(", ") : "none";
      throw new TypeError(`no gRPC service "${name}" in this lab's .proto files (services: ${known})`);
    }
    return found.methodsArray.map((m) => ({ name: m.name, responseStream: m.responseStream === true }));
  }

  private method(fullName: string): protobuf.Method | undefined {
    const m = /^\/?([\w.]+)\/(\w+)$/.exec(fullName);
    if (!m) return undefined;
    const service = rootOf(this.lab).lookup(m[1]!);
    const method = service instanceof protobuf.Service ? service.methods[m[2]!] : undefined;
    method?.resolve();
    return method;
  }

  /** protobufjs's verdict on a message (null when it fits). */
  private check(type: protobuf.Type | null | undefined, message: Json): string | null {
    if (!type) return null;
    if (message === null || typeof message !== "object" || Array.isArray(message)) return `a ${type.name} must be an object`;
    return type.verify(message);
  }

  private normalise(type: protobuf.Type, message: unknown): Json {
    try {
      const decoded = type.decode(type.encode(type.fromObject(message as Record<string, unknown>)).finish());
      return type.toObject(decoded, { defaults: true, longs: String, enums: String, bytes: String }) as Json;
    } catch {
      return message as Json;
    }
  }

  private sizes(typeName: string, message: Json): Json {
    let type: protobuf.Type;
    try {
      type = rootOf(this.lab).lookupType(typeName);
    } catch {
      throw new TypeError(`grpc.sizes: no message type "${typeName}" in this lab's .proto files`);
    }
    const problem = message !== null && typeof message === "object" && !Array.isArray(message) ? type.verify(message) : "not an object";
    if (problem) throw new TypeError(`grpc.sizes: the message does not match ${typeName}: ${problem}`);
    const bytes = type.encode(type.fromObject(message as Record<string, unknown>)).finish();
    const hex = Array.from(bytes.subarray(0, HEX_BYTES_MAX), (b) => b.toString(16).padStart(2, "0")).join(" ");
    return {
      protobufBytes: bytes.length,
      framedBytes: bytes.length + GRPC_FRAME_PREFIX_BYTES,
      jsonBytes: Buffer.byteLength(JSON.stringify(message), "utf8"),
      hex: bytes.length > HEX_BYTES_MAX ? `${hex} …` : hex,
    };
  }
}

function servicesOf(ns: protobuf.NamespaceBase): string[] {
  return ns.nestedArray.flatMap((n) => n instanceof protobuf.Service ? [n.fullName.replace(/^\./, "")]
    : n instanceof protobuf.Namespace ? servicesOf(n) : []);
}
