import { type Sampler, compileDistribution } from "./distributions";
import type { DropReason, Protocol } from "./events";
import type { Kernel } from "./kernel";
import type { Prng } from "./prng";
import type { LinkSettings, Scenario } from "./scenario";

/** Anything that can send or receive a message: an instance or a broker. */
export interface NetNode {
  readonly id: string;
  /** Service or broker name: links and most faults are configured per group. */
  readonly group: string;
  /** Bumped on every (re)start; a message addressed to an earlier incarnation is dropped. */
  epoch: number;
  reachable(): boolean;
  /** Per-node cache of outgoing links by destination group. */
  readonly links: Map<string, Link>;
}

export interface NetMessage {
  msgId: number; from: NetNode; to: NetNode; toEpoch: number; protocol: Protocol; label: string;
  sizeBytes: number; ref: number; traceId: string; sentAtMs: number; handler: number;
  payload: unknown; duplicate: boolean;
}

/** One direction between two groups, with its own PRNG stream and its fault overrides. */
export class Link {
  addMs = 0;
  latencyOverride: Sampler | undefined;
  extraDropProbability = 0;
  lastArrivalMs = 0;
  busyUntilMs = 0;
  readonly sampler: Sampler;
  constructor(readonly settings: LinkSettings, readonly prng: Prng) {
    this.sampler = compileDistribution(settings.latencyMs);
  }

  /** A delay sample (for handshakes, which are modelled without messages). */
  sampleMs(): number {
    const base = (this.latencyOverride ?? this.sampler)(this.prng);
    const jitter = this.settings.jitterMs > 0 ? this.prng.next() * this.settings.jitterMs : 0;
    return base + jitter + this.addMs;
  }
}

/**
 * Links between groups: latency distributions, jitter, loss, duplication, reordering, bandwidth and
 * partitions. Messages on a link are FIFO (like one TCP connection) unless reordering lets one skip.
 */
export class Network {
  private readonly linkByKey = new Map<string, Link>();
  private readonly handlers: ((m: NetMessage) => void)[] = [];
  private readonly partitions: { a: Set<string>; b: Set<string> }[] = [];
  private readonly deliverKind: number;
  private nextMsgId = 1;

  constructor(private readonly k: Kernel, private readonly scenario: Scenario) {
    this.deliverKind = k.register((_n: number, m: NetMessage) => this.deliver(m));
  }

  /** Registers a protocol's delivery function; messages name it by the returned id. */
  registerHandler(fn: (m: NetMessage) => void): number {
    this.handlers.push(fn);
    return this.handlers.length - 1;
  }

  link(fromGroup: string, toGroup: string): Link {
    const key = `${fromGroup}->${toGroup}`;
    let link = this.linkByKey.get(key);
    if (!link) {
      link = new Link(this.settingsFor(fromGroup, toGroup), this.k.rng.fork(`link:${key}`));
      this.linkByKey.set(key, link);
    }
    return link;
  }

  allLinks(): Iterable<[string, Link]> {
    return this.linkByKey.entries();
  }

  send(from: NetNode, to: NetNode, protocol: Protocol, label: string, sizeBytes: number,
    ref: number, traceId: string, handler: number, payload: unknown): void {
    const k = this.k;
    const msgId = this.nextMsgId++;
    let link = from.links.get(to.group);
    if (!link) {
      link = this.link(from.group, to.group);
      from.links.set(to.group, link);
    }
    const blocked = this.partitions.length > 0 && this.isPartitioned(from, to);
    const dropP = link.settings.dropProbability + link.extraDropProbability;
    if (blocked || (dropP > 0 && link.prng.next() < dropP)) {
      const base = { msgId, from: from.id, to: to.id, protocol, label, ref, traceId };
      k.emit({ type: "net.send", timeMs: k.now, ...base, sizeBytes, deliverAtMs: -1 });
      this.drop(base, blocked ? "partition" : "loss");
      return;
    }
    const arrivalMs = this.arrivalMs(link, sizeBytes);
    k.emit({
      type: "net.send", timeMs: k.now, msgId, from: from.id, to: to.id, protocol, label, sizeBytes, ref,
      traceId, deliverAtMs: arrivalMs,
    });
    const m: NetMessage = {
      msgId, from, to, toEpoch: to.epoch, protocol, label, sizeBytes, ref, traceId, sentAtMs: k.now,
      handler, payload, duplicate: false,
    };
    k.at(arrivalMs, this.deliverKind, 0, m);
    const dupP = link.settings.duplicateProbability;
    if (dupP > 0 && link.prng.next() < dupP) {
      k.at(arrivalMs + link.sampleMs(), this.deliverKind, 0, { ...m, duplicate: true });
    }
  }

