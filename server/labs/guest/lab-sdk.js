// The "lab" module as it runs inside the QuickJS sandbox (declarations: labs/sdk/lab.d.ts).
//
// How async works here: the guest cannot block, and the host never calls back into the guest while it
// is running. The SDK registers ONE dispatcher with the host (`__host.register`); the host calls it
// with plain JSON — "start this instance", "an HTTP request arrived", "your fetch #12 finished",
// "timer #3 fired" — each time on the simulation's virtual clock. Promises made by fetch/sleep/send
// keep their resolve functions here, keyed by the id the host returned; the dispatcher resolves them
// and the sandbox drains the promise jobs before the call returns. No function handles cross the
// bridge, so nothing but JSON ever reaches the host.
import { installGrpc } from "lab-grpc"; // gRPC (grpc-js style) lives in guest/grpc.js
import { installRealtime } from "lab-realtime"; // WebSockets (ws / browser style) and Redis-style pub/sub: guest/realtime.js

const host = globalThis.__host;
// Intrinsics captured before learner code runs, so tampering with JSON/Object cannot break the SDK.
const keys = Object.keys, hasOwn = Object.prototype.hasOwnProperty, jsonParse = JSON.parse, jsonStringify = JSON.stringify;
const apps = new Map();
const pending = new Map();
const timers = new Map(); // the learner's handle → { fn, args, repeat, hostId }
const timerHandles = new Map(); // host timer id → handle (an interval re-arms under a new host id)
const consumers = new Map();
const deliveries = new WeakMap();
let current = { service: "", instance: "" };

const LOG_LEVELS = ["debug", "info", "warn", "error"];
const STATUS_TEXT = { 200: "OK", 201: "Created", 202: "Accepted", 204: "No Content", 304: "Not Modified", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed", 409: "Conflict", 412: "Precondition Failed", 415: "Unsupported Media Type", 422: "Unprocessable Content", 428: "Precondition Required", 429: "Too Many Requests", 500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout" };
// Like Node's http: these answers never carry a body, whatever the handler passes to send().
const NO_BODY = { 204: true, 304: true };

function inside(what) {
  if (!current.instance) throw new Error(`${what} can only be used inside a handler, onStart or a timer (not at the top level of a file)`);
}

function report(inv, err) {
  let name = "Error", message = "", stack = "";
  try {
    if (err !== null && typeof err === "object") {
      name = typeof err.name === "string" ? err.name : "Error";
      message = typeof err.message === "string" ? err.message : String(err);
      stack = typeof err.stack === "string" ? err.stack : "";
    } else {
      name = "Uncaught";
      message = String(err);
    }
  } catch {
    message = "an exception that could not be read";
  }
  host.fail(inv, String(name).slice(0, 100), String(message).slice(0, 2000), String(stack).slice(0, 4000));
}

function run(inv, fn) {
  try {
    const out = fn();
    if (out && typeof out.then === "function") out.then(undefined, (err) => report(inv, err));
  } catch (err) {
    report(inv, err);
  }
}

// ── routing ──
function compileRoute(path) {
  if (typeof path !== "string" || path[0] !== "/") throw new TypeError(`a route path must start with "/", got ${jsonStringify(path)}`);
  const names = [];
  const parts = path.split("/").slice(1).map((seg) => {
    if (seg.startsWith(":")) {
      names.push(seg.slice(1));
      return "([^/]+)";
    }
    return seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  });
  return { re: new RegExp(`^/${parts.join("/")}/?$`), names };
}

function parseQuery(qs) {
  const query = {};
  if (!qs) return query;
  for (const pair of qs.split("&")) {
    if (!pair) continue;
    const eq = pair.indexOf("=");
    const k = decode(eq < 0 ? pair : pair.slice(0, eq));
    const v = eq < 0 ? "" : decode(pair.slice(eq + 1));
    if (k === "__proto__") continue;
    if (hasOwn.call(query, k)) query[k] = [].concat(query[k], v);
    else query[k] = v;
  }
  return query;
}

function decode(s) {
  try {
    return decodeURIComponent(s.replace(/\+/g, " "));
  } catch {
    return s;
  }
}

