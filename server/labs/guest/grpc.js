// The `grpc` part of the "lab" module, in the style of @grpc/grpc-js (declarations: labs/sdk/lab.d.ts,
// section "gRPC"; reference: labs/SDK.md). lab-sdk.js imports this module and installs it once with its
// own internals (the host bridge, the promise table, timers); the host side is server/labs/host-grpc.ts.
//
// What the host guarantees and this file relies on: a server call's deadline is fixed when it arrives
// (`req.deadlineAtMs`, virtual ms), and the engine cancels the call on the server when it passes — so
// `call.cancelled` is "the deadline has passed and we had not answered". Answers after that are
// dropped, as grpc-js drops them; the handler itself keeps running unless it checks.

const STATUS = {
  OK: 0, CANCELLED: 1, UNKNOWN: 2, INVALID_ARGUMENT: 3, DEADLINE_EXCEEDED: 4, NOT_FOUND: 5, ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7, RESOURCE_EXHAUSTED: 8, FAILED_PRECONDITION: 9, ABORTED: 10, OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12, INTERNAL: 13, UNAVAILABLE: 14, DATA_LOSS: 15, UNAUTHENTICATED: 16,
};
const STATUS_NAME = [];
for (const name of Object.keys(STATUS)) STATUS_NAME[STATUS[name]] = name;
// grpc-js's Propagate flags: `parent` passes the deadline (and cancellation) unless told otherwise.
const PROPAGATE = { DEADLINE: 1, CENSUS_STATS_CONTEXT: 2, CENSUS_TRACING_CONTEXT: 4, CANCELLATION: 8, DEFAULTS: 0xffff };

let installed = false;

const lowerFirst = (s) => s.charAt(0).toLowerCase() + s.slice(1);

function deadlineMsOf(value, what) {
  if (value === undefined || value === null || value === Infinity) return Infinity;
  if (typeof value === "number" && !Number.isNaN(value)) return value;
  if (typeof value === "object" && typeof value.getTime === "function") return Number(value.getTime());
  throw new TypeError(`${what}: deadline must be a number (ms, like Date.now() + 500) or a Date`);
}

class Metadata {
  constructor() { this.map = {}; }
  set(key, value) { this.map[String(key).toLowerCase()] = [String(value)]; }
  add(key, value) {
    const k = String(key).toLowerCase();
    (this.map[k] = this.map[k] || []).push(String(value));
  }
  get(key) { return (this.map[String(key).toLowerCase()] || []).slice(); }
  remove(key) { delete this.map[String(key).toLowerCase()]; }
  getMap() {
    const out = {};
    for (const k of Object.keys(this.map)) if (this.map[k].length) out[k] = this.map[k][0];
    return out;
  }
  clone() {
    const m = new Metadata();
    for (const k of Object.keys(this.map)) m.map[k] = this.map[k].slice();
    return m;
  }
  static from(record) {
    const m = new Metadata();
    for (const k of Object.keys(record || {})) m.set(k, record[k]);
    return m;
  }
}

function serviceError(r) {
  const name = STATUS_NAME[r.code] || `UNKNOWN_CODE_${r.code}`;
  const e = new Error(`${r.code} ${name}: ${r.details}`);
  e.code = r.code;
  e.details = r.details;
  e.metadata = new Metadata();
  return e;
}

