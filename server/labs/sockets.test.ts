/**
 * An interactive session over a real socket.io server and client: validation acks, start paused,
 * step, run to the end at speed 16, seek backwards (exact replay), terminal queries and actions, and
 * cleanup on disconnect.
 */
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ack, ServerMessages } from "@/lib/lab/protocol";
import type { SimEvent } from "../sim/events";
import { SandboxPool } from "../sandbox/pool";
import { filesRecord, getLab, labFiles } from "./registry";
import { LabRuntime } from "./runtime";
import { attachLabSessions } from "./sockets";

let http: HttpServer;
let io: Server;
let pool: SandboxPool;
let runtime: LabRuntime;
let labs: ReturnType<typeof attachLabSessions>;
let url: string;

beforeAll(async () => {
  pool = new SandboxPool({ threads: 1 });
  runtime = new LabRuntime({ pool });
  http = createServer();
  io = new Server(http);
  labs = attachLabSessions(io.of("/lab"), { runtime });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/lab`;
});
afterAll(async () => {
  labs.close();
  await new Promise<void>((resolve) => io.close(() => resolve()));
  await runtime.close();
  await pool.close();
});

async function until(what: string, cond: () => boolean, timeoutMs = 15_000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function client() {
  const socket: Socket = connect(url, { transports: ["websocket"], forceNew: true });
  const got = { events: [] as SimEvent[], text: [] as string[], states: [] as ServerMessages["lab:state"][], resets: [] as ServerMessages["lab:reset"][], objectives: [] as ServerMessages["lab:objectives"][], gaps: 0 };
  socket.on("lab:events", (m: ServerMessages["lab:events"]) => {
    if (m.fromIndex !== got.events.length) got.gaps++;
    got.events.splice(m.fromIndex, got.events.length - m.fromIndex, ...m.events);
  });
  socket.on("lab:reset", (m: ServerMessages["lab:reset"]) => {
    got.resets.push(m);
    got.events = [...m.events];
  });
  socket.on("lab:terminal", (m: ServerMessages["lab:terminal"]) => got.text.push(m.text));
  socket.on("lab:state", (m: ServerMessages["lab:state"]) => got.states.push(m));
  socket.on("lab:objectives", (m: ServerMessages["lab:objectives"]) => got.objectives.push(m));
  const send = (name: string, payload: unknown) => new Promise<Ack>((resolve) => socket.emit(name, payload, resolve));
  const status = () => got.states.at(-1)?.status;
  return { socket, got, send, status };
}

describe("/lab sessions", () => {
  it("validates payloads and names the bad field", async () => {
    const c = client();
    expect(await c.send("lab:start", { labId: "01-call-chain" })).toMatchObject({ ok: false, error: expect.stringMatching(/^files/) });
    expect(await c.send("lab:start", { labId: "01-call-chain", files: { "a.ts": "" }, speed: 3 })).toMatchObject({ ok: false, error: expect.stringMatching(/^speed/) });
    expect(await c.send("lab:step", { count: 0 })).toMatchObject({ ok: false, error: expect.stringMatching(/^count/) });
    expect(await c.send("lab:pause", {})).toMatchObject({ ok: false, error: expect.stringMatching(/no run/) });
    c.socket.disconnect();
  });

  it("start paused, step, run to the end, seek back, terminal, cleanup", async () => {
    const lab = getLab("02-sync-vs-async")!;
    const c = client();
    const ack = await c.send("lab:start", { labId: lab.def.id, files: filesRecord(labFiles(lab, "solution")), seed: 5, speed: 16, paused: true });
    expect(ack).toMatchObject({ ok: true, sessionId: expect.any(String) });
    await until("paused", () => c.status() === "paused");
    expect(labs.sessions()).toBe(1);

    expect(await c.send("lab:step", { count: 10 })).toMatchObject({ ok: true });
    await until("10 events", () => c.got.events.length === 10);
    expect(c.got.events[0]!.type).toBe("sim.start");

    expect(await c.send("lab:terminal", { line: "help" })).toMatchObject({ ok: true });
    expect(await c.send("lab:terminal", { line: "frobnicate now" })).toMatchObject({ ok: true });
    await until("help and unknown", () => c.got.text.some((t) => t.includes("curl [-X METHOD]")) && c.got.text.some((t) => t.includes('unknown command "frobnicate"')));

    expect(await c.send("lab:resume", {})).toMatchObject({ ok: true });
    await until("end", () => c.status() === "ended");
    const full = [...c.got.events];
    expect(c.got.gaps).toBe(0);
    expect(full.length).toBe(c.got.states.at(-1)!.eventCount);
    for (let i = 1; i < full.length; i++) expect(full[i]!.timeMs).toBeGreaterThanOrEqual(full[i - 1]!.timeMs);
    expect(full.at(-1)!.type).toBe("sim.end");
    expect(c.got.objectives.at(-1)!.allPassed).toBe(true);

    // Backwards: the log up to t, exactly as first delivered.
    expect(await c.send("lab:seek", { timeMs: 2_000 })).toMatchObject({ ok: true });
    await until("reset", () => c.got.resets.length === 2);
    const reset = c.got.resets[1]!;
    expect(reset.timeMs).toBe(2_000);
    expect(reset.events.every((e) => e.timeMs <= 2_000)).toBe(true);
    expect(JSON.stringify(reset.events)).toBe(JSON.stringify(full.slice(0, reset.events.length)));
    expect(full[reset.events.length]!.timeMs).toBeGreaterThan(2_000);
    expect(c.status()).toBe("paused");

    // An action at t = 2 s: re-run from seed + code + command log; nothing before t changes.
    const resetsBefore = c.got.resets.length;
    expect(await c.send("lab:terminal", { line: "kill inventory-1" })).toMatchObject({ ok: true });
    await until("kill confirmed", () => c.got.text.some((t) => t.includes("ok: kill inventory-1")));
    expect(c.got.resets.length).toBe(resetsBefore);
    expect(await c.send("lab:terminal", { line: "status" })).toMatchObject({ ok: true });
    await until("status", () => c.got.text.some((t) => /inventory-1\s+\S*crashed/.test(t)));
    expect(await c.send("lab:step", { count: 50 })).toMatchObject({ ok: true });
    await until("fault event", () => c.got.events.some((e) => e.type === "fault" && e.source === "runtime"));

    // Seeking before the command drops it: the replay has no fault.
    expect(await c.send("lab:seek", { timeMs: 1_000 })).toMatchObject({ ok: true });
    await until("second reset", () => c.got.resets.length === resetsBefore + 1);
    expect(c.got.events.every((e) => e.timeMs <= 1_000)).toBe(true);
    expect(await c.send("lab:resume", {})).toMatchObject({ ok: true });
    await until("end again", () => c.status() === "ended");
    expect(c.got.events.some((e) => e.type === "fault" && e.source === "runtime")).toBe(false);
    expect(JSON.stringify(c.got.events)).toBe(JSON.stringify(full));

    c.socket.disconnect();
    await until("cleanup", () => labs.sessions() === 0);
  });

  it("reports a compile error with its position and status error", async () => {
    const c = client();
    await c.send("lab:start", { labId: "01-call-chain", files: { "orders.ts": "const x = ;" } });
    await until("error", () => c.status() === "error");
    expect(c.got.text.join("\n")).toMatch(/compile error at orders\.ts:1:/);
    c.socket.disconnect();
    await until("cleanup", () => labs.sessions() === 0);
  });
});
