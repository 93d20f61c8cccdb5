import { describe, expect, it } from "vitest";
import { LineEditor, type LabTerminal } from "./line-editor";
import { terminalLine } from "./format";
import { callChainEvents } from "../fixtures/sim-fixture";

function fakeTerminal() {
  let listener: (d: string) => void = () => undefined;
  const out: string[] = [];
  const term: LabTerminal = { write: (t) => { out.push(t); }, onData: (l) => { listener = l; return () => undefined; } };
  return { term, out, type: (d: string) => listener(d) };
}

describe("line editor over a LabTerminal", () => {
  it("sends typed lines, recalls them with ↑ and completes with Tab", () => {
    const t = fakeTerminal();
    const lines: string[] = [];
    new LineEditor(t.term, () => ({ commands: ["help", "kill"], names: ["orders-1"] }), (l) => lines.push(l));
    t.type("ki\t");
    t.type("ord\t\r");
    expect(lines).toEqual(["kill orders-1"]);
    t.type("\x1b[A");
    t.type("\r");
    expect(lines).toEqual(["kill orders-1", "kill orders-1"]);
    t.type("hex\x7f\x7felp\r");
    expect(lines[2]).toBe("help");
  });
});

describe("terminal log lines", () => {
  it("prints logs with the simulated time and the instance, coloured per service", () => {
    const log = callChainEvents().find((e) => e.type === "log");
    if (!log) throw new Error("no log in fixture");
    const line = terminalLine(log) ?? "";
    expect(line).toMatch(/\d+\.\d{3}s/);
    expect(line).toContain("orders-1");
    expect(line).toContain("order received");
    expect(line).toContain("\x1b[");
  });
});

describe("runtime log colours", () => {
  it("gives each service its own colour", async () => {
    const { recolourInstances, colourOf } = await import("./format");
    const out = recolourInstances("\x1b[2m  0.010s\x1b[0m \x1b[36morders-1\x1b[0m INFO hi");
    expect(out).toContain(`\x1b[${colourOf("orders")}morders-1`);
  });
});
