import { describe, expect, it } from "vitest";
import { tabAfterKey } from "./tab-keys";

describe("tab keys", () => {
  const tabs = ["flow", "sequence", "trace", "events"] as const;

  it("moves with Left/Right and wraps at both ends", () => {
    expect(tabAfterKey(tabs, "flow", "ArrowRight")).toBe("sequence");
    expect(tabAfterKey(tabs, "events", "ArrowRight")).toBe("flow");
    expect(tabAfterKey(tabs, "sequence", "ArrowLeft")).toBe("flow");
    expect(tabAfterKey(tabs, "flow", "ArrowLeft")).toBe("events");
  });

  it("jumps to the first and last with Home/End", () => {
    expect(tabAfterKey(tabs, "trace", "Home")).toBe("flow");
    expect(tabAfterKey(tabs, "sequence", "End")).toBe("events");
  });

  it("ignores other keys (the workbench's own shortcuts still apply)", () => {
    for (const key of ["ArrowUp", "ArrowDown", "Enter", " ", "k", "Tab"]) expect(tabAfterKey(tabs, "trace", key)).toBeNull();
    expect(tabAfterKey([], "x", "ArrowRight")).toBeNull();
  });
});
