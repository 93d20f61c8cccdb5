import type { Instance } from "./instance";
import type { NetMessage } from "./network";
import { measureBytes } from "./sizes";
import { type WorkHandler, type WorkItem, newWorkItem } from "./work";
import { WsCloseCode, isSendableCloseCode, wsCloseCodeName } from "./websocket-codes";
import type { World } from "./world";

interface WsConn {
  id: number; client: Instance; clientEpoch: number; server: Instance | undefined; serverEpoch: number; path: string;
  state: "connecting" | "open" | "closing" | "closed"; pingIntervalMs: number; pongTimeoutMs: number;
  pongDueAtMs: number; closeInitiator: Instance | undefined;
  /** Sides already told the connection closed (a reset after a close handshake must not tell them twice). */
  told: Set<Instance>;
}
interface Frame {
  conn: WsConn; op: "upgrade" | "accept" | "message" | "ping" | "pong" | "close" | "reset"; data: unknown; code: number; reason: string;
  /** Payload size of a data frame, as the receiver sees it. */
  bytes?: number;
}

/**
 * WebSocket connections: an HTTP Upgrade handshake, messages both ways, ping/pong keep-alive with a pong
 * timeout, and the RFC 6455 closing handshake (a process that dies without one is seen as 1006).
 */
export class WebSocketModule implements WorkHandler {
  private readonly conns = new Map<number, WsConn>();
  private readonly frameHandler: number;
  private readonly pingKind: number;

  constructor(private readonly world: World) {
    this.frameHandler = world.net.registerHandler((m) => this.onFrame(m));
    this.pingKind = world.k.register((_n: number, conn: WsConn) => this.onPingTimer(conn));
    world.instanceDownHooks.push((inst) => this.onInstanceDown(inst));
  }

  connect(inst: Instance, item: WorkItem | undefined, to: string, path: string, opts: { pingIntervalMs?: number; pongTimeoutMs?: number }): number {
    if (!this.world.resolveTarget(to)) throw new Error(`wsConnect: unknown service or instance "${to}"`);
    const conn: WsConn = {
      id: this.world.nextConnId++, client: inst, clientEpoch: inst.epoch, server: undefined, serverEpoch: 0, path,
      state: "connecting", pingIntervalMs: opts.pingIntervalMs ?? 0, pongTimeoutMs: opts.pongTimeoutMs ?? 10_000,
      pongDueAtMs: Infinity, closeInitiator: undefined, told: new Set(),
    };
    this.conns.set(conn.id, conn);
    this.world.effect(inst, item, () => {
      const server = this.world.pickInstance(to);
      if (!server) {
        this.closed(conn, WsCloseCode.ABNORMAL_CLOSURE, "connection refused", inst, false);
        return;
      }
      conn.server = server;
      conn.serverEpoch = server.epoch;
      this.sendFrame(inst, server, { conn, op: "upgrade", data: null, code: 0, reason: "" }, 200);
    });
    return conn.id;
  }

  send(inst: Instance, item: WorkItem | undefined, connId: number, data: unknown, sizeBytes: number | undefined): void {
    const conn = this.own(inst, connId, "wsSend");
    if (conn.state !== "open") throw new Error(`wsSend: connection ${connId} is ${conn.state}`);
    const bytes = sizeBytes ?? measureBytes(data);
    this.world.effect(inst, item, () => this.sendFrame(inst, this.peer(conn, inst), { conn, op: "message", data, code: 0, reason: "", bytes }, bytes + 6));
  }

  close(inst: Instance, item: WorkItem | undefined, connId: number, code: number, reason: string): void {
    const conn = this.own(inst, connId, "wsClose");
    if (!isSendableCloseCode(code)) throw new Error(`wsClose: ${code} may not be sent in a close frame (RFC 6455 §7.4)`);
    if (conn.state !== "open") return;
    conn.state = "closing";
    conn.closeInitiator = inst;
    this.world.effect(inst, item, () => this.sendFrame(inst, this.peer(conn, inst), { conn, op: "close", data: null, code, reason }, 8 + reason.length));
  }

