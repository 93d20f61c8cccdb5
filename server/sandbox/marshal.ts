/**
 * Every value crosses the boundary as JSON text with a size cap; functions cross only as top-level
 * arguments and become `GuestCallback` handles. Reading a guest value goes through the prelude's
 * `toJson` (captured before learner code ran), so tampered globals cannot change it and its getters,
 * toJSON methods and Proxy traps run inside the interrupt budget. The host parses the text with its own
 * JSON.parse, drops `__proto__` keys, and never sees a guest object.
 */
import type { QuickJSContext, QuickJSHandle } from "quickjs-emscripten-core";
import type { Json } from "./types";

/** A guest function kept alive by the host, to be called later with `GuestVm.call`. */
export class GuestCallback {
  constructor(readonly id: number, readonly vmId: number) {}
}

export type BridgeValue = Json | GuestCallback;

export interface PreludeHelpers {
  toJson: QuickJSHandle;
  fromJson: QuickJSHandle;
  getPath: QuickJSHandle;
  keysOf: QuickJSHandle;
  describe: QuickJSHandle;
}

/** Failure to read: a guest exception (rethrown into the guest) or a limit (the budget has tripped). */
export type ReadResult<T> = { ok: true; value: T } | { ok: false; thrown: QuickJSHandle | null; message: string };

export class Marshal {
  constructor(
    private readonly ctx: QuickJSContext,
    private readonly helpers: PreludeHelpers,
    private readonly jsonBytesMax: number,
    private readonly onOversize: (bytes: number) => void,
  ) {}

  /** Guest value → host JSON. Never runs guest code outside the caller's budget section. */
  read(h: QuickJSHandle): ReadResult<Json | undefined> {
    const ctx = this.ctx;
    switch (ctx.typeof(h)) {
      case "undefined": return { ok: true, value: undefined };
      case "number": {
        const n = ctx.getNumber(h);
        return { ok: true, value: Number.isFinite(n) ? n : null };
      }
      case "boolean": return { ok: true, value: ctx.dump(h) === true };
      case "function": return { ok: true, value: undefined };
      default: return this.readViaJson(h);
    }
  }

  private readViaJson(h: QuickJSHandle): ReadResult<Json | undefined> {
    const ctx = this.ctx;
    const max = ctx.newNumber(this.jsonBytesMax);
    const res = ctx.callFunction(this.helpers.toJson, ctx.undefined, h, max);
    max.dispose();
    if (res.error) return { ok: false, thrown: res.error, message: "value is not JSON-serialisable" };
    const out = res.value;
    const kind = ctx.typeof(out);
    const text = kind === "string" ? ctx.getString(out) : "";
    out.dispose();
    if (kind === "undefined") return { ok: true, value: undefined };
    if (kind !== "string") {
      this.onOversize(this.jsonBytesMax + 1);
      return { ok: false, thrown: null, message: `a value over ${this.jsonBytesMax} bytes crossed the bridge` };
    }
    const bytes = Buffer.byteLength(text, "utf8");
    if (bytes > this.jsonBytesMax) {
      this.onOversize(bytes);
      return { ok: false, thrown: null, message: `a value of ${bytes} bytes crossed the bridge (max ${this.jsonBytesMax})` };
    }
    return { ok: true, value: parseHostJson(text) };
  }

  /** Host JSON → new guest handle (the caller owns it). Throws on oversize, as the host produced it. */
  write(value: Json | undefined): QuickJSHandle {
    const ctx = this.ctx;
    if (value === undefined) return ctx.undefined;
    if (value === null) return ctx.null;
    if (typeof value === "boolean") return value ? ctx.true : ctx.false;
    if (typeof value === "number") return ctx.newNumber(value);
    const text = typeof value === "string" ? value : JSON.stringify(value);
    const bytes = Buffer.byteLength(text, "utf8");
    if (bytes > this.jsonBytesMax) {
      this.onOversize(bytes);
      throw new Error(`the host tried to pass ${bytes} bytes to the guest (max ${this.jsonBytesMax})`);
    }
    if (typeof value === "string") return ctx.newString(value);
    const str = ctx.newString(text);
    try {
      return ctx.unwrapResult(ctx.callFunction(this.helpers.fromJson, ctx.undefined, str));
    } finally {
      str.dispose();
    }
  }
}

/** JSON.parse that drops `__proto__` keys, so no later merge on the host can be turned against it. */
export function parseHostJson(text: string): Json {
  if (!text.includes('"__proto__"')) return JSON.parse(text) as Json;
  return JSON.parse(text, (key, v: unknown) => (key === "__proto__" ? undefined : v)) as Json;
}
