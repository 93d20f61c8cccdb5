/**
 * What the chapter's quiz predicts about this lab, checked against runs: fixed one-second retries come
 * back in waves that mostly time out (predict-fixed-retry), and close() cannot clear a dead connection
 * in time where terminate() can. The generic checks (solution passes, starter fails, determinism) are in
 * server/labs/labs.test.ts.
 */
import { describe, expect, it } from "vitest";
import { compileGuest } from "../../server/sandbox/compile";
import type { CallEndEvent } from "../../server/sim/events";
import { runLab, type LabRunOutcome } from "../../server/labs/host";
import { allLabs, filesRecord, labFiles, runSources } from "../../server/labs/registry";
import { T } from "./objectives";

const lab = allLabs().find((l) => l.def.id === "06-realtime-feed")!;

async function run(kind: "starter" | "solution", edit: (files: Record<string, string>) => void = () => {}): Promise<LabRunOutcome> {
  const files = filesRecord(labFiles(lab, kind));
  edit(files);
  const c = await compileGuest({ ...runSources(lab, files), allowedModules: ["lab"] });
  if (!c.ok) throw new Error(c.error.message);
  return runLab({ labId: lab.def.id, compiled: c.compiled, seed: 7, keepEvents: true });
}

describe("06-realtime-feed", () => {
  it("fixed 1 s retries after gw-2's crash: a spike about 1 s later, mostly timeouts, then more waves", async () => {
    const out = await run("starter");
    const tickets = out.events.filter((e): e is CallEndEvent => e.type === "call.end" && e.toService === "auth" && e.startMs > T.crashAt);
    const first = tickets.filter((c) => c.startMs < T.crashAt + 1_100);
    expect(Math.min(...first.map((c) => c.startMs))).toBeGreaterThan(T.crashAt + 990);
    expect(first.length).toBeGreaterThanOrEqual(18);
    expect(first.filter((c) => c.outcome === "timeout").length).toBeGreaterThan(first.length / 2);
    const second = tickets.filter((c) => c.startMs >= T.crashAt + 1_100 && c.startMs < T.crashAt + 2_600);
    expect(second.length).toBeGreaterThanOrEqual(8);
    expect(Math.max(...second.map((c) => c.startMs)) - Math.min(...second.map((c) => c.startMs))).toBeLessThan(100);
  });

  it("a heartbeat that close()s instead of terminate()s clears nothing until the frozen browsers wake up", async () => {
    const out = await run("solution", (files) => {
      files["gateway.ts"] = files["gateway.ts"]!.replace("ws.terminate();", 'ws.close(1001, "dead");');
    });
    const dead = out.objectives.find((o) => o.id === "dead-detected")!;
    expect(dead.passed).toBe(false);
    expect(dead.detail).toMatch(/after 2\.5 s.*closed with 1001 only when it woke up/);
  });
});
