// The realtime part of the "lab" module: WebSockets — a server in the style of the `ws` library and a
// client in the style of the browser's WebSocket (one class, as in ws) — and Redis-style pub/sub
// (declarations: labs/sdk/lab.d.ts, section "WebSockets and pub/sub"; reference: labs/SDK.md). lab-sdk.js
// imports this module and installs it once with its own internals; the host side is
// server/labs/host-realtime.ts.
//
// What the host guarantees and this file relies on: every connection has one id on both ends; events
// for a connection arrive on the instance that owns that end, in order ("ws.open", "ws.message",
// "ws.pong", "ws.close"); a "ws.close" may never come (the peer terminated behind a cut link: a
// half-open connection), so closing and connecting have timeouts here, as sockets do in real life.

const CONNECTING = 0, OPEN = 1, CLOSING = 2, CLOSED = 3;
/** An upgrade that never gets an answer fails like a TCP connect timeout, with 1006. */
const CONNECT_TIMEOUT_MS = 3_000;
/** A close handshake the peer never answers ends with 1006 (ws waits 30 s; simulated runs are short). */
const CLOSE_TIMEOUT_MS = 2_000;
const MESSAGE_CHARS_MAX = 64 * 1024;

let installed = false;

function sendableCode(code) {
  return Number.isInteger(code) && ((code >= 1000 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006) || (code >= 3000 && code <= 4999));
}