class Service {
  constructor(name) {
    this.name = name;
    this.routes = [];
    this.starters = [];
  }
  route(method, path, handler) {
    if (typeof handler !== "function") throw new TypeError(`${method} ${path}: the handler must be a function`);
    this.routes.push({ method, handler, ...compileRoute(path) });
    return this;
  }
  get(path, h) { return this.route("GET", path, h); }
  post(path, h) { return this.route("POST", path, h); }
  put(path, h) { return this.route("PUT", path, h); }
  patch(path, h) { return this.route("PATCH", path, h); }
  delete(path, h) { return this.route("DELETE", path, h); }
  all(path, h) { return this.route("*", path, h); }
  onStart(fn) {
    if (typeof fn !== "function") throw new TypeError("onStart expects a function");
    this.starters.push(fn);
    return this;
  }
  /** gRPC handlers, like grpc-js's server.addService (guest/grpc.js). */
  addService(serviceName, implementation) {
    grpcSdk.addService(this, serviceName, implementation);
    return this;
  }
}

export function createService(name) {
  if (typeof name !== "string") throw new TypeError("createService(name): name must be a string");
  if (apps.has(name)) throw new Error(`createService("${name}") was called twice`);
  host.declare(name);
  const app = new Service(name);
  apps.set(name, app);
  return app;
}

class Response {
  constructor(inv) {
    this.inv = inv;
    this.statusCode = 200;
    this.headers = {};
    this.headersSent = false;
  }
  status(code) {
    this.statusCode = code;
    return this;
  }
  set(name, value) {
    this.headers[String(name).toLowerCase()] = String(value);
    return this;
  }
  send(body) {
    if (this.headersSent) throw new Error("Cannot set headers after they are sent to the client");
    this.headersSent = true;
    host.reply(this.inv, { status: this.statusCode, headers: this.headers, body: body === undefined || NO_BODY[this.statusCode] ? null : body });
  }
  json(body) {
    this.set("content-type", "application/json");
    this.send(body);
  }
  sendStatus(code) {
    this.statusCode = code;
    this.send(STATUS_TEXT[code] || String(code));
  }
}

function onHttp(app, inv, raw) {
  const url = String(raw.path || "/");
  const q = url.indexOf("?");
  const path = q < 0 ? url : url.slice(0, q);
  const headers = {};
  for (const k of keys(raw.headers || {})) headers[k.toLowerCase()] = raw.headers[k];
  const res = new Response(inv);
  for (const r of app.routes) {
    if (r.method !== "*" && r.method !== raw.method) continue;
    const m = r.re.exec(path);
    if (!m) continue;
    const params = {};
    r.names.forEach((n, i) => { params[n] = decode(m[i + 1]); });
    const req = {
      method: raw.method, path, url, params, query: parseQuery(q < 0 ? "" : url.slice(q + 1)), headers,
      body: raw.body === undefined ? null : raw.body, from: raw.from,
      get(name) { return headers[String(name).toLowerCase()]; },
    };
    run(inv, () => r.handler(req, res));
    return;
  }
  res.status(404).send(`Cannot ${raw.method} ${path}`);
}

// ── fetch ──
class Headers {
  constructor(h) { this.h = h || {}; }
  get(name) {
    const v = this.h[String(name).toLowerCase()];
    return v === undefined ? null : v;
  }
  has(name) { return this.get(name) !== null; }
}

class FetchResponse {
  constructor(r) {
    this.status = r.status;
    this.ok = r.status >= 200 && r.status < 300;
    this.statusText = STATUS_TEXT[r.status] || "";
    this.headers = new Headers(r.headers);
    this.latencyMs = r.latencyMs;
    this.body = r.body;
  }
  async json() {
    if (typeof this.body === "string") return jsonParse(this.body);
    return this.body;
  }
  async text() {
    return typeof this.body === "string" ? this.body : jsonStringify(this.body);
  }
}

export class AbortSignal {
  constructor(ms) { this.timeoutMs = ms; }
  static timeout(ms) {
    if (typeof ms !== "number" || !(ms >= 0)) throw new TypeError("AbortSignal.timeout(ms): ms must be a number ≥ 0");
    return new AbortSignal(ms);
  }
}

function fetchError(kind, to) {
  if (kind === "timeout") {
    const e = new Error("The operation was aborted due to timeout");
    e.name = "TimeoutError";
    return e;
  }
  const code = kind === "reset" ? "ECONNRESET" : kind === "notfound" ? "ENOTFOUND" : "ECONNREFUSED";
  const e = new TypeError("fetch failed");
  e.cause = { code, message: `${code} ${to}` };
  return e;
}

function wait(register) {
  return new Promise((resolve, reject) => {
    const id = register();
    pending.set(id, { resolve, reject });
  });
}

