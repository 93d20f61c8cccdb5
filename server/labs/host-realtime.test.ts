/**
 * The learner SDK's realtime surface (guest/realtime.js + host-realtime.ts) end to end: learner
 * TypeScript in the sandbox, WebSocket frames and pub/sub messages over the simulated network, faults
 * from the terminal's command log. Each run is a second or two of simulated time.
 */
import { describe, expect, it } from "vitest";
import { compileGuest } from "../sandbox/compile";
import { defineLab } from "./define";
import { runLab, type LabRunOutcome, type TimedCommand } from "./host";
import { makeLab } from "./registry";

const lab = makeLab(defineLab({
  id: "99-realtime", chapter: "ch06-websockets", section: "designing-websocket-services",
  title: { zh: "实时", en: "realtime" }, description: { zh: "测试", en: "test" }, goals: [{ zh: "测试", en: "test" }],
  files: ["browser.ts", "srv.ts"],
  scenario: {
    name: "realtime-sdk", durationMs: 3_000,
    services: [{ name: "browser" }, { name: "srv", instances: 2, loadBalancer: "round-robin" }],
    brokers: [{ kind: "pubsub", name: "bus" }],
  },
  objectives: [{ id: "ran", title: { zh: "运行", en: "ran" }, explain: { zh: "运行", en: "ran" }, check: () => ({ passed: true, detail: "" }) }],
  hints: [{ zh: "无", en: "none" }],
  topology: { nodes: [{ id: "browser", kind: "client", label: "browser" }], edges: [] },
  completion: { zh: "完成", en: "done" },
  maxEvents: 20_000,
}));

const HEAD = `import { createService, log, redis, setInterval, setTimeout, WebSocket, WebSocketServer } from "lab";
void redis; void setInterval; void setTimeout; void WebSocket; void WebSocketServer;
`;

async function run(browser: string, srv: string, commands: TimedCommand[] = []): Promise<LabRunOutcome> {
  const c = await compileGuest({ files: { "browser.ts": HEAD + browser, "srv.ts": HEAD + srv }, entries: lab.def.files, allowedModules: ["lab"] });
  if (!c.ok) throw new Error(c.error.message);
  return runLab({ labId: lab.def.id, compiled: c.compiled, seed: 1, commands, keepEvents: true }, lab);
}
const lines = (out: LabRunOutcome) => out.logs.map((l) => `${l.instance} ${l.message}`);

/** srv: a ws-style server that echoes, logs closes and keeps a heartbeat when `beatMs` is given. */
const server = (beatMs = 0) => `
const app = createService("srv");
const wss = new WebSocketServer({ server: app, path: "/feed" });
const alive = new Map<WebSocket, boolean>();
wss.on("connection", (ws, req) => {
  log.info("connection " + req.path + " user=" + String(req.query.user) + " from " + req.from);
  alive.set(ws, true);
  ws.on("pong", () => alive.set(ws, true));
  ws.on("message", (data) => {
    if (data === "bye") ws.close(4001, "bye");
    else ws.send("echo " + data);
  });
  ws.on("close", (code, reason) => log.info("server close " + code + " " + reason + " clients=" + wss.clients.size));
});
app.onStart(() => {
  if (${beatMs} > 0) setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.get(ws)) { log.info("terminate"); ws.terminate(); continue; }
      alive.set(ws, false);
      ws.ping();
    }
  }, ${beatMs});
});
`;

const client = (onopen: string, extra = "") => `
createService("browser").onStart(() => {
  const ws = new WebSocket("ws://srv/feed?user=cus-1");
  ws.onopen = () => { log.info("open " + ws.readyState); ${onopen} };
  ws.onmessage = (ev) => log.info("got " + ev.data);
  ws.onerror = () => log.info("error");
  ws.onclose = (ev) => log.info("close " + ev.code + " " + ev.wasClean + " " + ev.reason);
  ${extra}
});
`;