function splitUrl(url, what) {
  const m = /^wss?:\/\/([A-Za-z0-9_.-]+)(?::\d+)?(\/[^#]*)?$/.exec(String(url));
  if (!m) {
    const e = new SyntaxError(`${what}: invalid URL ${JSON.stringify(String(url))} (expected ws://<service>/<path>)`);
    throw e;
  }
  return { to: m[1], path: m[2] || "/" };
}

export function installRealtime(sdk) {
  if (installed) throw new Error("the realtime SDK is already installed");
  installed = true;
  const { host, run, inside, setTimeout, clearTimeout, parseQuery, instance } = sdk;
  /** "<instance>#<connId>" → the WebSocket object of that end of the connection. */
  const sockets = new Map();
  /** service → its WebSocketServers. */
  const servers = new Map();
  /** "<instance>\0<broker>\0<channel>" → listeners. */
  const subscriptions = new Map();

  const keyOf = (inst, connId) => `${inst}#${connId}`;
  /** Constructor token for the server end of a connection (learners construct clients only). */
  const SERVER_SIDE = {};

  class WebSocket {
    static CONNECTING = CONNECTING;
    static OPEN = OPEN;
    static CLOSING = CLOSING;
    static CLOSED = CLOSED;
    CONNECTING = CONNECTING;
    OPEN = OPEN;
    CLOSING = CLOSING;
    CLOSED = CLOSED;
    #connId = -1;
    #owner = "";
    #timer = undefined;
    #listeners = { open: [], message: [], close: [], pong: [], error: [] };
    #server = undefined;
    url = "";
    readyState = CONNECTING;
    onopen = null;
    onmessage = null;
    onclose = null;
    onerror = null;

    /** A browser-style client: `new WebSocket("ws://gw/feed?user=cus-2001")`. */
    constructor(url, _protocols) {
      if (url === SERVER_SIDE) return;
      inside("new WebSocket()");
      const { to, path } = splitUrl(url, "new WebSocket()");
      this.url = String(url);
      this.#owner = instance();
      this.#connId = host.wsConnect(to, path);
      sockets.set(keyOf(this.#owner, this.#connId), this);
      this.#timer = setTimeout(() => {
        if (this.readyState === CONNECTING) this.#closed(1006, "connection timed out", false);
      }, CONNECT_TIMEOUT_MS);
    }

    /** The server end of a connection a WebSocketServer accepted (internal). */
    static _accept(server, connId, path) {
      const ws = new WebSocket(SERVER_SIDE);
      ws.url = path;
      ws.readyState = OPEN;
      ws.#connId = connId;
      ws.#owner = instance();
      ws.#server = server;
      sockets.set(keyOf(ws.#owner, connId), ws);
      return ws;
    }

    #mine(what) {
      if (instance() !== this.#owner) {
        throw new Error(`${what}: this WebSocket belongs to ${this.#owner}; code running on ${instance() || "the top level"} cannot use it (keep per-instance state, e.g. wss.clients)`);
      }
    }

    send(data) {
      this.#mine("ws.send()");
      if (this.readyState === CONNECTING) {
        const e = new Error("ws.send(): still CONNECTING — wait for the open event");
        e.name = "InvalidStateError";
        throw e;
      }
      if (typeof data !== "string") throw new TypeError("ws.send(data): data must be a string — JSON.stringify objects first");
      if (data.length > MESSAGE_CHARS_MAX) throw new RangeError(`ws.send(data): messages are limited to ${MESSAGE_CHARS_MAX} characters in the lab`);
      if (this.readyState !== OPEN) return; // like a browser: data sent after close() is dropped
      host.wsSend(this.#connId, data);
    }

    close(code, reason) {
      this.#mine("ws.close()");
      if (code !== undefined && !sendableCode(code)) {
        throw new RangeError(`ws.close(code): ${code} cannot be sent (use 1000, 1001, 1008, 1011–1014 or 3000–4999; 1006 is only ever reported)`);
      }
      const why = reason === undefined ? "" : String(reason).slice(0, 123);
      if (this.readyState === CLOSING || this.readyState === CLOSED) return;
      if (this.readyState === CONNECTING) {
        // Like a browser: fail the connection; "close" fires on the next tick, not inside close().
        this.readyState = CLOSING;
        this.#arm(() => this.#closed(1006, "closed before the connection was established", false), 0);
        return;
      }
      this.readyState = CLOSING;
      host.wsClose(this.#connId, code === undefined ? 1000 : code, why);
      this.#arm(() => this.#closed(1006, "the peer did not answer the close handshake", false), CLOSE_TIMEOUT_MS);
    }

    /** ws: drops the connection at once, without a closing handshake (a dead peer would never answer one). */
    terminate() {
      this.#mine("ws.terminate()");
      if (this.readyState === CLOSED) return;
      if (!host.wsTerminate(this.#connId) || this.readyState === CONNECTING) {
        // Nothing left to reset (half-open, or never opened): close this end on the next tick, as ws does.
        this.readyState = CLOSING;
        this.#arm(() => this.#closed(1006, "terminated", false), 0);
      } else {
        this.readyState = CLOSING;
      }
    }

    /** ws: sends a ping frame; the peer answers automatically and "pong" fires here. */
    ping() {
      this.#mine("ws.ping()");
      if (this.readyState !== OPEN) throw new Error("ws.ping(): the WebSocket is not open");
      host.wsPing(this.#connId);
    }

    /** ws style: "message" (data, isBinary), "close" (code, reason), "pong", "open", "error". */
    on(event, listener) {
      if (typeof listener !== "function") throw new TypeError(`ws.on("${event}", listener): listener must be a function`);
      const list = this.#listeners[event];
      if (!list) throw new TypeError(`ws.on(): unknown event "${event}" (open, message, close, pong, error)`);
      list.push({ fn: listener, once: false, dom: false });
      return this;
    }
    once(event, listener) {
      this.on(event, listener);
      this.#listeners[event][this.#listeners[event].length - 1].once = true;
      return this;
    }
    off(event, listener) {
      const list = this.#listeners[event];
      if (list) this.#listeners[event] = list.filter((l) => l.fn !== listener);
      return this;
    }
    removeListener(event, listener) { return this.off(event, listener); }
    /** Browser style: listeners get an event object ({ data } / { code, reason, wasClean }). */
    addEventListener(type, listener) {
      if (typeof listener !== "function" || !this.#listeners[type]) return;
      this.#listeners[type].push({ fn: listener, once: false, dom: true });
    }
    removeEventListener(type, listener) { this.off(type, listener); }

    #arm(fn, ms) {
      if (this.#timer !== undefined) clearTimeout(this.#timer);
      this.#timer = setTimeout(fn, ms);
    }

    #emit(type, args, ev) {
      const prop = this[`on${type}`];
      if (typeof prop === "function") run(-1, () => prop.call(this, ev));
      const list = this.#listeners[type];
      this.#listeners[type] = list.filter((l) => !l.once);
      for (const l of list) run(-1, () => (l.dom ? l.fn.call(this, ev) : l.fn.apply(this, args)));
    }

    // ── called from the host's events ──
    _opened() {
      if (this.readyState !== CONNECTING) {
        host.wsClose(this.#connId, 1000, ""); // given up on while the handshake was under way
        return;
      }
      if (this.#timer !== undefined) clearTimeout(this.#timer);
      this.#timer = undefined;
      this.readyState = OPEN;
      this.#emit("open", [], { type: "open", target: this });
    }
    _message(data) {
      if (this.readyState !== OPEN) return;
      this.#emit("message", [data, false], { type: "message", data, target: this });
    }
    _pong() {
      this.#emit("pong", [], { type: "pong", target: this });
    }
    _closed(code, reason, wasClean) {
      this.#closed(code, reason, wasClean);
    }

    #closed(code, reason, wasClean) {
      if (this.readyState === CLOSED) return;
      const failed = this.readyState === CONNECTING;
      this.readyState = CLOSED;
      if (this.#timer !== undefined) clearTimeout(this.#timer);
      this.#timer = undefined;
      sockets.delete(keyOf(this.#owner, this.#connId));
      if (this.#server) this.#server._forget(this.#owner, this);
      if (failed) this.#emit("error", [new Error(`WebSocket connection to ${this.url} failed: ${reason}`)], { type: "error", target: this });
      this.#emit("close", [code, reason], { type: "close", code, reason, wasClean, target: this });
    }
  }

  class WebSocketServer {
    #service;
    #path;
    #clients = new Map(); // instance → Set of open connections
    #listeners = [];

    /** ws: `new WebSocketServer({ server: app, path: "/feed" })` — accepts connections to that service. */
    constructor(options) {
      const service = options && options.server;
      if (!service || typeof service.name !== "string" || typeof service.onStart !== "function") {
        throw new TypeError("new WebSocketServer({ server }): server must be a service from createService()");
      }
      this.#service = service.name;
      this.#path = options.path === undefined ? undefined : String(options.path);
      const list = servers.get(this.#service) || [];
      list.push(this);
      servers.set(this.#service, list);
    }

    /** The open connections of the instance this code runs on (ws: `wss.clients`). */
    get clients() {
      const inst = instance();
      let set = this.#clients.get(inst);
      if (!set) {
        set = new Set();
        if (inst) this.#clients.set(inst, set);
      }
      return set;
    }

    on(event, listener) {
      if (event !== "connection") throw new TypeError(`wss.on(): only "connection" is supported, got "${event}"`);
      if (typeof listener !== "function") throw new TypeError('wss.on("connection", listener): listener must be a function');
      this.#listeners.push(listener);
      return this;
    }

    _matches(path) {
      return this.#path === undefined || path === this.#path;
    }
    _connection(connId, url, from) {
      const q = url.indexOf("?");
      const path = q < 0 ? url : url.slice(0, q);
      const ws = WebSocket._accept(this, connId, url);
      this.clients.add(ws);
      const req = { url, path, query: parseQuery(q < 0 ? "" : url.slice(q + 1)), headers: {}, from };
      for (const fn of this.#listeners) run(-1, () => fn.call(this, ws, req));
    }
    _forget(inst, ws) {
      this.#clients.get(inst)?.delete(ws);
    }
    _reset(inst) {
      this.#clients.delete(inst);
    }
  }

  function serverFor(service, url) {
    const q = url.indexOf("?");
    const path = q < 0 ? url : url.slice(0, q);
    return (servers.get(service) || []).find((s) => s._matches(path));
  }

  // ── Redis-style pub/sub (node-redis flavour) ──
  function createClient(options) {
    const url = options && options.url;
    const m = /^rediss?:\/\/(?:[^@/]*@)?([A-Za-z0-9_.-]+)/.exec(String(url));
    if (!m) throw new TypeError(`redis.createClient({ url }): expected a URL like redis://<broker>, got ${JSON.stringify(String(url))}`);
    const broker = m[1];
    const client = {
      isOpen: true,
      async connect() { return client; },
      async quit() {},
      async disconnect() {},
      duplicate() { return createClient(options); },
      /** Fire-and-forget to the channel's current subscribers (at most once: nobody listening, nobody gets it). */
      async publish(channel, message) {
        inside("redis.publish()");
        if (typeof message !== "string") throw new TypeError("redis.publish(channel, message): message must be a string — JSON.stringify it");
        if (message.length > MESSAGE_CHARS_MAX) throw new RangeError(`redis.publish(): messages are limited to ${MESSAGE_CHARS_MAX} characters in the lab`);
        host.pubsubPublish(broker, String(channel), message);
      },
      /** This instance receives the channel's messages from now on (once the request reaches the broker). */
      async subscribe(channel, listener) {
        inside("redis.subscribe()");
        if (typeof listener !== "function") throw new TypeError("redis.subscribe(channel, listener): listener must be a function");
        const key = `${instance()}\u0000${broker}\u0000${channel}`;
        const list = subscriptions.get(key) || [];
        list.push(listener);
        subscriptions.set(key, list);
        host.pubsubSubscribe(broker, String(channel));
      },
      async unsubscribe(channel, listener) {
        inside("redis.unsubscribe()");
        const key = `${instance()}\u0000${broker}\u0000${channel}`;
        const list = (subscriptions.get(key) || []).filter((fn) => listener !== undefined && fn !== listener);
        if (list.length) subscriptions.set(key, list);
        else subscriptions.delete(key);
      },
    };
    return client;
  }

  // ── the host's events ──
  const EVENTS = {
    "ws.open"(app, ev) {
      if (ev.role === "server") {
        const server = serverFor(app.name, ev.path);
        if (server) server._connection(ev.connId, ev.path, ev.peer);
        else host.wsClose(ev.connId, 1008, `no WebSocket server at ${ev.path.split("?")[0]}`);
        return;
      }
      const ws = sockets.get(keyOf(ev.instance, ev.connId));
      // Given up on (timed out or closed) while the handshake was under way: close the late connection.
      if (!ws) host.wsClose(ev.connId, 1000, "");
      else ws._opened();
    },
    "ws.message"(_app, ev) {
      sockets.get(keyOf(ev.instance, ev.connId))?._message(ev.data);
    },
    "ws.pong"(_app, ev) {
      sockets.get(keyOf(ev.instance, ev.connId))?._pong();
    },
    "ws.close"(_app, ev) {
      sockets.get(keyOf(ev.instance, ev.connId))?._closed(ev.code, ev.reason, ev.wasClean);
    },
    pubsub(_app, ev) {
      const list = subscriptions.get(`${ev.instance}\u0000${ev.broker}\u0000${ev.channel}`) || [];
      for (const fn of list) run(-1, () => fn(ev.data, ev.channel));
    },
  };

  return {
    WebSocket,
    WebSocketServer,
    redis: { createClient },
    handles: (t) => Object.prototype.hasOwnProperty.call(EVENTS, t),
    onEvent: (app, ev) => EVENTS[ev.t](app, ev),
    /** A (re)started instance has no connections and no subscriptions: its old process took them along. */
    onInstanceStart(inst) {
      for (const [key, ws] of sockets) if (key.startsWith(`${inst}#`)) { sockets.delete(key); ws.readyState = CLOSED; }
      for (const list of servers.values()) for (const s of list) s._reset(inst);
      for (const key of subscriptions.keys()) if (key.startsWith(`${inst}\u0000`)) subscriptions.delete(key);
    },
  };
}
