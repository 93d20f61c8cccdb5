/**
 * One lab run, start to finish, as plain data in and out — what a sandbox worker executes. The
 * learner's bundle runs in a fresh GuestVm; its services become the simulation's handlers. The guest SDK
 * (guest/lab-sdk.js) registers one dispatcher; the host calls it on the virtual clock with JSON events
 * ("request arrived", "fetch #12 resolved", "timer fired"), and the guest calls back through a typed
 * JSON bridge whose every argument is treated as hostile. Calls are never re-entrant: anything that
 * must reach the guest while it is running waits in a queue until the current call returns.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { typedBridge, type BridgeFunction } from "../sandbox/bridge";
import type { CompiledGuest } from "../sandbox/compile";
import { GuestVm } from "../sandbox/guest-vm";
import { GuestCallback } from "../sandbox/marshal";
import { PositionMapper } from "../sandbox/source-map";
import { jsonSchema, type GuestError, type Json, type SandboxLimitsInput } from "../sandbox/types";
import type { InboundMessage, LogFields, ServiceHandlers, SimContext } from "../sim/api";
import type { LogEvent, SimEvent } from "../sim/events";
import { SimLimitError } from "../sim/limits";
import { createSim, type Sim } from "../sim/sim";
import type { Scenario } from "../sim/scenario";
import type { LabError, ObjectiveStatus } from "../../lib/lab/protocol";
import type { RunResult } from "../../lib/lab/api-types";
import { parseCurl } from "./commands";
import { LAB_GRPC_MODULE, LAB_GRPC_SOURCE, LabGrpc } from "./host-grpc";
import { LAB_REALTIME_MODULE, LAB_REALTIME_SOURCE, LabRealtime } from "./host-realtime";
import { getLab, type Lab } from "./registry";

export const LAB_SDK_SOURCE = readFileSync(new URL("./guest/lab-sdk.js", import.meta.url), "utf8");

export interface TimedCommand { atMs: number; line: string }

export interface LabRunRequest {
  labId: string;
  compiled: CompiledGuest;
  seed: number;
  /** Actions typed in the terminal, with the simulated time they were issued at. */
  commands?: TimedCommand[];
  /** Return the whole event log (interactive sessions); batch runs only need the verdict. */
  keepEvents?: boolean;
  limits?: SandboxLimitsInput;
}

export interface LabRunOutcome {
  seed: number;
  events: SimEvent[];
  eventCount: number;
  simTimeMs: number;
  error?: LabError;
  objectives: ObjectiveStatus[];
  logs: RunResult["logs"];
  /** Answers to terminal actions (curl responses, fault confirmations), at the time they happened. */
  terminal: { timeMs: number; text: string }[];
  stats: { wallMs: number; vmCalls: number; bridgeCalls: number; opTicks: number; guestWallMs: number; wasmBytes: number };
}

/** Generous for labs (thousands of handler calls per run), still bounded per call and per run. */
export const LAB_SANDBOX_LIMITS: SandboxLimitsInput = {
  bridgeCallsMax: 200_000, callbacksMax: 16, runOpTicksMax: 40_000, runWallMsMax: 10_000, callWallMsMax: 1_000,
};
const LOG_LINES_MAX = 5_000;
const RESULT_LOGS_MAX = 1_000;
const SLICE_MS = 100;
const FIELD_CHARS_MAX = 500;
/** Records per poll for kafkajs-style consumers: a rebalance waits for the batch in progress. */
const KAFKA_POLL_RECORDS_MAX = 20;

interface Inbound { ctx: SimContext; kind: "http" | "amqp" | "kafka" | "grpc"; done: boolean }
type Payload = Record<string, Json>;

/** Runs a registered lab (or, in tests, the `lab` given). */
export async function runLab(req: LabRunRequest, lab: Lab | undefined = getLab(req.labId)): Promise<LabRunOutcome> {
  if (!lab) throw new Error(`unknown lab "${req.labId}"`);
  const host = new LabHost(lab, req);
  await host.init();
  try {
    return host.run();
  } finally {
    host.dispose();
  }
}

