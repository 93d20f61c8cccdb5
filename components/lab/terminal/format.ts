import type { SimEvent } from "@/server/sim/events";

const SERVICE_COLOURS = [36, 35, 33, 32, 34, 91, 96, 95, 93, 92];
const LEVEL = { debug: "\x1b[2mDEBUG\x1b[0m", info: "\x1b[32mINFO \x1b[0m", warn: "\x1b[33mWARN \x1b[0m", error: "\x1b[1;31mERROR\x1b[0m" } as const;

/** A stable colour per service name (same name, same colour, across runs and reloads). */
export function colourOf(service: string): number {
  let h = 0;
  for (const ch of service) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return SERVICE_COLOURS[h % SERVICE_COLOURS.length] as number;
}

/** Simulated time as the terminal shows it (the runtime's width): ` 12.345s`. */
export const simStamp = (timeMs: number) => `${(timeMs / 1000).toFixed(3).padStart(7)}s`;

const field = (v: string | number | boolean | null) => (typeof v === "string" && /\s/.test(v) ? JSON.stringify(v) : String(v));

/** The terminal line for an event worth printing (logs, faults, crashes), or null. */
export function terminalLine(e: SimEvent): string | null {
  const stamp = `\x1b[2m${simStamp(e.timeMs)}\x1b[0m`;
  switch (e.type) {
    case "log": {
      const fields = Object.entries(e.fields).map(([k, v]) => `\x1b[2m${k}=\x1b[0m${field(v)}`).join(" ");
      return `${stamp} \x1b[${colourOf(e.service)}m${e.instance.padEnd(12)}\x1b[0m ${LEVEL[e.level]} ${e.msg}${fields ? ` ${fields}` : ""}`;
    }
    case "fault": return `${stamp} \x1b[1;33m⚡ fault\x1b[0m ${e.fault} ${e.target}${e.detail ? ` (${e.detail})` : ""} [${e.source}]`;
    case "instance.state":
      if (e.reason === "initial") return null;
      return `${stamp} \x1b[${colourOf(e.service)}m${e.instance.padEnd(12)}\x1b[0m \x1b[1m${e.prevState} → ${e.state}\x1b[0m${e.reason ? ` (${e.reason})` : ""}`;
    case "broker.state": return `${stamp} \x1b[1;33m${e.broker}\x1b[0m broker ${e.state}`;
    default: return null;
  }
}

/**
 * The runtime prints every instance name in one colour (cyan); the lab UI colours them per service so a
 * service's lines are easy to follow.
 */
export function recolourInstances(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[36m([A-Za-z0-9_.-]+)\x1b\[0m/g, (_m, name: string) => `\x1b[${colourOf(name.replace(/-\d+$/, ""))}m${name}\x1b[0m`);
}
