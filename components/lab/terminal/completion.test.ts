import { describe, expect, it } from "vitest";
import { complete, History, verbsOf } from "./completion";

const source = { commands: verbsOf(["kill <instance>", "restart <instance>", "latency <a>-><b> <dur>", "loss <a>-><b> <p>", "pause <i> | resume <i>"]), names: ["orders", "orders-1", "payments", "payments-1", "payments-2", "orders->"] };

describe("terminal completion", () => {
  it("knows the verbs of the lab's usages plus help and clear", () => {
    expect(source.commands).toEqual(["clear", "help", "kill", "latency", "loss", "pause", "restart", "resume"]);
  });
  it("completes a unique command and adds a space", () => {
    expect(complete("ki", source)).toEqual({ line: "kill ", candidates: [] });
  });
  it("extends to the common prefix and lists the candidates when ambiguous", () => {
    expect(complete("kill pay", source)).toEqual({ line: "kill payments", candidates: ["payments", "payments-1", "payments-2"] });
    expect(complete("l", source).candidates).toEqual(["latency", "loss"]);
  });
  it("completes names inside a -> link", () => {
    expect(complete("latency orders->pa", source).line).toBe("latency orders->payments");
  });
  it("leaves the line alone when nothing matches", () => {
    expect(complete("zzz", source)).toEqual({ line: "zzz", candidates: [] });
  });
});

describe("terminal history", () => {
  it("walks up and down, keeping the draft", () => {
    const h = new History();
    h.push("kill orders-1"); h.push("heal"); h.push("heal");
    expect(h.up("dra")).toBe("heal");
    expect(h.up("")).toBe("kill orders-1");
    expect(h.up("")).toBe("kill orders-1");
    expect(h.down()).toBe("heal");
    expect(h.down()).toBe("dra");
  });
});