  private arrivalMs(link: Link, sizeBytes: number): number {
    const now = this.k.now;
    const s = link.settings;
    let departMs: number = now;
    if (s.bandwidthBytesPerSec !== undefined) {
      // Serialisation delay: the link carries one message at a time at its bandwidth.
      departMs = Math.max(now, link.busyUntilMs) + (sizeBytes / s.bandwidthBytesPerSec) * 1000;
      link.busyUntilMs = departMs;
    }
    let arrival = departMs + link.sampleMs();
    if (s.reorderProbability > 0 && link.prng.next() < s.reorderProbability) {
      return arrival + s.reorderDelayMs;
    }
    if (arrival < link.lastArrivalMs) arrival = link.lastArrivalMs;
    link.lastArrivalMs = arrival;
    return arrival;
  }

  private deliver(m: NetMessage): void {
    const k = this.k;
    if (!m.to.reachable() || m.to.epoch !== m.toEpoch) {
      this.drop(m, "dest-down");
      return;
    }
    if (this.partitions.length > 0 && this.isPartitioned(m.from, m.to)) {
      this.drop(m, "partition");
      return;
    }
    k.emit({
      type: "net.deliver", timeMs: k.now, msgId: m.msgId, from: m.from.id, to: m.to.id,
      protocol: m.protocol, label: m.label, sizeBytes: m.sizeBytes, ref: m.ref, traceId: m.traceId,
      latencyMs: k.now - m.sentAtMs, duplicate: m.duplicate,
    });
    this.handlers[m.handler]!(m);
  }

  private drop(m: { msgId: number; from: string | NetNode; to: string | NetNode; protocol: Protocol;
    label: string; ref: number; traceId: string }, reason: DropReason): void {
    const from = typeof m.from === "string" ? m.from : m.from.id;
    const to = typeof m.to === "string" ? m.to : m.to.id;
    this.k.emit({
      type: "net.drop", timeMs: this.k.now, msgId: m.msgId, from, to, protocol: m.protocol,
      label: m.label, ref: m.ref, traceId: m.traceId, reason,
    });
  }

  partition(a: string[], b: string[]): void {
    this.partitions.push({ a: new Set(a), b: new Set(b) });
  }

  heal(): void {
    this.partitions.length = 0;
    for (const link of this.linkByKey.values()) {
      link.addMs = 0;
      link.latencyOverride = undefined;
      link.extraDropProbability = 0;
    }
  }

  isPartitioned(from: NetNode, to: NetNode): boolean {
    for (const p of this.partitions) {
      const fromA = p.a.has(from.id) || p.a.has(from.group);
      const fromB = p.b.has(from.id) || p.b.has(from.group);
      const toA = p.a.has(to.id) || p.a.has(to.group);
      const toB = p.b.has(to.id) || p.b.has(to.group);
      if ((fromA && toB) || (fromB && toA)) return true;
    }
    return false;
  }

  private settingsFor(fromGroup: string, toGroup: string): LinkSettings {
    const net = this.scenario.network;
    let settings: LinkSettings = { ...net.default };
    for (const link of net.links) {
      const forward = link.from === fromGroup && link.to === toGroup;
      const backward = link.bidirectional && link.from === toGroup && link.to === fromGroup;
      if (!forward && !backward) continue;
      const { from: _f, to: _t, bidirectional: _b, ...overrides } = link;
      settings = { ...settings, ...stripUndefined(overrides) };
    }
    return settings;
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
