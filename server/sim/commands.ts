import { type Fault, faultSchema } from "./scenario-faults";
import { parseDurationMs } from "./time";

export type CommandResult = { ok: true; fault: Fault } | { ok: false; error: string };

export const COMMAND_HELP = [
  "kill <instance>            crash a process (alias: crash)",
  "restart <instance>         start it again (alias: start)",
  "pause <instance> | resume <instance>",
  "slow <instance> <factor>   e.g. slow orders-1 5x",
  "latency <a>-><b> <dur>     add delay both ways, e.g. latency orders->payments 200ms",
  "loss <a>-><b> <p>          drop probability, e.g. loss orders->payments 10%",
  "partition <a,b> <c,d>      cut the network between two sides",
  "heal                       remove partitions and link faults",
  "broker-down <broker> | broker-up <broker>",
].join("\n");

/** Parses one terminal line into a fault (the same data a scenario schedules). */
export function parseCommand(line: string): CommandResult {
  const words = line.trim().split(/\s+/).filter(Boolean);
  const [verb, ...args] = words;
  if (!verb) return { ok: false, error: "empty command" };
  const need = (n: number, usage: string): string | undefined => (args.length < n ? `usage: ${usage}` : undefined);
  let fault: unknown;
  switch (verb.toLowerCase()) {
    case "kill": case "crash": fault = { type: "crash", instance: args[0] }; break;
    case "restart": case "start": fault = { type: "restart", instance: args[0] }; break;
    case "pause": fault = { type: "pause", instance: args[0] }; break;
    case "resume": fault = { type: "resume", instance: args[0] }; break;
    case "slow": {
      const missing = need(2, "slow <instance> <factor>");
      if (missing) return { ok: false, error: missing };
      fault = { type: "slow", instance: args[0], factor: Number(args[1]!.replace(/x$/i, "")) };
      break;
    }
    case "latency": case "loss": {
      const missing = need(2, `${verb} <a>-><b> <value>`);
      if (missing) return { ok: false, error: missing };
      const [from, to] = args[0]!.split("->");
      if (!from || !to) return { ok: false, error: `expected <a>-><b>, got "${args[0]}"` };
      const bidirectional = args[2] !== "oneway";
      if (verb === "latency") {
        const addMs = parseDurationMs(args[1]!);
        if (addMs === undefined) return { ok: false, error: `bad duration "${args[1]}" (try 200ms or 1.5s)` };
        fault = { type: "latency", from, to, addMs, bidirectional };
      } else {
        const raw = args[1]!;
        const dropProbability = raw.endsWith("%") ? Number(raw.slice(0, -1)) / 100 : Number(raw);
        fault = { type: "loss", from, to, dropProbability, bidirectional };
      }
      break;
    }
    case "partition": {
      const missing = need(2, "partition <a[,b…]> <c[,d…]>");
      if (missing) return { ok: false, error: missing };
      fault = { type: "partition", a: args[0]!.split(","), b: args[1]!.split(",") };
      break;
    }
    case "heal": fault = { type: "heal" }; break;
    case "broker-down": fault = { type: "broker-down", broker: args[0] }; break;
    case "broker-up": fault = { type: "broker-up", broker: args[0] }; break;
    default: return { ok: false, error: `unknown command "${verb}"\n${COMMAND_HELP}` };
  }
  const parsed = faultSchema.safeParse(fault);
  if (!parsed.success) {
    return { ok: false, error: parsed.error.issues.map((i) => `${i.path.join(".") || verb}: ${i.message}`).join("; ") };
  }
  return { ok: true, fault: parsed.data };
}
