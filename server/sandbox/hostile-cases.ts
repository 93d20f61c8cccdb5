/**
 * Hostile learner code, as data: each case is a learner file (main.ts), the calls the host makes, and
 * the clean ending expected. Shared by hostile.test.ts (in-process) and pool.test.ts (through workers,
 * interleaved with benign runs). `handler` is always called once with the JSON argument `{ n: 1 }`.
 */
import { compileGuest, type CompiledGuest, type CompileResult } from "./compile";
import type { RunGuestRequest, RunGuestResult } from "./run-guest";
import type { GuestError, LimitKind } from "./types";

export type Expected =
  | { ok: true }
  | { kind: "runtime"; messageIncludes?: string }
  | { kind: "limit"; limits: LimitKind[] }
  | { kind: "compile"; messageIncludes?: string };

export interface HostileCase { name: string; source: string; expect: Expected }

/** Tight limits keep the suite fast; ops trip long before the generous wall clock on any machine. */
export const HOSTILE_LIMITS = {
  callOpTicksMax: 2_000, runOpTicksMax: 4_000, callWallMsMax: 5_000, runWallMsMax: 10_000,
  memoryBytesMax: 16 << 20, logLinesMax: 200, outputBytesMax: 64 << 10, bridgeCallsMax: 5_000, callbacksMax: 1_000,
  jsonBytesMax: 64 << 10, jobsPerCallMax: 5_000,
};

export const TEST_SDK = `
const host = globalThis.__host;
export const emit = (value) => host.emit(value);
export const defer = (cb, arg) => host.defer(cb, arg);
`;

export const BENIGN_SOURCE = `
import { emit } from "lab";
export function handler(req: { n: number }): { doubled: number; now: number } {
  emit({ seen: req.n });
  console.log("benign", req.n);
  return { doubled: req.n * 2, now: Date.now() };
}
`;

const h = (body: string, prelude = ""): string =>
  `import { emit, defer } from "lab";\n${prelude}\nexport function handler(req: any): any {\n${body}\n}\n`;
const escape = (expr: string): string => h(`const p: any = ${expr};\nreturn p.mainModule.require("child_process").execSync("id").toString();`);
const limit = (...limits: LimitKind[]): Expected => ({ kind: "limit", limits });
const runtime = (messageIncludes?: string): Expected => ({ kind: "runtime", messageIncludes });