describe("WebSockets in the lab SDK", () => {
  it("connects, carries text both ways and closes with the server's code", async () => {
    const out = await run(client(`ws.send("hi"); setTimeout(() => ws.send("bye"), 50);`), server());
    expect(out.error).toBeUndefined();
    expect(lines(out)).toEqual([
      "srv-1 connection /feed user=cus-1 from browser-1", "browser-1 open 1", "browser-1 got echo hi",
      "browser-1 close 4001 true bye", "srv-1 server close 4001 bye clients=0",
    ]);
  });

  it("reports 1006 when the server crashes", async () => {
    const out = await run(client(""), server(), [{ atMs: 500, line: "kill srv-1" }]);
    expect(lines(out)).toContain("browser-1 close 1006 false srv-1 went away");
  });

  it("a heartbeat terminates a frozen client, which sees 1006 when it wakes up", async () => {
    const out = await run(client(""), server(200), [{ atMs: 1_000, line: "pause browser-1" }, { atMs: 2_000, line: "resume browser-1" }]);
    const terminatedAt = out.logs.find((l) => l.message === "terminate")!.timeMs;
    expect(terminatedAt).toBeGreaterThan(1_000);
    expect(terminatedAt).toBeLessThanOrEqual(1_400);
    expect(lines(out)).toContain("srv-1 server close 1006 terminated clients=0");
    expect(out.logs.find((l) => l.message.startsWith("close"))).toMatchObject({ instance: "browser-1", timeMs: 2_000, message: "close 1006 false srv-1 terminated the connection" });
  });

  it("behind a cut link the client keeps a half-open socket: sends go nowhere, close() gives up with 1006", async () => {
    const extra = `setTimeout(() => { log.info("state " + ws.readyState); ws.send("anyone?"); ws.close(); log.info("closing " + ws.readyState); }, 850);`;
    // Beats at 200, 400, 600 (lost), 800: terminated at 800; the client acts at 850 and gives up 2 s later.
    const out = await run(client("", extra), server(200), [{ atMs: 500, line: "partition browser srv" }]);
    expect(out.error).toBeUndefined();
    expect(lines(out)).toEqual(expect.arrayContaining(["srv-1 server close 1006 terminated clients=0", "browser-1 state 1", "browser-1 closing 2"]));
    expect(out.logs.find((l) => l.message.startsWith("close "))).toMatchObject({ timeMs: 2_850, message: "close 1006 false the peer did not answer the close handshake" });
  });

  it("an upgrade that gets no answer fails after 3 s with an error and 1006", async () => {
    const out = await run(client(""), server(), [{ atMs: 0, line: "partition browser srv" }]);
    expect(lines(out).filter((l) => l.startsWith("browser-1"))).toEqual(["browser-1 error", "browser-1 close 1006 false connection timed out"]);
  });

  it("says what is wrong: unknown host, a non-string message, another instance's socket, an unknown broker", async () => {
    const bad = await run(`createService("browser").onStart(() => { new WebSocket("ws://nowhere/x"); });`, server());
    expect(bad.error?.message).toMatch(/no service or instance "nowhere"/);
    const obj = await run(client(`ws.send({ op: "resume" } as unknown as string);`), server());
    expect(obj.error?.message).toMatch(/data must be a string/);
    const shared = `
const app = createService("srv");
const wss = new WebSocketServer({ server: app });
let first: WebSocket | undefined;
wss.on("connection", (ws) => { if (first) first.send("from " + ws.url); else first = ws; });
`;
    const two = `createService("browser").onStart(() => { new WebSocket("ws://srv/a"); setTimeout(() => new WebSocket("ws://srv/b"), 100); });`;
    const cross = await run(two, shared);
    expect(cross.error?.message).toMatch(/this WebSocket belongs to srv-1; code running on srv-2 cannot use it/);
    const broker = await run(`createService("browser").onStart(async () => { await redis.createClient({ url: "redis://nope" }).publish("x", "y"); });`, server());
    expect(broker.error?.message).toMatch(/no pub\/sub broker "nope" \(its pub\/sub brokers: bus\)/);
  });
});

describe("Redis-style pub/sub in the lab SDK", () => {
  it("fans out to every subscribed instance, at most once: nothing for a subscriber that was not there", async () => {
    const srv = `
const bus = redis.createClient({ url: "redis://bus" });
createService("srv").onStart(async () => {
  await bus.subscribe("news", (message, channel) => log.info(channel + ": " + message));
});
`;
    const pub = `
const bus = redis.createClient({ url: "redis://bus" });
createService("browser").onStart(() => {
  for (const [i, at] of [0, 100, 900].entries()) setTimeout(() => void bus.publish("news", "m" + i), at);
});
`;
    const out = await run(pub, srv, [{ atMs: 50, line: "kill srv-2" }, { atMs: 500, line: "restart srv-2" }]);
    expect(out.error).toBeUndefined();
    expect(lines(out).sort()).toEqual(["srv-1 news: m0", "srv-1 news: m1", "srv-1 news: m2", "srv-2 news: m0", "srv-2 news: m2"]);
  });
});
