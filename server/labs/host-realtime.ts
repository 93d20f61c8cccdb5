/**
 * The host side of the learner SDK's realtime surface (guest/realtime.js): WebSockets — `ws`-style
 * servers and browser-style clients — and Redis-style pub/sub. It turns the engine's WebSocket and
 * pub/sub callbacks into guest events and offers the bridge functions the guest calls. LabHost owns the
 * sandbox and the queue; this class only needs the narrow `RealtimeHostPort` below.
 *
 * Half-open connections are real here: when one end terminates behind a cut link, the engine forgets
 * the connection but the other end's code still holds an open socket. Sends and pings on it go nowhere
 * (the bridge answers false instead of throwing) until that end's own timeouts notice.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { typedBridge, type BridgeFunction } from "../sandbox/bridge";
import type { Json } from "../sandbox/types";
import type { InboundMessage, ServiceHandlers, SimContext } from "../sim/api";
import type { Sim } from "../sim/sim";

export const LAB_REALTIME_SOURCE = readFileSync(new URL("./guest/realtime.js", import.meta.url), "utf8");
/** The module id lab-sdk.js imports the realtime surface from (never importable by learner code). */
export const LAB_REALTIME_MODULE = "lab-realtime";

/** What LabHost lends to the realtime bridge. */
export interface RealtimeHostPort {
  /** The context of the handler running now (throws outside handlers, with `what` in the message). */
  ctx(what: string): SimContext;
  sim(): Sim;
  /** Queues an event for the guest (delivered once the current guest call returns). */
  enter(ctx: SimContext, payload: Record<string, Json>): void;
}

const MESSAGE_CHARS_MAX = 64 * 1024;
const str = (max: number) => z.string().max(max);
const connId = z.number().int().positive();

export class LabRealtime {
  constructor(private readonly port: RealtimeHostPort) {}

  /** The engine's WebSocket handlers for a learner service. */
  handlers(): Pick<ServiceHandlers, "onWsOpen" | "onWsMessage" | "onWsClose" | "onWsPong"> {
    const { port } = this;
    return {
      onWsOpen: (c, ctx) => port.enter(ctx, { t: "ws.open", connId: c.connId, role: c.role, peer: c.peer, path: c.path }),
      onWsMessage: (m, ctx) => port.enter(ctx, { t: "ws.message", connId: m.connId, data: m.data as Json }),
      onWsPong: (p, ctx) => port.enter(ctx, { t: "ws.pong", connId: p.connId }),
      onWsClose: (i, ctx) => port.enter(ctx, { t: "ws.close", connId: i.connId, code: i.code, reason: i.reason, wasClean: i.wasClean }),
    };
  }

  /** A pub/sub message for a learner service (the other `InboundMessage` sources are LabHost's). */
  onPubSub(msg: Extract<InboundMessage, { source: "pubsub" }>, ctx: SimContext): void {
    this.port.enter(ctx, { t: "pubsub", broker: msg.broker, channel: msg.topic, data: msg.data as Json });
  }

  bridge(): Record<string, BridgeFunction> {
    return {
      wsConnect: typedBridge(z.tuple([str(100), str(2_000)]), ([to, path]) => {
        const ctx = this.port.ctx("new WebSocket()");
        if (!this.port.sim().world.resolveTarget(to)) throw new Error(`new WebSocket(): no service or instance "${to}" in this lab`);
        return ctx.wsConnect(to, path);
      }),
      wsSend: typedBridge(z.tuple([connId, str(MESSAGE_CHARS_MAX)]), ([id, data]) => {
        const ctx = this.port.ctx("ws.send()");
        if (this.stateOf(id) !== "open") return false;
        ctx.wsSend(id, data);
        return true;
      }),
      wsClose: typedBridge(z.tuple([connId, z.number().int(), str(123)]), ([id, code, reason]) => {
        const ctx = this.port.ctx("ws.close()");
        if (this.stateOf(id) !== "open") return false;
        ctx.wsClose(id, code, reason);
        return true;
      }),
      wsTerminate: typedBridge(z.tuple([connId]), ([id]) => {
        const ctx = this.port.ctx("ws.terminate()");
        const state = this.stateOf(id);
        if (state === "closed" || state === "connecting") return false;
        ctx.wsTerminate(id);
        return true;
      }),
      wsPing: typedBridge(z.tuple([connId]), ([id]) => {
        const ctx = this.port.ctx("ws.ping()");
        if (this.stateOf(id) !== "open") return false;
        ctx.wsPing(id);
        return true;
      }),
      pubsubPublish: typedBridge(z.tuple([str(100), str(200), str(MESSAGE_CHARS_MAX)]), ([broker, channel, message]) => {
        const ctx = this.port.ctx("redis.publish()");
        this.checkBroker(broker, "redis.publish()");
        ctx.pubsubPublish(broker, channel, message);
      }),
      pubsubSubscribe: typedBridge(z.tuple([str(100), str(200)]), ([broker, channel]) => {
        const ctx = this.port.ctx("redis.subscribe()");
        this.checkBroker(broker, "redis.subscribe()");
        ctx.pubsubSubscribe(broker, channel);
      }),
    };
  }

  private stateOf(id: number): string {
    return this.port.sim().world.ws.stateOf(id);
  }

  private checkBroker(name: string, what: string): void {
    const brokers = this.port.sim().world.pubsub.brokers;
    if (!brokers.has(name)) {
      const names = [...brokers.keys()].join(", ") || "none";
      throw new Error(`${what}: this lab has no pub/sub broker "${name}" (its pub/sub brokers: ${names})`);
    }
  }
}