export const HOSTILE_CASES: HostileCase[] = [
  // Constructor chains: the Function constructor is closed, so every chain ends in a TypeError.
  { name: "this.constructor.constructor", source: h(`const f: any = function (this: any) { return this; };\nreturn (f.call({}) as any).constructor.constructor("return process")().pid;`), expect: runtime("Function constructor") },
  { name: "({}).constructor.constructor", source: escape(`({}).constructor.constructor("return process")()`), expect: runtime("Function constructor") },
  { name: "async function constructor", source: escape(`(async function () {}).constructor("return process")()`), expect: runtime("Function constructor") },
  { name: "generator function constructor", source: escape(`Object.getPrototypeOf(function* () {}).constructor("return process")()`), expect: runtime("Function constructor") },
  { name: "Function.prototype.constructor.call", source: escape(`Function.prototype.constructor.call(null, "return process")()`), expect: runtime("Function constructor") },
  { name: "Error.prepareStackTrace frames", source: escape(`(() => { (Error as any).prepareStackTrace = (_e: any, frames: any) => frames[0].getThis(); return (new Error("x") as any).stack; })()`), expect: runtime() },
  { name: "eval and indirect eval", source: h(`return (globalThis as any)["ev" + "al"]("globalThis.process.exit(1)");`), expect: runtime("not a function") },
  { name: "new Function", source: h(`return new Function("return process")();`), expect: runtime("Function constructor") },
  { name: "require / process globals", source: h(`return (globalThis as any)["req" + "uire"]("fs").readFileSync("/etc/passwd", "utf8");`), expect: runtime("not a function") },
  // Module loading: static imports fail at compile time; computed dynamic imports at run time.
  { name: "import fs", source: `import fs from "fs";\nexport function handler() { return 1; }\n`, expect: { kind: "compile", messageIncludes: "not allowed" } },
  { name: "dynamic import literal", source: h(`return import("node:child_process");`), expect: { kind: "compile", messageIncludes: "not allowed" } },
  { name: "dynamic import computed", source: h(`return import(["f", "s"].join(""));`), expect: runtime("Cannot import") },
  // Prototype pollution and globalThis tampering never reach the host or its decoding.
  { name: "Object.prototype pollution", source: h(`(Object.prototype as any).polluted = "yes"; (Array.prototype as any).push = null;\nemit({ a: 1 });\nreturn JSON.parse('{"__proto__": {"isAdmin": true}, "b": 2}');`), expect: { ok: true } },
  { name: "JSON and Object tampering", source: h(`(globalThis as any).JSON = { parse() { return { evil: 1 }; }, stringify() { return '{"evil":1}'; } };\nObject.keys = null as any; Object.freeze(Object.prototype); Object.freeze(Array.prototype);\nreturn { good: req.n };`), expect: { ok: true } },
  { name: "toJSON getter on Object.prototype", source: h(`Object.defineProperty(Object.prototype, "toJSON", { get() { for (;;) {} } });\nreturn {};`), expect: limit("ops") },
  // Infinite loops wherever code can run.
  { name: "while(true)", source: h(`while (true) {}`), expect: limit("ops") },
  { name: "try/catch around the loop", source: h(`try { for (;;) {} } catch (e) { return "escaped"; } finally { for (;;) {} }`), expect: limit("ops") },
  { name: "loop in a promise job after return", source: h(`Promise.resolve().then(() => { while (true) {} });\nreturn "returned";`), expect: limit("ops") },
  { name: "endless job chain", source: h(`const loop = (): Promise<void> => Promise.resolve().then(loop);\nloop();\nreturn 1;`), expect: limit("jobs", "ops") },
  { name: "getter loop in return value", source: h(`return { get x() { for (;;) {} } };`), expect: limit("ops") },
  { name: "toString loop reached by the host", source: h(`const o: any = { toString() { for (;;) {} } }; o.self = o;\nconsole.log(o);`), expect: limit("ops") },
  { name: "Symbol.toPrimitive loop", source: h(`const o: any = { [Symbol.toPrimitive]() { for (;;) {} } }; o.self = o;\nconsole.log("x", o);`), expect: limit("ops") },
  { name: "regexp backtracking", source: h(`return /(a+)+$/.test("a".repeat(40) + "b");`), expect: limit("ops") },
  { name: "sort comparator loop", source: h(`return [3, 2, 1].sort(() => { for (;;) {} });`), expect: limit("ops") },
  // Memory bombs.
  { name: "string doubling", source: h(`let s = "x"; for (;;) s += s;`), expect: limit("memory") },
  { name: "huge array", source: h(`const a: number[] = []; for (let i = 0; ; i++) a.push(i);`), expect: limit("memory", "ops") },
  { name: "objects in a Map", source: h(`const m = new Map(); for (let i = 0; ; i++) m.set(i, { i, s: "v" + i });`), expect: limit("memory", "ops") },
  { name: "typed arrays and ArrayBuffer", source: h(`return new Uint8Array(new ArrayBuffer(2 ** 30)).length;`), expect: runtime("not defined") },
  { name: "Atomics.wait", source: h(`return (globalThis as any).Atomics.wait(null, 0, 0);`), expect: runtime() },
  { name: "WebAssembly", source: h(`return (globalThis as any).WebAssembly.compile(null);`), expect: runtime() },
  { name: "deep recursion", source: h(`const f = (n: number): number => f(n + 1) + 1;\nreturn f(0);`), expect: limit("stack") },
  // Floods through the bridge and the console.
  { name: "log flood", source: h(`for (;;) console.log("spam");`), expect: limit("logs") },
  { name: "output flood", source: h(`for (let i = 0; i < 100; i++) console.log("x".repeat(4000));`), expect: limit("output") },
  { name: "event flood with catch", source: h(`for (;;) { try { emit(1); } catch (e) { /* keep going */ } }`), expect: limit("bridge-calls") },
  { name: "callback handle flood", source: h(`for (let i = 0; i < 1e6; i++) defer(() => 0, i);`), expect: limit("handles") },
  { name: "setTimeout absent", source: h(`for (;;) (globalThis as any).setTimeout(() => 0, 0);`), expect: runtime("not a function") },
  // Values that cannot cross, or cross too big.
  { name: "getter loop as bridge argument", source: h(`emit({ get x() { for (;;) {} } });`), expect: limit("ops") },
  { name: "Proxy with ownKeys loop as argument", source: h(`emit(new Proxy({}, { ownKeys() { for (;;) {} } }));`), expect: limit("ops") },
  { name: "Proxy as thrown value", source: h(`throw new Proxy({}, { get() { for (;;) {} }, getPrototypeOf() { for (;;) {} } });`), expect: runtime("could not be read") },
  { name: "huge JSON return", source: h(`return "x".repeat(5e6);`), expect: limit("payload") },
  { name: "huge array of objects as argument", source: h(`emit(new Array(1e5).fill({ a: "xxxxxxxx" }));`), expect: limit("payload") },
  { name: "BigInt return", source: h(`return 10n;`), expect: runtime("BigInt") },
  // Throwing things that are not Errors.
  { name: "throw 42", source: h(`throw 42;`), expect: runtime("Uncaught 42") },
  { name: "throw null", source: h(`throw null;`), expect: runtime("Uncaught null") },
  { name: "throw object with looping message getter", source: h(`throw { get message() { while (1) {} } };`), expect: runtime("could not be read") },
  { name: "Error.prototype.name getter loop", source: h(`Object.defineProperty(Error.prototype, "name", { get() { for (;;) {} } });\nthrow new Error("x");`), expect: runtime("could not be read") },
];

/** The outcome of a case as one error (or null when every call succeeded). */
export function firstError(result: RunGuestResult): GuestError | null {
  for (const r of result.results) if (!r.ok) return result.error ?? r.error;
  return result.error ?? null;
}

/** null when `error` is the ending `expected` asks for; otherwise why not. */
export function mismatch(expected: Expected, error: GuestError | null): string | null {
  if ("ok" in expected) return error ? `expected success, got ${JSON.stringify(error)}` : null;
  if (!error) return `expected a ${expected.kind} error, got success`;
  if (error.kind !== expected.kind) return `expected ${expected.kind}, got ${JSON.stringify(error)}`;
  if (expected.kind === "limit" && error.kind === "limit" && !expected.limits.includes(error.limit)) {
    return `expected limit ${expected.limits.join("|")}, got ${error.limit}: ${error.message}`;
  }
  if ("messageIncludes" in expected && expected.messageIncludes && !error.message.includes(expected.messageIncludes)) {
    return `expected message with "${expected.messageIncludes}", got "${error.message}"`;
  }
  return null;
}

export async function compileCase(source: string): Promise<CompileResult> {
  return compileGuest({ files: { "main.ts": source }, allowedModules: ["lab"] });
}

export function caseRequest(compiled: CompiledGuest, seed = 7): RunGuestRequest {
  return { compiled, seed, timeMs: 1_000, limits: HOSTILE_LIMITS, modules: { lab: TEST_SDK }, calls: [{ path: ["handler"], args: [{ n: 1 }] }] };
}
