/**
 * The lab terminal's vocabulary. Two kinds of commands: queries (help, status, logs, trace, metrics,
 * queues, topics) are answered from the events delivered so far and never change the run; actions
 * (curl and the fault commands of server/sim) are recorded with their simulated time and change the run
 * from that time on (the session re-runs seed + code + the command log).
 */
import type { Localized } from "../../lib/lab/api-types";
import { parseCommand } from "../sim/commands";
import type { OPTIONAL_COMMANDS } from "./define";

type Verb = "help" | "status" | "logs" | "trace" | "metrics" | (typeof OPTIONAL_COMMANDS)[number];

const CATALOG: Record<Verb, { usage: string; help: Localized }> = {
  help: { usage: "help", help: { zh: "列出可用的命令", en: "list the commands" } },
  status: { usage: "status", help: { zh: "各实例的状态、在途请求和队列深度", en: "state, in-flight work and queue depth of every instance" } },
  logs: { usage: "logs [instance] [count]", help: { zh: "最近的日志（可按实例过滤）", en: "recent log lines, optionally of one instance" } },
  trace: { usage: "trace <callId|traceId>", help: { zh: "一次请求经过的所有调用（瀑布图）", en: "every call of one request, as a waterfall" } },
  metrics: { usage: "metrics", help: { zh: "各调用对的延迟分位数与计数", en: "latency percentiles and counts per caller → callee" } },
  curl: { usage: "curl [-X METHOD] [-d JSON] http://<service>/<path>", help: { zh: "在当前模拟时间发出一个 HTTP 请求", en: "send an HTTP request into the simulation now" } },
  kill: { usage: "kill <instance>", help: { zh: "让一个实例崩溃", en: "crash an instance" } },
  restart: { usage: "restart <instance>", help: { zh: "重新启动一个实例", en: "start an instance again" } },
  pause: { usage: "pause <instance>", help: { zh: "让实例挂起（活着但不处理任何请求）", en: "freeze an instance (alive, processing nothing)" } },
  resume: { usage: "resume <instance>", help: { zh: "恢复被挂起的实例", en: "unfreeze an instance" } },
  slow: { usage: "slow <instance> <factor>", help: { zh: "把实例的处理时间乘以倍数，如 slow payments-1 5x", en: "multiply an instance's service time, e.g. slow payments-1 5x" } },
  latency: { usage: "latency <a>-><b> <dur>", help: { zh: "给链路加延迟，如 latency orders->payments 200ms", en: "add delay to a link, e.g. latency orders->payments 200ms" } },
  loss: { usage: "loss <a>-><b> <p>", help: { zh: "给链路加丢包，如 loss orders->payments 10%", en: "drop messages on a link, e.g. loss orders->payments 10%" } },
  partition: { usage: "partition <a,b> <c,d>", help: { zh: "切断两组节点之间的网络", en: "cut the network between two sides" } },
  heal: { usage: "heal", help: { zh: "移除所有分区和链路故障", en: "remove partitions and link faults" } },
  queues: { usage: "queues", help: { zh: "各队列的待投递、未确认和已确认消息数", en: "ready, unacked and acked messages per queue" } },
  topics: { usage: "topics", help: { zh: "各主题分区的末端位移、已提交位移和消费滞后", en: "end offsets, committed offsets and consumer lag per partition" } },
  "broker-down": { usage: "broker-down <broker>", help: { zh: "让消息代理宕机", en: "take a broker down" } },
  "broker-up": { usage: "broker-up <broker>", help: { zh: "恢复消息代理", en: "bring a broker back" } },
};

const ALWAYS: Verb[] = ["help", "status", "logs", "trace", "metrics"];
const QUERIES = new Set<string>(["help", "status", "logs", "trace", "metrics", "queues", "topics"]);
const ALIASES: Record<string, Verb> = { crash: "kill", start: "restart" };

export function commandCatalog(optional: readonly string[]): { usage: string; help: Localized }[] {
  return [...ALWAYS, ...(optional as Verb[])].map((v) => CATALOG[v]);
}

export type TerminalLine =
  | { kind: "query"; verb: string; args: string[] }
  | { kind: "action"; line: string }
  | { kind: "error"; message: string };

/** What a typed line is, given the commands the lab offers. Actions are syntax-checked here. */
export function classifyLine(line: string, offered: readonly string[]): TerminalLine {
  const args = tokenize(line);
  if (!args.ok) return { kind: "error", message: args.error };
  const [first, ...rest] = args.tokens;
  if (!first) return { kind: "error", message: "" };
  const verb = ALIASES[first.toLowerCase()] ?? first.toLowerCase();
  const available = new Set<string>([...ALWAYS, ...offered]);
  if (!available.has(verb)) {
    return { kind: "error", message: `unknown command "${first}" — type help for the list` };
  }
  if (QUERIES.has(verb)) return { kind: "query", verb, args: rest };
  if (verb === "curl") {
    const parsed = parseCurl(line);
    return parsed.ok ? { kind: "action", line: line.trim() } : { kind: "error", message: parsed.error };
  }
  const fault = parseCommand(line);
  return fault.ok ? { kind: "action", line: line.trim() } : { kind: "error", message: fault.error.split("\n")[0]! };
}

export interface CurlRequest { method: string; to: string; path: string; body: unknown; headers: Record<string, string> }

/** `curl [-X METHOD] [-H 'k: v'] [-d JSON] http://service/path` (also --request, --header, --data). */
export function parseCurl(line: string): { ok: true; req: CurlRequest } | { ok: false; error: string } {
  const t = tokenize(line);
  if (!t.ok) return t;
  const tokens = t.tokens.slice(1);
  let method = "";
  let body: unknown = undefined;
  let url = "";
  const headers: Record<string, string> = {};
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    const next = () => tokens[++i];
    if (tok === "-X" || tok === "--request") method = (next() ?? "").toUpperCase();
    else if (tok === "-d" || tok === "--data" || tok === "--json") {
      const raw = next() ?? "";
      try { body = JSON.parse(raw); } catch { body = raw; }
    } else if (tok === "-H" || tok === "--header") {
      const h = next() ?? "";
      const colon = h.indexOf(":");
      if (colon > 0) headers[h.slice(0, colon).trim().toLowerCase()] = h.slice(colon + 1).trim();
    } else if (tok.startsWith("-")) return { ok: false, error: `curl: option ${tok} is not supported (try -X, -H, -d)` };
    else url = tok;
  }
  const m = /^(?:https?:\/\/)?([A-Za-z][A-Za-z0-9_.-]*)(?::\d+)?(\/\S*)?$/.exec(url);
  if (!m) return { ok: false, error: `curl: give a URL like http://orders/orders/42${url ? ` (got "${url}")` : ""}` };
  if (!/^[A-Z]{1,10}$/.test(method || "GET")) return { ok: false, error: `curl: bad method "${method}"` };
  return { ok: true, req: { method: method || (body === undefined ? "GET" : "POST"), to: m[1]!, path: m[2] ?? "/", body: body ?? null, headers } };
}

function tokenize(line: string): { ok: true; tokens: string[] } | { ok: false; error: string } {
  const tokens: string[] = [];
  let cur = "";
  let quote: string | null = null;
  let has = false;
  for (const ch of line.trim()) {
    if (quote) {
      if (ch === quote) quote = null;
      else cur += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      has = true;
    } else if (/\s/.test(ch)) {
      if (has || cur) tokens.push(cur);
      cur = "";
      has = false;
    } else cur += ch;
  }
  if (quote) return { ok: false, error: `unterminated ${quote} quote` };
  if (has || cur) tokens.push(cur);
  return { ok: true, tokens };
}