/** Installs the gRPC surface on top of lab-sdk.js's internals; returns what lab-sdk.js wires up. */
export function installGrpc(sdk) {
  if (installed) throw new Error("the gRPC SDK is already installed");
  installed = true;
  const { host, wait, run, inside, setTimeout, clearTimeout } = sdk;
  const handlers = new Map(); // "<service>\0<package.Service/Method>" → { fn, streaming }
  const streams = new Map(); // call id → ClientReadableStream

  // ── server side ──

  class ServerCall {
    constructor(inv, req) {
      this.inv = inv;
      this.request = req.message;
      this.metadata = Metadata.from(req.metadata);
      this.deadline = req.deadlineAtMs;
      this.peer = req.from;
      this.path = `/${req.method}`;
      this.answered = false;
      this.wasCancelled = false;
      this.listeners = [];
      this.timer = undefined;
    }
    /** True once the deadline passed before we answered (grpc-js also counts client cancels). */
    get cancelled() {
      if (!this.wasCancelled && !this.answered && Date.now() >= this.deadline) this.wasCancelled = true;
      return this.wasCancelled;
    }
    getDeadline() { return this.deadline; }
    getPeer() { return this.peer; }
    getPath() { return this.path; }
    on(event, fn) {
      if (event !== "cancelled") return this; // "finish", "error"…: not modelled
      if (typeof fn !== "function") throw new TypeError('call.on("cancelled", fn): fn must be a function');
      if (this.cancelled) {
        setTimeout(fn, 0);
        return this;
      }
      this.listeners.push(fn);
      if (this.timer === undefined && this.deadline !== Infinity && !this.answered) {
        this.timer = setTimeout(() => this.fireCancelled(), Math.max(0, this.deadline - Date.now()));
      }
      return this;
    }
    once(event, fn) { return this.on(event, fn); }
    fireCancelled() {
      this.timer = undefined;
      if (this.answered) return;
      this.wasCancelled = true; // armed for the deadline (now + (deadline - now) may round a hair short)
      const fns = this.listeners;
      this.listeners = [];
      for (const fn of fns) fn();
    }
    /** Marks the call answered; false when it is too late (cancelled) or already answered. */
    settle() {
      if (this.answered || this.cancelled) return false;
      this.answered = true;
      if (this.timer !== undefined) clearTimeout(this.timer);
      this.timer = undefined;
      this.listeners = [];
      return true;
    }
    finishWithError(err) {
      if (!this.settle()) return;
      const code = err && typeof err.code === "number" && STATUS_NAME[err.code] ? err.code : STATUS.UNKNOWN;
      const details = err && typeof err.details === "string" ? err.details : err && typeof err.message === "string" ? err.message : String(err);
      host.grpcFinish(this.inv, code, details.slice(0, 2000));
    }
  }

  class ServerUnaryCall extends ServerCall {
    respond(err, value) {
      if (err) return this.finishWithError(err);
      if (!this.settle()) return;
      host.grpcReply(this.inv, value === undefined || value === null ? {} : value);
    }
  }

  class ServerWritableStream extends ServerCall {
    /** Sends one message; false (and nothing sent) once the call is over, as grpc-js drops late writes. */
    write(message) {
      if (this.answered || this.cancelled) return false;
      host.grpcWrite(this.inv, message === undefined || message === null ? {} : message);
      return true;
    }
    end() {
      if (this.settle()) host.grpcFinish(this.inv, STATUS.OK, "");
    }
    /** Ends the stream with an error status: `call.destroy({ code: grpc.status.NOT_FOUND, details })`. */
    destroy(err) {
      this.finishWithError(err || { code: STATUS.CANCELLED, details: "Cancelled by server" });
    }
    emit(event, err) {
      if (event === "error") this.finishWithError(err);
      return true;
    }
  }

  function addService(app, serviceName, impl) {
    if (typeof serviceName !== "string") throw new TypeError("addService(name, implementation): name is the service's full name, e.g. \"shop.inventory.v1.Inventory\"");
    if (!impl || typeof impl !== "object") throw new TypeError(`addService("${serviceName}", implementation): implementation must be an object of handlers`);
    const methods = host.grpcService(serviceName);
    for (const key of Object.keys(impl)) {
      const m = methods.find((x) => x.name === key || lowerFirst(x.name) === key);
      if (!m) throw new TypeError(`addService("${serviceName}"): the service has no method "${key}" (its methods: ${methods.map((x) => x.name).join(", ")})`);
      if (typeof impl[key] !== "function") throw new TypeError(`addService("${serviceName}"): ${key} must be a function`);
      const id = `${app.name}\u0000${serviceName}/${m.name}`;
      if (handlers.has(id)) throw new Error(`addService("${serviceName}"): ${m.name} is implemented twice`);
      handlers.set(id, { fn: impl[key], streaming: m.responseStream });
    }
  }

  function onRpc(app, inv, req) {
    const h = handlers.get(`${app.name}\u0000${req.method}`);
    if (!h) {
      host.grpcFinish(inv, STATUS.UNIMPLEMENTED, `The server does not implement the method ${req.method}`);
      return;
    }
    if (h.streaming) {
      const call = new ServerWritableStream(inv, req);
      run(inv, () => h.fn(call));
    } else {
      const call = new ServerUnaryCall(inv, req);
      run(inv, () => h.fn(call, (err, value) => call.respond(err, value)));
    }
  }

  // ── client side ──

  /** Splits grpc-js's `(request, metadata?, options?, callback?)`. */
  function callArgs(rest) {
    let metadata, options = {}, callback;
    for (const a of rest) {
      if (typeof a === "function") callback = a;
      else if (a instanceof Metadata) metadata = a;
      else if (a && typeof a === "object") options = a;
    }
    return { metadata, options, callback };
  }

  function start(client, m, request, metadata, options, stream) {
    const what = `${client.service}.${m.name}()`;
    inside(what);
    const own = deadlineMsOf(options.deadline, what);
    const parent = options.parent;
    if (parent !== undefined && !(parent instanceof ServerCall)) throw new TypeError(`${what}: parent must be the server call you are handling`);
    const flags = typeof options.propagate_flags === "number" ? options.propagate_flags : PROPAGATE.DEFAULTS;
    const inherit = parent !== undefined && (flags & PROPAGATE.DEADLINE) !== 0;
    const now = Date.now();
    return host.grpcCall(client.target, `${client.service}/${m.name}`, request === undefined || request === null ? {} : request, {
      deadlineMs: own === Infinity ? -1 : Math.max(0, own - now),
      parentInv: inherit ? parent.inv : -1,
      parentDeadlineMs: inherit && parent.deadline !== Infinity ? Math.max(0, parent.deadline - now) : -1,
      metadata: metadata ? metadata.getMap() : {},
      stream,
    });
  }

  function unaryMethod(client, m) {
    return function (request, ...rest) {
      const { metadata, options, callback } = callArgs(rest);
      const id = start(client, m, request, metadata, options, false); // mistakes throw here, at the call
      const result = wait(() => id).then((r) => (r.code === STATUS.OK ? r.message : Promise.reject(serviceError(r))));
      if (!callback) return result;
      result.then((value) => run(-1, () => callback(null, value)), (err) => run(-1, () => callback(err)));
      return { getPeer: () => client.target };
    };
  }

  class ClientReadableStream {
    constructor(target) {
      this.target = target;
      this.listeners = { data: [], error: [], end: [], status: [] };
      this.queue = null; // buffered messages once someone iterates with for await
      this.waiter = null;
      this.finished = false;
      this.error = null;
    }
    on(event, fn) {
      if (typeof fn !== "function") throw new TypeError(`stream.on("${event}", fn): fn must be a function`);
      if (this.listeners[event]) this.listeners[event].push(fn);
      return this;
    }
    once(event, fn) { return this.on(event, fn); }
    getPeer() { return this.target; }
    emit(event, value) {
      for (const fn of this.listeners[event]) run(-1, () => fn(value));
    }
    push(message) {
      this.emit("data", message);
      if (this.queue === null) return;
      if (this.waiter) {
        const w = this.waiter;
        this.waiter = null;
        w.resolve({ value: message, done: false });
      } else this.queue.push(message);
    }
    close(r) {
      this.finished = true;
      const status = { code: r.code, details: r.details, metadata: new Metadata() };
      if (r.code === STATUS.OK) {
        this.emit("status", status);
        this.emit("end");
      } else {
        this.error = serviceError(r);
        // Like an EventEmitter: an 'error' nobody listens to is an uncaught exception.
        if (this.listeners.error.length === 0 && this.queue === null) {
          const err = this.error;
          run(-1, () => { throw err; });
        }
        this.emit("error", this.error);
        this.emit("status", status);
      }
      if (this.waiter) {
        const w = this.waiter;
        this.waiter = null;
        if (this.error) w.reject(this.error);
        else w.resolve({ value: undefined, done: true });
      }
    }
    [Symbol.asyncIterator]() {
      if (this.queue === null) this.queue = [];
      const iterator = {
        next: () => {
          if (this.queue.length > 0) return Promise.resolve({ value: this.queue.shift(), done: false });
          if (this.finished) {
            const err = this.error;
            this.error = null;
            return err ? Promise.reject(err) : Promise.resolve({ value: undefined, done: true });
          }
          return new Promise((resolve, reject) => { this.waiter = { resolve, reject }; });
        },
        return: () => {
          this.queue = [];
          return Promise.resolve({ value: undefined, done: true });
        },
        [Symbol.asyncIterator]: () => iterator,
      };
      return iterator;
    }
  }

  function streamMethod(client, m) {
    return function (request, ...rest) {
      const { metadata, options } = callArgs(rest);
      const stream = new ClientReadableStream(client.target);
      const id = start(client, m, request, metadata, options, true);
      streams.set(id, stream);
      wait(() => id).then((r) => {
        streams.delete(id);
        stream.close(r);
      });
      return stream;
    };
  }

  /** A message of a server stream (the stream's end arrives as an ordinary "resolve"). */
  function onData(ev) {
    const stream = streams.get(ev.id);
    if (stream && !stream.finished) stream.push(ev.message);
  }

  const grpc = {
    status: STATUS,
    propagate: PROPAGATE,
    Metadata,
    /** A client for `service` (its full name) at `target` (a service or one instance of the lab). */
    client(target, service) {
      if (typeof target !== "string" || typeof service !== "string") throw new TypeError('grpc.client(target, service): e.g. grpc.client("inventory", "shop.inventory.v1.Inventory")');
      const methods = host.grpcService(service);
      const client = { target, service };
      for (const m of methods) {
        const fn = m.responseStream ? streamMethod(client, m) : unaryMethod(client, m);
        client[m.name] = fn;
        client[lowerFirst(m.name)] = fn;
      }
      return client;
    },
    /** Bytes of `message` as Protobuf (alone and in its 5-byte gRPC frame) and as compact JSON. */
    sizes(type, message) {
      if (typeof type !== "string") throw new TypeError('grpc.sizes(type, message): type is a full message name, e.g. "shop.inventory.v1.StockLevel"');
      return host.grpcSizes(type, message === undefined || message === null ? {} : message);
    },
  };

  return { grpc, addService, onRpc, onData };
}