class LabHost {
  private vm!: GuestVm;
  private sim!: Sim;
  private readonly startedAt = performance.now();
  private readonly mapper: PositionMapper;
  private dispatcher: GuestCallback | null = null;
  private readonly declared = new Set<string>();
  private readonly inbound = new Map<number, Inbound>();
  private readonly kafkaLatest = new Map<string, number>();
  private nextInv = 1;
  private nextWait = 1;
  private busy = false;
  private readonly queue: [SimContext, Payload][] = [];
  private current: SimContext | null = null;
  private fatal: LabError | null = null;
  private firstRuntime: LabError | null = null;
  private logLines = 0;
  private vmCalls = 0;
  private readonly topLevelLogs: RunResult["logs"] = [];
  private readonly terminal: LabRunOutcome["terminal"] = [];
  private readonly grpc: LabGrpc;
  private readonly realtime = new LabRealtime({
    ctx: (what) => this.ctx(what),
    sim: () => this.sim,
    enter: (ctx, payload) => this.enter(ctx, payload),
  });

  constructor(private readonly lab: Lab, private readonly req: LabRunRequest) {
    this.mapper = new PositionMapper(req.compiled.fileName, req.compiled.sourceMap);
    this.grpc = new LabGrpc(lab, {
      ctx: (what) => this.ctx(what),
      sim: () => this.sim,
      open: (ctx) => this.open(ctx, "grpc"),
      inbound: (inv) => this.inbound.get(inv),
      close: (inv) => void this.inbound.delete(inv),
      enter: (ctx, payload) => this.enter(ctx, payload),
      nextWaitId: () => this.nextWait++,
    });
  }

  async init(): Promise<void> {
    this.vm = await GuestVm.create({
      seed: this.req.seed, timeMs: 0, modules: { lab: LAB_SDK_SOURCE, [LAB_GRPC_MODULE]: LAB_GRPC_SOURCE, [LAB_REALTIME_MODULE]: LAB_REALTIME_SOURCE }, bridge: this.bridge(),
      limits: { ...LAB_SANDBOX_LIMITS, ...this.req.limits },
    });
  }

  dispose(): void {
    this.vm.dispose();
  }

  run(): LabRunOutcome {
    const loaded = this.vm.load(this.req.compiled);
    if (!loaded.ok) return this.finish(toLabError(loaded.error), []);
    if (!this.dispatcher) return this.finish({ kind: "runtime", message: 'the lab SDK did not start (do not replace globalThis.__host)' }, []);
    const scenario = withTerminalClient(this.lab.scenario);
    try {
      this.sim = createSim({
        seed: this.req.seed, scenario, handlers: this.handlers(),
        limits: { maxEvents: this.lab.def.maxEvents, maxLogEvents: this.lab.def.maxEvents, maxSteps: 5_000_000, maxSimTimeMs: scenario.durationMs + 1 },
      });
      const commands = [...(this.req.commands ?? [])].sort((a, b) => a.atMs - b.atMs);
      for (const cmd of commands) {
        this.advance(Math.min(Math.max(cmd.atMs, 0), scenario.durationMs));
        if (this.fatal) break;
        this.apply(cmd.line);
      }
      this.advance(scenario.durationMs);
      this.sim.end("until");
    } catch (error) {
      if (!(error instanceof SimLimitError)) throw error;
      this.fatal ??= { kind: "limit", message: `${error.message}: the run produced too much activity` };
    }
    return this.finish(this.fatal ?? this.firstRuntime ?? undefined, this.sim.events);
  }

  private advance(toMs: number): void {
    while (this.sim.now < toMs && !this.fatal) this.sim.runUntil(Math.min(toMs, this.sim.now + SLICE_MS));
  }