  /** A ping frame from either end (ws's `ws.ping()`): the peer answers with a pong, reported by `onWsPong`. */
  ping(inst: Instance, item: WorkItem | undefined, connId: number): void {
    const conn = this.own(inst, connId, "wsPing");
    if (conn.state !== "open") throw new Error(`wsPing: connection ${connId} is ${conn.state}`);
    this.world.effect(inst, item, () => this.sendFrame(inst, this.peer(conn, inst), { conn, op: "ping", data: null, code: 0, reason: "" }, 6));
  }

  /**
   * Drops the connection without a closing handshake (ws's `terminate()`): closed on this side at once
   * (1006), and the peer sees 1006 when the TCP reset reaches it — never, if the link is cut or the peer
   * is gone, which leaves the peer with a half-open connection until its own timeouts notice.
   */
  terminate(inst: Instance, item: WorkItem | undefined, connId: number): void {
    const conn = this.own(inst, connId, "wsTerminate");
    this.world.effect(inst, item, () => {
      if (conn.state === "closed") return;
      const peer = conn.client === inst ? conn.server : conn.client;
      this.closed(conn, WsCloseCode.ABNORMAL_CLOSURE, "terminated", inst, false, inst);
      if (peer) this.sendFrame(inst, peer, { conn, op: "reset", data: null, code: 0, reason: `${inst.id} terminated the connection` }, 0);
    });
  }

  /** The connection's state ("closed" also for ids that are unknown or already forgotten). */
  stateOf(connId: number): WsConn["state"] {
    return this.conns.get(connId)?.state ?? "closed";
  }

  private own(inst: Instance, connId: number, method: string): WsConn {
    const conn = this.conns.get(connId);
    if (!conn || (conn.client !== inst && conn.server !== inst)) throw new Error(`${method}: no connection ${connId} on ${inst.id}`);
    return conn;
  }

  private peer(conn: WsConn, self: Instance): Instance {
    return conn.client === self ? conn.server! : conn.client;
  }

  private sendFrame(from: Instance, to: Instance, frame: Frame, sizeBytes: number): void {
    this.world.net.send(from, to, "ws", `ws.${frame.op}`, sizeBytes, frame.conn.id, "", this.frameHandler, frame);
  }

  private onFrame(m: NetMessage): void {
    const frame = m.payload as Frame;
    const conn = frame.conn;
    const self = m.to as Instance;
    if (m.duplicate || (conn.state === "closed" && frame.op !== "reset")) return;
    if (self.state === "paused") {
      // A stopped process answers nothing, not even pings: that is how keep-alives detect a stall.
      self.backlog.push(() => this.onFrame(m));
      return;
    }
    switch (frame.op) {
      case "upgrade": return this.onUpgrade(conn, self);
      case "accept":
        conn.state = "open";
        this.notifyOpen(conn, self, "client");
        if (conn.pingIntervalMs > 0) this.world.k.after(conn.pingIntervalMs, this.pingKind, 0, conn);
        return;
      case "ping": return this.sendFrame(self, this.peer(conn, self), { ...frame, op: "pong" }, 6);
      case "pong":
        conn.pongDueAtMs = Infinity;
        return this.notifyPong(conn, self);
      case "reset": return this.notifyClose(conn, self, WsCloseCode.ABNORMAL_CLOSURE, frame.reason, false);
      case "message":
        self.accept(newWorkItem(this.world.nextWorkId++, conn.id, "ws", conn.path, self, this, { conn, frame }, this.world.k.now, false, true, "", "", ""));
        return;
      case "close":
        if (conn.state === "closing" && conn.closeInitiator === self) return this.closed(conn, frame.code, frame.reason, self, true, self);
        // Echo the close frame (RFC 6455 §5.5.1), then the connection is closed on this side too.
        this.sendFrame(self, this.peer(conn, self), { ...frame }, 8 + frame.reason.length);
        conn.state = "closing";
        conn.closeInitiator = this.peer(conn, self);
        return this.notifyClose(conn, self, frame.code, frame.reason, true);
    }
  }

