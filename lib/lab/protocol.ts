/**
 * The wire contract of an interactive lab session on the socket.io namespace `/lab`: what the browser
 * sends (parsed with these schemas on the server; a bad payload gets an ack naming the field) and what
 * the server emits. Event payloads are the engine's `SimEvent` union unchanged (STYLE.md point 5).
 * Both the lab runtime (server) and the lab UI (client) import the TYPES; only the server imports zod.
 */
import { z } from "zod";
import type { SimEvent } from "@/server/sim/events";
import { SPEEDS } from "./constants";

export { LAB_NAMESPACE, SPEEDS } from "./constants";

const speed = z.number().refine((s) => (SPEEDS as readonly number[]).includes(s), `one of ${SPEEDS.join(", ")}`);

const files = z
  .record(z.string().regex(/^[A-Za-z0-9_./-]{1,80}$/, "file names are letters, digits, . _ / -"), z.string().max(100_000))
  .refine((f) => Object.keys(f).length > 0 && Object.keys(f).length <= 12, "between 1 and 12 files");

/** Client → server. Every event is emitted with an ack callback: `(payload, ack) => …`. */
export const clientMessages = {
  /** Compile and start a run; replaces any run this socket had. */
  "lab:start": z.object({
    labId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,40}$/),
    files,
    seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
    speed: speed.optional(),
    /** Start paused (to step from t = 0). */
    paused: z.boolean().optional(),
  }).strict(),
  "lab:pause": z.object({}).strict(),
  "lab:resume": z.object({}).strict(),
  /** Advance by `count` events (default 1) while paused. */
  "lab:step": z.object({ count: z.number().int().min(1).max(1000).optional() }).strict(),
  "lab:speed": z.object({ speed }).strict(),
  /** Go to simulated time `timeMs` (backwards too: exact replay from seed + code + commands). Leaves the run paused. */
  "lab:seek": z.object({ timeMs: z.number().min(0).max(3_600_000) }).strict(),
  /** A line typed in the terminal, or issued by a fault-control button (same commands). */
  "lab:terminal": z.object({ line: z.string().max(500) }).strict(),
  "lab:stop": z.object({}).strict(),
} as const;

export type ClientMessageName = keyof typeof clientMessages;
export type ClientMessage<N extends ClientMessageName> = z.input<(typeof clientMessages)[N]>;

export interface LabError {
  kind: "compile" | "runtime" | "limit";
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

/** Every ack: ok, or an error a person can act on (a bad field is named). */
export type Ack = { ok: true; sessionId?: string } | { ok: false; error: string };

export type RunStatus = "compiling" | "running" | "paused" | "ended" | "error";

export interface ObjectiveStatus { id: string; passed: boolean; detail: string }

/** Server → client. */
export interface ServerMessages {
  /** Status and clock; sent on every change and at least once a second while running. */
  "lab:state": { sessionId: string; status: RunStatus; simTimeMs: number; durationMs: number; speed: number; eventCount: number; seed: number };
  /** The next events in order; `fromIndex` is the index of events[0] in the run's log. */
  "lab:events": { sessionId: string; fromIndex: number; events: SimEvent[] };
  /** After a seek: the whole log up to `timeMs` replaces what the client had. */
  "lab:reset": { sessionId: string; timeMs: number; events: SimEvent[] };
  "lab:objectives": { sessionId: string; objectives: ObjectiveStatus[]; allPassed: boolean };
  /** Terminal output (ANSI colours allowed), for command answers and service logs alike. */
  "lab:terminal": { sessionId: string; text: string };
  "lab:error": { sessionId: string; error: LabError };
}
export type ServerMessageName = keyof ServerMessages;