  /** A terminal action at the current simulated time: an HTTP request from client-1, or a fault. */
  private apply(line: string): void {
    const at = this.sim.now;
    if (/^curl\b/i.test(line.trim())) {
      const parsed = parseCurl(line);
      if (!parsed.ok) return void this.terminal.push({ timeMs: at, text: parsed.error });
      const { method, to, path, body, headers } = parsed.req;
      const world = this.sim.world;
      const client = world.instances.get(`${TERMINAL_CLIENT}-1`)!;
      if (!world.resolveTarget(to)) return void this.terminal.push({ timeMs: at, text: `curl: (6) Could not resolve host: ${to}` });
      world.http.call(client, undefined, to, { method, path, headers, body }, (res) => {
        const text = res.error
          ? `curl: ${method} http://${to}${path} failed: ${res.error} after ${round(res.latencyMs)} ms`
          : [`HTTP/1.1 ${res.status} (${round(res.latencyMs)} ms)`, ...Object.entries(res.headers).map(([k, v]) => `${k}: ${v}`), // like curl -i
            res.body === null ? "" : typeof res.body === "string" ? res.body : JSON.stringify(res.body)].join("\n");
        this.terminal.push({ timeMs: this.sim.now, text });
      }, { timeoutMs: 10_000 });
      this.terminal.push({ timeMs: at, text: `→ ${method} http://${to}${path}` });
      return;
    }
    const result = this.sim.command(line);
    this.terminal.push({ timeMs: at, text: result.ok ? `ok: ${line.trim()}` : `error: ${result.error.split("\n")[0]}` });
  }

  private finish(error: LabError | undefined, events: readonly SimEvent[]): LabRunOutcome {
    const objectives = this.lab.def.objectives.map((o): ObjectiveStatus => {
      if (events.length === 0) return { id: o.id, passed: false, detail: "the run did not start" };
      try {
        const r = o.check(events, { scenario: this.lab.scenario });
        return { id: o.id, passed: r.passed, detail: r.detail };
      } catch (e) {
        return { id: o.id, passed: false, detail: `objective check failed: ${(e as Error).message}` };
      }
    });
    const logs = [...this.topLevelLogs, ...events.filter((e): e is LogEvent => e.type === "log").slice(0, RESULT_LOGS_MAX)
      .map((e) => ({ timeMs: e.timeMs, instance: e.instance, level: e.level, message: e.msg, ...(Object.keys(e.fields).length ? { fields: e.fields } : {}) }))];
    const s = this.vm.stats();
    return {
      seed: this.req.seed,
      events: this.req.keepEvents ? [...events] : [],
      eventCount: events.length,
      simTimeMs: events.length ? events[events.length - 1]!.timeMs : 0,
      ...(error ? { error } : {}),
      objectives, logs, terminal: this.terminal,
      stats: {
        wallMs: Math.round(performance.now() - this.startedAt), vmCalls: this.vmCalls, bridgeCalls: s.bridgeCalls,
        opTicks: s.opTicksRun, guestWallMs: Math.round(s.wallMsRun), wasmBytes: s.wasmBytes,
      },
    };
  }

  // ── host → guest ──

  private handlers(): Record<string, ServiceHandlers> {
    const map: Record<string, ServiceHandlers> = {};
    for (const name of this.declared) {
      map[name] = {
        onStart: (ctx) => this.enter(ctx, { t: "start" }),
        onHttp: (req, ctx) => {
          const inv = this.open(ctx, "http");
          this.enter(ctx, { t: "http", inv, req: { method: req.method, path: req.path, headers: req.headers, body: req.body as Json, from: req.from } });
        },
        onMessage: (msg, ctx) => this.onMessage(msg, ctx),
        onRpc: (req, ctx) => this.grpc.onRpc(req, ctx),
        ...this.realtime.handlers(),
        onTimer: (timer, ctx) => {
          if (timer.name === "lab.timer") this.enter(ctx, { t: "timer", id: timer.timerId });
        },
      };
    }
    return map;
  }