export function fetch(url, init) {
  init = init || {};
  inside("fetch()");
  const m = /^https?:\/\/([A-Za-z0-9_.-]+)(?::\d+)?(\/[^#]*)?$/.exec(String(url));
  if (!m) return Promise.reject(new TypeError(`fetch: invalid URL ${jsonStringify(String(url))} (expected http://<service>/<path>)`));
  const to = m[1], path = m[2] || "/";
  let body = init.body;
  if (typeof body === "string") {
    try { body = jsonParse(body); } catch { /* a plain string body */ }
  }
  let timeoutMs = typeof init.timeoutMs === "number" ? init.timeoutMs : undefined;
  if (init.signal instanceof AbortSignal) timeoutMs = timeoutMs === undefined ? init.signal.timeoutMs : Math.min(timeoutMs, init.signal.timeoutMs);
  const headers = {};
  for (const k of keys(init.headers || {})) headers[k.toLowerCase()] = String(init.headers[k]);
  const req = { method: String(init.method || "GET").toUpperCase(), path, headers, body: body === undefined ? null : body };
  return wait(() => host.http(to, req, timeoutMs === undefined ? -1 : timeoutMs)).then((r) =>
    r.error ? Promise.reject(fetchError(r.error, to)) : new FetchResponse(r));
}

export const http = {
  get: (url, init) => fetch(url, { ...init, method: "GET" }),
  delete: (url, init) => fetch(url, { ...init, method: "DELETE" }),
  post: (url, body, init) => fetch(url, { ...init, method: "POST", body }),
  put: (url, body, init) => fetch(url, { ...init, method: "PUT", body }),
  patch: (url, body, init) => fetch(url, { ...init, method: "PATCH", body }),
};

// ── AMQP (amqplib-style) ──
function brokerOf(url, scheme) {
  const m = new RegExp(`^${scheme}://(?:[^@/]*@)?([A-Za-z0-9_.-]+)`).exec(String(url));
  if (!m) throw new TypeError(`expected a URL like ${scheme}://<broker>, got ${jsonStringify(String(url))}`);
  return m[1];
}

class Channel {
  constructor(broker) {
    this.broker = broker;
    this.prefetchCount = 0;
  }
  async prefetch(count) { this.prefetchCount = count; }
  publish(exchange, routingKey, content, options) {
    inside("channel.publish()");
    const o = options || {};
    const headers = { ...(o.headers || {}) };
    if (o.messageId !== undefined) headers["message-id"] = String(o.messageId);
    const opts = { persistent: o.persistent !== false, headers };
    if (typeof o.expiration === "number") opts.ttlMs = o.expiration;
    host.publish(this.broker, String(exchange), String(routingKey), content === undefined ? null : content, opts);
    return true;
  }
  sendToQueue(queue, content, options) { return this.publish("", queue, content, options); }
  async consume(queue, onMessage, options) {
    inside("channel.consume()");
    if (typeof onMessage !== "function") throw new TypeError("channel.consume(queue, onMessage): onMessage must be a function");
    const noAck = !!(options && options.noAck);
    const consumerTag = host.consume(this.broker, String(queue), { prefetch: this.prefetchCount, autoAck: noAck });
    consumers.set(`amqp\u0000${current.service}\u0000${queue}`, onMessage);
    return { consumerTag };
  }
  settle(message, how, requeue) {
    const inv = deliveries.get(message);
    if (inv === undefined) throw new TypeError(`channel.${how}(message): not a message delivered to this service`);
    host.settle(inv, how, requeue !== false);
  }
  ack(message) { this.settle(message, "ack", false); }
  nack(message, _allUpTo, requeue) { this.settle(message, "nack", requeue); }
  reject(message, requeue) { this.settle(message, "nack", requeue); }
  async assertQueue(queue) { return { queue: String(queue) }; }
  async close() {}
}

export const amqp = {
  async connect(url) {
    const broker = brokerOf(url, "amqps?");
    return { async createChannel() { return new Channel(broker); }, async createConfirmChannel() { return new Channel(broker); }, async close() {} };
  },
};

function onAmqp(inv, msg) {
  const fn = consumers.get(`amqp\u0000${current.service}\u0000${msg.queue}`);
  if (!fn) return;
  const headers = { ...(msg.headers || {}) };
  const message = {
    content: msg.body,
    fields: { deliveryTag: msg.deliveryTag, redelivered: msg.redelivered, exchange: msg.exchange, routingKey: msg.routingKey, queue: msg.queue },
    properties: { messageId: headers["message-id"], headers },
  };
  deliveries.set(message, inv);
  run(inv, () => fn(message));
}

// ── Kafka (kafkajs-style) ──
export class Kafka {
  constructor(config) {
    const first = config && config.brokers && config.brokers[0];
    if (typeof first !== "string") throw new TypeError("new Kafka({ brokers: [\"kafka:9092\"] }) needs a broker");
    this.broker = first.replace(/:\d+$/, "");
  }
  producer() {
    const broker = this.broker;
    return {
      async connect() {},
      async disconnect() {},
      send(record) {
        inside("producer.send()");
        const topic = String(record.topic);
        return Promise.all((record.messages || []).map((m) => wait(() => host.produce(broker, topic, {
          key: m.key === undefined ? null : m.key, value: m.value === undefined ? null : m.value, partition: m.partition,
        })).then((r) => ({ topicName: topic, partition: r.partition, baseOffset: String(r.offset) }))));
      },
    };
  }
  consumer(config) {
    const broker = this.broker, groupId = String(config && config.groupId);
    const sessionTimeoutMs = config && typeof config.sessionTimeout === "number" ? config.sessionTimeout : 30_000; // kafkajs' default
    const topics = [];
    let fromBeginning = false;
    return {
      async connect() {},
      async disconnect() {},
      async subscribe(s) {
        for (const t of s.topics || [s.topic]) topics.push(String(t));
        fromBeginning = fromBeginning || !!s.fromBeginning;
      },
      async run(cfg) {
        inside("consumer.run()");
        if (!cfg || typeof cfg.eachMessage !== "function") throw new TypeError("consumer.run({ eachMessage }) needs eachMessage");
        const autoCommit = cfg.autoCommit !== false;
        // kafkajs without autoCommitInterval commits after every batch: an interval of 0 does the same here.
        const autoCommitIntervalMs = typeof cfg.autoCommitInterval === "number" && cfg.autoCommitInterval > 0 ? cfg.autoCommitInterval : 0;
        host.subscribe(broker, { group: groupId, topics, autoOffsetReset: fromBeginning ? "earliest" : "latest", autoCommit, autoCommitIntervalMs, sessionTimeoutMs });
        consumers.set(`kafka\u0000${current.service}\u0000${groupId}`, cfg.eachMessage);
      },
      async commitOffsets(offsets) {
        inside("consumer.commitOffsets()");
        for (const o of offsets || []) {
          const inv = kafkaLatest.get(`${current.instance}\u0000${groupId}\u0000${o.topic}\u0000${o.partition}`);
          if (inv === undefined) throw new Error(`consumer.commitOffsets(): ${current.instance} is not consuming ${o.topic} partition ${o.partition}`);
          const offset = Number(o.offset);
          if (!Number.isInteger(offset) || offset < 0) throw new TypeError(`consumer.commitOffsets(): offset must be a whole number as a string, got ${jsonStringify(o.offset)}`);
          host.kafkaCommit(inv, offset);
        }
      },
    };
  }
}

/** The latest record per instance, group and partition: what commitOffsets() commits through. */
const kafkaLatest = new Map();
/** A failing eachMessage is retried after this long; the partition waits (kafkajs retries, then restarts the consumer). */
const KAFKA_RETRY_MS = 1_000;

function onKafka(inv, msg) {
  const fn = consumers.get(`kafka\u0000${current.service}\u0000${msg.group}`);
  if (!fn) return void host.kafkaDone(inv);
  kafkaLatest.set(`${current.instance}\u0000${msg.group}\u0000${msg.topic}\u0000${msg.partition}`, inv);
  const message = { key: msg.key, value: msg.value, offset: String(msg.offset), timestamp: String(msg.timestampMs) };
  eachMessage(fn, inv, { topic: msg.topic, partition: msg.partition, message, heartbeat: async () => {} });
}

// Like kafkajs: the next record waits until this one's promise settles; a rejection retries the same record.
function eachMessage(fn, inv, payload) {
  const retry = (err) => {
    report(inv, err);
    setTimeout(() => eachMessage(fn, inv, payload), KAFKA_RETRY_MS);
  };
  let out;
  try {
    out = fn(payload);
  } catch (err) {
    return retry(err);
  }
  Promise.resolve(out).then(() => host.kafkaDone(inv), retry);
}

function forgetKafka(instance) {
  for (const key of [...kafkaLatest.keys()]) if (key.startsWith(`${instance}\u0000`)) kafkaLatest.delete(key);
}

// ── timers ──
function arm(fn, ms, args, repeat) {
  inside(repeat ? "setInterval()" : "setTimeout()");
  if (typeof fn !== "function") throw new TypeError("the callback must be a function");
  const delay = Math.max(repeat ? 1 : 0, Number(ms) || 0);
  const id = host.setTimer(delay);
  timers.set(id, { fn, args, repeat: repeat ? delay : 0, hostId: id });
  timerHandles.set(id, id);
  return id;
}
export function setTimeout(fn, ms, ...args) { return arm(fn, ms, args, false); }
export function setInterval(fn, ms, ...args) { return arm(fn, ms, args, true); }
export function clearTimeout(id) {
  const t = timers.get(id);
  if (!t) return;
  timers.delete(id);
  timerHandles.delete(t.hostId);
  host.clearTimer(t.hostId);
}
export const clearInterval = clearTimeout;
export function sleep(ms) {
  return new Promise((resolve) => { setTimeout(resolve, ms); });
}

function onTimer(hostId) {
  const handle = timerHandles.get(hostId);
  timerHandles.delete(hostId);
  const t = handle === undefined ? undefined : timers.get(handle);
  if (!t) return;
  if (t.repeat) {
    t.hostId = host.setTimer(t.repeat);
    timerHandles.set(t.hostId, handle);
  } else {
    timers.delete(handle);
  }
  run(-1, () => t.fn(...t.args));
}

// ── logs, metrics, state, env ──
function write(level, message, fields) {
  host.log(level, typeof message === "string" ? message : String(message), fields && typeof fields === "object" ? fields : {});
}
export const log = {};
for (const level of LOG_LEVELS) log[level] = (message, fields) => write(level, message, fields);

function show(v) {
  if (typeof v === "string") return v;
  try {
    const s = jsonStringify(v);
    return s === undefined ? String(v) : s;
  } catch {
    return String(v);
  }
}
const consoleLevels = { log: "info", info: "info", debug: "debug", warn: "warn", error: "error" };
const sdkConsole = {};
for (const name of keys(consoleLevels)) sdkConsole[name] = (...args) => write(consoleLevels[name], args.map(show).join(" "), {});
Object.defineProperty(globalThis, "console", { value: sdkConsole, writable: true, configurable: true, enumerable: false });

export const metrics = {
  counter: (name) => ({ inc: (by) => host.metric("counter", String(name), by === undefined ? 1 : Number(by)) }),
  histogram: (name) => ({ observe: (value) => host.metric("observe", String(name), Number(value)) }),
};
export const state = { set: (name, value) => host.setState(String(name), String(value)) };
export const env = {
  get service() { return current.service; },
  get instance() { return current.instance; },
};

// ── gRPC (grpc-js style): guest/grpc.js ──
const grpcSdk = installGrpc({ host, wait, run, inside, setTimeout, clearTimeout });
export const grpc = grpcSdk.grpc;

// ── WebSockets and pub/sub: guest/realtime.js ──
const realtimeSdk = installRealtime({ host, run, inside, setTimeout, clearTimeout, parseQuery, instance: () => current.instance });
export const WebSocket = realtimeSdk.WebSocket;
export const WebSocketServer = realtimeSdk.WebSocketServer;
export const redis = realtimeSdk.redis;

// ── the dispatcher the host calls ──
function dispatch(ev) {
  current = { service: ev.service, instance: ev.instance };
  if (ev.t === "resolve") {
    const p = pending.get(ev.id);
    if (p) {
      pending.delete(ev.id);
      p.resolve(ev.value);
    }
    return;
  }
  if (ev.t === "grpc.data") return grpcSdk.onData(ev);
  const app = apps.get(ev.service);
  if (!app) return;
  if (ev.t === "start") {
    realtimeSdk.onInstanceStart(ev.instance);
    forgetKafka(ev.instance);
    for (const fn of app.starters) run(-1, fn);
  } else if (ev.t === "http") {
    onHttp(app, ev.inv, ev.req);
  } else if (ev.t === "amqp") {
    onAmqp(ev.inv, ev.msg);
  } else if (ev.t === "kafka") {
    onKafka(ev.inv, ev.msg);
  } else if (ev.t === "timer") {
    onTimer(ev.id);
  } else if (ev.t === "grpc") {
    grpcSdk.onRpc(app, ev.inv, ev.req);
  } else if (realtimeSdk.handles(ev.t)) {
    realtimeSdk.onEvent(app, ev);
  }
}
host.register(dispatch);
