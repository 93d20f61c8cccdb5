/**
 * Guest-side hardening, evaluated in a fresh context before any learner code. It is a function of one
 * argument (the host's private capability object) and returns helpers that close over pristine
 * intrinsics, so later tampering with `JSON`, `Object`, `String`… by the guest cannot change how the
 * host reads values out. The helpers run guest getters/toJSON/Proxy traps — always under the budget.
 *
 * It runs as plain (non-strict) script source; keep it ES2020 and free of host references.
 */
export const PRELUDE_SOURCE = String.raw`(function (host) {
  "use strict";
  const G = globalThis;
  const stringify = JSON.stringify, parse = JSON.parse;
  const ObjectKeys = Object.keys, defineProperty = Object.defineProperty, getPrototypeOf = Object.getPrototypeOf;
  const StringCtor = String, ErrorCtor = Error, isArray = Array.isArray, imul = Math.imul;

  // Binary data, shared memory and GC observation: memory bombs and non-determinism. The context is
  // created without the TypedArrays intrinsic already; deleting the names again is belt and braces.
  for (const name of ["ArrayBuffer", "SharedArrayBuffer", "DataView", "Atomics", "WebAssembly",
    "Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array", "Uint32Array",
    "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array", "WeakRef", "FinalizationRegistry",
    "eval", "setTimeout", "setInterval", "setImmediate", "queueMicrotask", "require", "process", "performance"]) {
    delete G[name];
  }

  // Code from strings: QuickJS's eval cannot reach the host, but closing it removes a whole class of
  // tricks (constructor chains, import() from strings) and keeps every guest function visible to esbuild.
  const blocked = function Function() { throw new TypeError("Function constructor is not available in the sandbox"); };
  defineProperty(blocked, "prototype", { value: Function.prototype, writable: false });
  const fnProtos = [Function.prototype, getPrototypeOf(async function () {}),
    getPrototypeOf(function* () {}), getPrototypeOf(async function* () {})];
  for (const proto of fnProtos) {
    defineProperty(proto, "constructor", { value: blocked, writable: false, configurable: false, enumerable: false });
  }
  defineProperty(G, "Function", { value: blocked, writable: true, configurable: true, enumerable: false });

  // Seeded Math.random: xoshiro128** seeded through SplitMix32 — the same stream as server/sim/prng.ts.
  let x = host.seed >>> 0;
  const splitmix = () => {
    x = (x + 0x9e3779b9) | 0;
    let z = x;
    z = imul(z ^ (z >>> 16), 0x85ebca6b);
    z = imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let s0 = splitmix(), s1 = splitmix(), s2 = splitmix(), s3 = splitmix();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;
  const rotl = (v, k) => (v << k) | (v >>> (32 - k));
  defineProperty(Math, "random", { writable: true, configurable: true, enumerable: false, value: function random() {
    const result = imul(rotl(imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11);
    return result / 4294967296;
  } });

  // Virtual time: Date reads the simulation clock the host sets; local time is UTC so the host's
  // timezone never leaks into a run.
  const RealDate = Date, nowMs = host.nowMs, UTC = RealDate.UTC;
  function VDate(...args) {
    if (new.target === undefined) return new RealDate(nowMs()).toUTCString();
    const d = args.length === 0 ? new RealDate(nowMs()) : args.length === 1 ? new RealDate(args[0]) : new RealDate(UTC(...args));
    if (new.target !== VDate) Object.setPrototypeOf(d, new.target.prototype);
    return d;
  }
  VDate.prototype = RealDate.prototype;
  VDate.now = function now() { return nowMs(); };
  VDate.UTC = UTC;
  VDate.parse = RealDate.parse;
  const P = RealDate.prototype;
  defineProperty(P, "constructor", { value: VDate, writable: true, configurable: true, enumerable: false });
  for (const part of ["FullYear", "Month", "Date", "Day", "Hours", "Minutes", "Seconds", "Milliseconds"]) {
    P["get" + part] = P["getUTC" + part];
    if (part !== "Day") P["set" + part] = P["setUTC" + part];
  }
  P.getTimezoneOffset = function getTimezoneOffset() { return 0; };
  P.toString = P.toLocaleString = P.toUTCString;
  P.toDateString = P.toLocaleDateString = function () { return this.toISOString().slice(0, 10); };
  P.toTimeString = P.toLocaleTimeString = function () { return this.toISOString().slice(11, 23) + "Z"; };
  defineProperty(G, "Date", { value: VDate, writable: true, configurable: true, enumerable: false });

  const clip = (s, n) => (s.length > n ? s.slice(0, n) + "…" : s);
  const show = (v) => {
    if (typeof v === "string") return v;
    if (v === undefined || typeof v === "function" || typeof v === "symbol") return StringCtor(v);
    try { const s = stringify(v); return s === undefined ? StringCtor(v) : s; } catch (e) { return StringCtor(v); }
  };
  const makeLog = (level) => function () {
    let line = "";
    for (let i = 0; i < arguments.length && line.length < host.lineCharsMax; i++) line += (i ? " " : "") + show(arguments[i]);
    host.log(level, clip(line, host.lineCharsMax));
  };
  G.console = { log: makeLog("info"), info: makeLog("info"), debug: makeLog("debug"), warn: makeLog("warn"), error: makeLog("error") };

  return {
    // undefined → no value; null → over the size cap (the host reports a payload limit).
    toJson(v, charsMax) {
      if (v === undefined || typeof v === "function" || typeof v === "symbol") return undefined;
      const s = stringify(v);
      if (typeof s !== "string") return undefined;
      return s.length > charsMax ? null : s;
    },
    fromJson(s) { return parse(s); },
    getPath(root, path) {
      let v = root;
      for (let i = 0; i < path.length; i++) {
        if (v === null || (typeof v !== "object" && typeof v !== "function")) return undefined;
        v = v[path[i]];
      }
      return v;
    },
    keysOf(v) {
      return v !== null && typeof v === "object" && !isArray(v) ? stringify(ObjectKeys(v).slice(0, 1000)) : "[]";
    },
    // JSON [name, message, stack] (strings cross as C strings, so no NUL separators); every read may hit a hostile getter, so the host calls this with
    // a small budget of its own and falls back to a fixed text if it is interrupted.
    describe(e) {
      let name = "", message = "", stack = "";
      if (e !== null && (typeof e === "object" || typeof e === "function")) {
        const n = e.name, m = e.message, st = e.stack;
        name = typeof n === "string" ? n : "";
        message = typeof m === "string" ? m : m === undefined ? "" : show(m);
        stack = typeof st === "string" ? st : "";
        if (!name && !message) message = show(e);
        if (!(e instanceof ErrorCtor) && !name) name = "Uncaught";
      } else {
        name = "Uncaught";
        message = StringCtor(e);
      }
      return stringify([clip(name, 100), clip(message, 2000), clip(stack, 4000)]);
    },
  };
})`;