  private onMessage(msg: InboundMessage, ctx: SimContext): void {
    if (msg.source === "amqp") {
      const inv = this.open(ctx, "amqp");
      const { queue, exchange, routingKey, body, headers, deliveryTag, redelivered } = msg;
      this.enter(ctx, { t: "amqp", inv, msg: { queue, exchange, routingKey, body: body as Json, headers, deliveryTag, redelivered } });
    } else if (msg.source === "kafka") {
      const inv = this.open(ctx, "kafka");
      const { topic, partition, offset, key, value, timestampMs, group } = msg;
      // consumer.commitOffsets() commits through the latest record of a partition: keep only that one.
      const latest = `${ctx.instance}|${group}|${topic}|${partition}`;
      const previous = this.kafkaLatest.get(latest);
      if (previous !== undefined) this.inbound.delete(previous);
      this.kafkaLatest.set(latest, inv);
      this.enter(ctx, { t: "kafka", inv, msg: { topic, partition, offset, key, value: value as Json, timestampMs, group } });
    } else if (msg.source === "pubsub") {
      this.realtime.onPubSub(msg, ctx);
    }
  }

  private open(ctx: SimContext, kind: Inbound["kind"]): number {
    const inv = this.nextInv++;
    this.inbound.set(inv, { ctx, kind, done: false });
    return inv;
  }

  private enter(ctx: SimContext, ev: Payload): void {
    if (this.fatal || !this.dispatcher) return;
    const payload: Payload = { ...ev, service: ctx.service, instance: ctx.instance };
    this.queue.push([ctx, payload]);
    if (this.busy) return;
    while (this.queue.length > 0 && !this.fatal) {
      const [c, p] = this.queue.shift()!;
      this.callGuest(c, p);
    }
    this.queue.length = 0;
  }

  private callGuest(ctx: SimContext, payload: Payload): void {
    this.busy = true;
    this.current = ctx;
    this.vm.setTimeMs(ctx.now);
    let result;
    try {
      result = this.vm.call(this.dispatcher!, [payload]);
    } finally {
      this.busy = false;
      this.current = null;
    }
    this.vmCalls++;
    if (result.ok) return;
    if (result.error.kind === "limit") this.fatal = toLabError(result.error);
    else this.recordRuntime(toLabError(result.error), ctx);
  }

  private resolveLater(ctx: SimContext, id: number, value: Json): void {
    this.enter(ctx, { t: "resolve", id, value });
  }

  private recordRuntime(error: LabError, ctx: SimContext | null): void {
    this.firstRuntime ??= error;
    const where = error.file ? ` (${error.file}:${error.line}:${error.column})` : "";
    ctx?.log(`uncaught ${error.message}${where}`, { ...(error.file ? { file: error.file, line: error.line ?? 0, column: error.column ?? 0 } : {}) }, "error");
  }

  // ── guest → host ──

  private ctx(what: string): SimContext {
    if (!this.current) throw new Error(`${what} can only be used inside a handler, onStart or a timer`);
    return this.current;
  }

