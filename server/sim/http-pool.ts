import type { CallOutcome } from "./events";
import type { HttpCall } from "./http";
import type { Instance } from "./instance";
import type { World } from "./world";

export interface Conn {
  id: number; pool: Pool; target: Instance; targetEpoch: number; busy: boolean; open: boolean; closed: boolean;
}
export interface Pool {
  caller: Instance; toName: string; size: number; idle: Map<Instance, Conn[]>; all: Set<Conn>; waiting: HttpCall[];
  waitHead: number; maxConnections: number; connectTimeoutMs: number;
}

/**
 * Per caller instance and target, a bounded pool of keep-alive connections. The load balancer picks an
 * instance per request and an idle connection to it is reused; when the pool is full, an idle
 * connection to any instance is taken, and otherwise the request waits for one (FIFO).
 */
export class HttpPools {
  private readonly byCaller = new Map<Instance, Map<string, Pool>>();

  constructor(
    private readonly world: World,
    private readonly dispatch: (call: HttpCall, conn: Conn) => void,
    private readonly fail: (call: HttpCall, outcome: CallOutcome) => void,
  ) {}

  /** Overrides the caller service's pool size (workload clients use a large one). */
  readonly maxConnectionsOverride = new Map<string, number>();

  acquire(call: HttpCall): void {
    const pool = this.poolFor(call.caller, call.toName);
    call.pool = pool;
    const target = this.world.pickInstance(call.toName);
    if (!target) {
      this.fail(call, "unavailable");
      return;
    }
    const conn = this.takeIdle(pool, target) ?? (pool.size < pool.maxConnections ? undefined : this.takeAnyIdle(pool));
    if (conn) {
      conn.busy = true;
      this.dispatch(call, conn);
    } else if (pool.size < pool.maxConnections) {
      this.open(pool, call, target);
    } else {
      pool.waiting.push(call);
    }
  }

  private takeIdle(pool: Pool, target: Instance): Conn | undefined {
    const list = pool.idle.get(target);
    while (list && list.length > 0) {
      const conn = list.pop()!;
      if (this.alive(conn)) return conn;
      this.close(conn, "peer-gone");
    }
    return undefined;
  }

  private takeAnyIdle(pool: Pool): Conn | undefined {
    for (const target of [...pool.idle.keys()]) {
      const conn = this.takeIdle(pool, target);
      if (conn) return conn;
    }
    return undefined;
  }

  release(conn: Conn): void {
    conn.busy = false;
    if (conn.closed) return;
    if (!this.alive(conn)) {
      this.close(conn, "peer-gone");
      return;
    }
    const next = this.nextWaiting(conn.pool);
    if (next) {
      conn.busy = true;
      this.dispatch(next, conn);
    } else {
      const list = conn.pool.idle.get(conn.target);
      if (list) list.push(conn);
      else conn.pool.idle.set(conn.target, [conn]);
    }
  }

  close(conn: Conn, reason: string): void {
    if (conn.closed) return;
    conn.closed = true;
    const pool = conn.pool;
    pool.size--;
    pool.all.delete(conn);
    const idle = pool.idle.get(conn.target);
    const i = idle ? idle.indexOf(conn) : -1;
    if (i >= 0) idle!.splice(i, 1);
    if (conn.open) {
      const k = this.world.k;
      k.emit({ type: "conn.close", timeMs: k.now, connId: conn.id, protocol: "http", from: pool.caller.id, to: conn.target.id, reason });
    }
    if (pool.caller.reachable() && pool.size < pool.maxConnections) {
      const next = this.nextWaiting(pool);
      const target = next && this.world.pickInstance(next.toName);
      if (next && target) this.open(pool, next, target);
      else if (next) this.fail(next, "unavailable");
    }
  }

  onInstanceDown(inst: Instance): void {
    this.byCaller.delete(inst);
    for (const pools of this.byCaller.values()) {
      for (const pool of pools.values()) {
        for (const conn of [...pool.all]) if (conn.target === inst) this.close(conn, "peer-reset");
      }
    }
  }

  private open(pool: Pool, call: HttpCall, target: Instance): void {
    const world = this.world, k = world.k;
    const conn: Conn = {
      id: world.nextConnId++, pool, target, targetEpoch: target.epoch, busy: true, open: false, closed: false,
    };
    pool.size++;
    pool.all.add(conn);
    const caller = pool.caller;
    if (world.net.isPartitioned(caller, target)) {
      // SYNs vanish: the connect attempt fails only when the connect timeout expires.
      world.runOn(caller, k.now + pool.connectTimeoutMs, () => {
        this.close(conn, "connect-timeout");
        if (!call.done) this.fail(call, "unavailable");
      });
      return;
    }
    const handshakeMs = world.net.link(caller.group, target.group).sampleMs() + world.net.link(target.group, caller.group).sampleMs();
    world.runOn(caller, k.now + handshakeMs, () => this.connected(conn, call));
  }

  private connected(conn: Conn, call: HttpCall): void {
    if (conn.closed) return;
    if (!this.alive(conn)) {
      this.close(conn, "refused");
      if (!call.done) this.fail(call, "unavailable");
      return;
    }
    conn.open = true;
    const k = this.world.k;
    k.emit({
      type: "conn.open", timeMs: k.now, connId: conn.id, protocol: "http", from: conn.pool.caller.id,
      to: conn.target.id, poolSize: conn.pool.size,
    });
    if (call.done) this.release(conn);
    else this.dispatch(call, conn);
  }

  private nextWaiting(pool: Pool): HttpCall | undefined {
    while (pool.waitHead < pool.waiting.length) {
      const call = pool.waiting[pool.waitHead++]!;
      if (pool.waitHead > 256 && pool.waitHead * 2 > pool.waiting.length) {
        pool.waiting = pool.waiting.slice(pool.waitHead);
        pool.waitHead = 0;
      }
      if (!call.done) return call;
    }
    return undefined;
  }

  private alive(conn: Conn): boolean {
    return conn.target.epoch === conn.targetEpoch && conn.target.reachable();
  }

  private poolFor(caller: Instance, toName: string): Pool {
    let pools = this.byCaller.get(caller);
    if (!pools) {
      pools = new Map();
      this.byCaller.set(caller, pools);
    }
    let pool = pools.get(toName);
    if (!pool) {
      const spec = caller.service.spec.httpPool;
      pool = {
        caller, toName, size: 0, idle: new Map(), all: new Set(), waiting: [], waitHead: 0,
        maxConnections: this.maxConnectionsOverride.get(caller.group) ?? spec.maxConnections,
        connectTimeoutMs: spec.connectTimeoutMs,
      };
      pools.set(toName, pool);
    }
    return pool;
  }
}