  private onUpgrade(conn: WsConn, server: Instance): void {
    conn.state = "open";
    const k = this.world.k;
    k.emit({ type: "ws.open", timeMs: k.now, connId: conn.id, from: conn.client.id, to: server.id, path: conn.path });
    this.notifyOpen(conn, server, "server");
    this.sendFrame(server, conn.client, { conn, op: "accept", data: null, code: 101, reason: "" }, 130);
  }

  private notifyOpen(conn: WsConn, self: Instance, role: "client" | "server"): void {
    const onWsOpen = self.service.handlers.onWsOpen;
    const peer = role === "client" ? conn.server!.id : conn.client.id;
    if (onWsOpen) this.world.callback(self, self.epoch, () => this.world.invoke(self, undefined, (ctx) => onWsOpen({ connId: conn.id, peer, path: conn.path, role }, ctx)));
  }

  start(item: WorkItem): void {
    const { conn, frame } = item.data as { conn: WsConn; frame: Frame };
    const onWsMessage = item.inst.service.handlers.onWsMessage;
    if (onWsMessage) this.world.invoke(item.inst, item, (ctx) => onWsMessage({ connId: conn.id, data: frame.data, sizeBytes: frame.bytes ?? 0 }, ctx));
  }

  reject(): void {}

  private onPingTimer(conn: WsConn): void {
    if (conn.state !== "open" || conn.client.epoch !== conn.clientEpoch) return;
    const now = this.world.k.now;
    if (conn.pongDueAtMs <= now) {
      this.closed(conn, WsCloseCode.ABNORMAL_CLOSURE, "pong timeout", conn.client, false, conn.client);
      return;
    }
    if (conn.client.state === "up") {
      this.sendFrame(conn.client, conn.server!, { conn, op: "ping", data: null, code: 0, reason: "" }, 6);
      if (conn.pongDueAtMs === Infinity) conn.pongDueAtMs = now + conn.pongTimeoutMs;
    }
    this.world.k.after(Math.min(conn.pingIntervalMs, conn.pongTimeoutMs), this.pingKind, 0, conn);
  }

  /** Closes the connection, emits ws.close once and tells the side(s) still alive. */
  private closed(conn: WsConn, code: number, reason: string, initiator: Instance, wasClean: boolean, only?: Instance): void {
    if (conn.state === "closed") return;
    conn.state = "closed";
    this.conns.delete(conn.id);
    const k = this.world.k;
    k.emit({
      type: "ws.close", timeMs: k.now, connId: conn.id, from: conn.client.id, to: conn.server?.id ?? "", code,
      codeName: wsCloseCodeName(code), reason, initiator: initiator.id,
    });
    for (const side of [conn.client, conn.server]) {
      if (side && (!only || side === only)) this.notifyClose(conn, side, code, reason, wasClean);
    }
  }

  private notifyPong(conn: WsConn, self: Instance): void {
    const onWsPong = self.service.handlers.onWsPong;
    if (onWsPong) this.world.callback(self, self.epoch, () => this.world.invoke(self, undefined, (ctx) => onWsPong({ connId: conn.id }, ctx)));
  }

  private notifyClose(conn: WsConn, side: Instance, code: number, reason: string, wasClean: boolean): void {
    if (conn.told.has(side)) return;
    conn.told.add(side);
    const onWsClose = side.service.handlers.onWsClose;
    const epoch = side === conn.client ? conn.clientEpoch : conn.serverEpoch;
    if (onWsClose) this.world.callback(side, epoch, () => this.world.invoke(side, undefined, (ctx) => onWsClose({ connId: conn.id, code, reason, wasClean }, ctx)));
  }

  /** A dead process sends no close frame: the peer sees 1006 once the TCP reset reaches it. */
  private onInstanceDown(inst: Instance): void {
    for (const conn of [...this.conns.values()]) {
      if (conn.client !== inst && conn.server !== inst) continue;
      const other = conn.client === inst ? conn.server : conn.client;
      if (!other) continue;
      const delayMs = this.world.net.link(inst.group, other.group).sampleMs();
      this.world.runOn(other, this.world.k.now + delayMs, () =>
        this.closed(conn, WsCloseCode.ABNORMAL_CLOSURE, `${inst.id} went away`, inst, false, other));
    }
  }
}