  private bridge(): Record<string, BridgeFunction> {
    const str = (max: number) => z.string().max(max);
    const fields = z.record(z.string().max(100), z.unknown());
    return {
      ...this.grpc.bridge(),
      ...this.realtime.bridge(),
      register: typedBridge(z.tuple([z.instanceof(GuestCallback)]), ([fn], vm) => {
        if (this.dispatcher) {
          vm.release(fn);
          throw new Error("the lab SDK is already registered");
        }
        this.dispatcher = fn;
      }),
      declare: typedBridge(z.tuple([str(100)]), ([name]) => {
        if (this.sim) throw new Error("createService() must be called at the top level of a file");
        if (!this.lab.services.includes(name)) {
          throw new Error(`createService("${name}"): this lab has no service "${name}" (its services: ${this.lab.services.join(", ")})`);
        }
        this.declared.add(name);
      }),
      log: typedBridge(z.tuple([z.enum(["debug", "info", "warn", "error"]), str(100_000), fields]), ([level, msg, f], vm) => {
        if (++this.logLines > LOG_LINES_MAX) {
          vm.trip({ kind: "limit", limit: "logs", message: `the code wrote more than ${LOG_LINES_MAX} log lines` });
          throw new Error("log limit reached");
        }
        const message = msg.slice(0, 2_000);
        if (!this.current) return void this.topLevelLogs.push({ timeMs: 0, instance: "", level, message });
        this.current.log(message, cleanFields(f), level);
      }),
      metric: typedBridge(z.tuple([z.enum(["counter", "observe"]), str(100), z.number().finite()]), ([kind, name, value]) => {
        const ctx = this.ctx("metrics");
        if (kind === "counter") ctx.count(name, value);
        else ctx.observe(name, value);
      }),
      setState: typedBridge(z.tuple([str(100), str(100)]), ([name, value]) => this.ctx("state.set()").setState(name, value)),
      setTimer: typedBridge(z.tuple([z.number().finite().min(0).max(3_600_000)]), ([ms]) => this.ctx("setTimeout()").setTimer(ms, "lab.timer")),
      clearTimer: typedBridge(z.tuple([z.number().int()]), ([id]) => this.ctx("clearTimeout()").cancelTimer(id)),
      http: typedBridge(z.tuple([str(100), z.object({ method: str(10), path: str(2_000), headers: z.record(str(100), str(1_000)), body: jsonSchema }), z.number()]),
        ([to, r, timeoutMs]) => this.http(to, r, timeoutMs)),
      reply: typedBridge(z.tuple([z.number().int(), z.object({ status: z.number().int().min(100).max(599), headers: z.record(str(100), str(1_000)), body: jsonSchema })]),
        ([inv, reply]) => {
          const ib = this.take(inv, "http", "res.send()");
          ib.ctx.reply(reply);
        }),
      settle: typedBridge(z.tuple([z.number().int(), z.enum(["ack", "nack"]), z.boolean()]), ([inv, how, requeue]) => {
        const ib = this.take(inv, "amqp", `channel.${how}()`);
        if (how === "ack") ib.ctx.ack();
        else ib.ctx.nack(requeue);
      }),
      publish: typedBridge(z.tuple([str(100), str(200), str(200), jsonSchema,
        z.object({ persistent: z.boolean(), headers: z.record(str(100), str(1_000)), ttlMs: z.number().positive().optional() })]),
      ([broker, exchange, key, body, opts]) => this.ctx("channel.publish()").publish(broker, exchange, key, body, opts)),
      consume: typedBridge(z.tuple([str(100), str(200), z.object({ prefetch: z.number().int().min(0).max(10_000), autoAck: z.boolean() })]),
        ([broker, queue, opts]) => this.ctx("channel.consume()").consume(broker, queue, { prefetch: opts.prefetch || undefined, autoAck: opts.autoAck })),
      produce: typedBridge(z.tuple([str(100), str(200), z.object({ key: z.string().max(200).nullable(), value: jsonSchema, partition: z.number().int().min(0).optional() })]),
        ([broker, topic, record]) => {
          const ctx = this.ctx("producer.send()");
          const id = this.nextWait++;
          ctx.produce(broker, topic, record, (res) => this.resolveLater(ctx, id, { partition: res.partition, offset: res.offset }));
          return id;
        }),
      subscribe: typedBridge(z.tuple([str(100), z.object({
        group: str(100), topics: z.array(str(200)).min(1).max(20), autoOffsetReset: z.enum(["earliest", "latest"]),
        autoCommit: z.boolean(), autoCommitIntervalMs: z.number().min(0).max(3_600_000), sessionTimeoutMs: z.number().min(100).max(300_000),
      })]), ([broker, { autoCommit, ...opts }]) => void this.ctx("consumer.run()").subscribe(broker, {
        ...opts, commit: autoCommit ? "auto" : "manual", awaitDone: true, maxPollRecords: KAFKA_POLL_RECORDS_MAX,
      })),
      // eachMessage settled: the consumer moves on to the next record (kafkajs awaits eachMessage).
      kafkaDone: typedBridge(z.tuple([z.number().int()]), ([inv]) => {
        const ib = this.kafkaInbound(inv, "eachMessage");
        if (ib.done) return;
        ib.done = true;
        ib.ctx.done();
      }),
      kafkaCommit: typedBridge(z.tuple([z.number().int(), z.number().int().min(0)]),
        ([inv, offset]) => this.kafkaInbound(inv, "consumer.commitOffsets()").ctx.commit(offset)),
      fail: typedBridge(z.tuple([z.number().int(), str(200), str(5_000), str(10_000)]), ([inv, name, message, stack], vm) => {
        // Resource exhaustion the SDK happened to catch is still a limit: the run stops.
        const exhausted = name === "InternalError" ? EXHAUSTION[message] : undefined;
        if (exhausted) {
          vm.trip({ kind: "limit", limit: exhausted, message: exhausted === "stack" ? "stack overflow: recursion too deep" : `the guest ran out of memory (${message})` });
          throw new Error("stopped");
        }
        const pos = this.mapper.fromStack(stack);
        const shown = name === "Uncaught" ? `Uncaught ${message}` : `${name}: ${message}`;
        this.recordRuntime({ kind: "runtime", message: shown, ...(pos ?? {}) }, this.current);
        if (this.grpc.onHandlerError(inv, shown)) return;
        const ib = this.inbound.get(inv);
        if (ib && ib.kind === "http" && !ib.done) {
          ib.done = true;
          this.inbound.delete(inv);
          ib.ctx.reply({ status: 500, body: { error: "Internal Server Error" } });
        }
      }),
    };
  }

  private http(to: string, r: { method: string; path: string; headers: Record<string, string>; body: Json }, timeoutMs: number): number {
    const ctx = this.ctx("fetch()");
    const id = this.nextWait++;
    if (!this.sim.world.resolveTarget(to)) {
      // Resolved after this call returns, like a DNS failure arriving asynchronously.
      this.queue.push([ctx, { t: "resolve", id, value: { error: "notfound" }, service: ctx.service, instance: ctx.instance }]);
      return id;
    }
    ctx.http(to, { method: r.method, path: r.path, headers: r.headers, body: r.body }, (res) => {
      const value: Json = res.error
        ? { error: res.error, latencyMs: res.latencyMs }
        : { status: res.status, headers: res.headers, body: (res.body ?? null) as Json, latencyMs: res.latencyMs };
      this.resolveLater(ctx, id, value);
    }, timeoutMs >= 0 ? { timeoutMs } : undefined);
    return id;
  }

  private kafkaInbound(inv: number, what: string): Inbound {
    const ib = this.inbound.get(inv);
    if (!ib || ib.kind !== "kafka") throw new Error(`${what}: unknown record`);
    return ib;
  }

  private take(inv: number, kind: Inbound["kind"], what: string): Inbound {
    const ib = this.inbound.get(inv);
    if (!ib || ib.kind !== kind) throw new Error(`${what}: unknown ${kind === "http" ? "request" : "message"}`);
    if (ib.done) throw new Error(`${what}: already ${kind === "http" ? "answered" : "acknowledged"}`);
    ib.done = true;
    this.inbound.delete(inv);
    return ib;
  }
}

const EXHAUSTION: Record<string, "stack" | "memory"> = { "stack overflow": "stack", "out of memory": "memory", "string too long": "memory" };

/** curl in the terminal sends from `client-1`: the workloads' client, or one added for the purpose. */
export const TERMINAL_CLIENT = "client";

function withTerminalClient(scenario: Scenario): Scenario {
  const has = scenario.services.some((s) => s.name === TERMINAL_CLIENT) || scenario.workloads.some((w) => w.from === TERMINAL_CLIENT);
  if (has) return scenario;
  const first = scenario.services[0]!;
  const client = { ...first, name: TERMINAL_CLIENT, instances: 1, concurrency: 1_000_000, queueCapacity: 0, serviceTimeMs: 0, autoRestart: false };
  return { ...scenario, services: [...scenario.services, client] };
}

function cleanFields(f: Record<string, unknown>): LogFields {
  const out: LogFields = {};
  for (const [k, v] of Object.entries(f).slice(0, 20)) {
    if (v === null || typeof v === "number" || typeof v === "boolean") out[k] = v;
    else if (typeof v === "string") out[k] = v.slice(0, FIELD_CHARS_MAX);
    else out[k] = JSON.stringify(v)?.slice(0, FIELD_CHARS_MAX) ?? null;
  }
  return out;
}

function toLabError(e: GuestError): LabError {
  if (e.kind === "limit") return { kind: "limit", message: e.message };
  const { kind, message, file, line, column } = e;
  return { kind, message, ...(file ? { file, line, column } : {}) };
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
