/**
 * What the chapter says about this lab, checked against runs: manual acks hand a crashed consumer's
 * unacked messages to the others with `redelivered` set, and some SMS go out twice (predict-crash);
 * auto-ack loses them; unlimited prefetch and prefetch 1 both miss the burst; requeueing a poison
 * message loops it. The generic checks (solution passes, starter fails, determinism) are in
 * server/labs/labs.test.ts.
 */
import { describe, expect, it } from "vitest";
import { compileGuest } from "../../server/sandbox/compile";
import type { AmqpDeliverEvent, AmqpRequeueEvent } from "../../server/sim/events";
import { runLab, type LabRunOutcome } from "../../server/labs/host";
import { allLabs, filesRecord, labFiles, runSources } from "../../server/labs/registry";
import { CRASH, QUEUE } from "./objectives";

const lab = allLabs().find((l) => l.def.id === "05-work-queue")!;

async function run(kind: "starter" | "solution", edit: (notify: string) => string = (s) => s): Promise<LabRunOutcome> {
  const files = filesRecord(labFiles(lab, kind));
  files["notify.ts"] = edit(files["notify.ts"]!);
  const c = await compileGuest({ ...runSources(lab, files), allowedModules: ["lab"] });
  if (!c.ok) throw new Error(c.error.message);
  return runLab({ labId: lab.def.id, compiled: c.compiled, seed: 7, keepEvents: true });
}
const objective = (out: LabRunOutcome, id: string) => out.objectives.find((o) => o.id === id)!;
const prefetch = (n: number) => (s: string) => s.replace("channel.prefetch(10)", `channel.prefetch(${n})`);

describe("05-work-queue", () => {
  it("manual ack: notify-1's unacked messages go back to the queue and to the others, flagged redelivered; some SMS go out twice", async () => {
    const out = await run("solution");
    const requeued = out.events.filter((e): e is AmqpRequeueEvent => e.type === "amqp.requeue" && e.reason === "consumer-gone" && e.queue === QUEUE);
    expect(requeued.length).toBeGreaterThan(0);
    expect(requeued.length).toBeLessThanOrEqual(10); // at most the prefetch
    expect(requeued.every((e) => e.timeMs === CRASH.atMs)).toBe(true);
    const ids = new Set(requeued.map((e) => e.msgId));
    const again = out.events.filter((e): e is AmqpDeliverEvent => e.type === "amqp.deliver" && ids.has(e.msgId) && e.timeMs >= CRASH.atMs);
    expect(new Set(again.map((e) => e.msgId)).size).toBe(ids.size);
    expect(again.every((e) => e.redelivered && e.to !== CRASH.instance)).toBe(true);
    expect(objective(out, "no-lost-notification").detail).toMatch(/got it more than once/);
  });

  it("auto-ack: what notify-1 held when it crashed is gone", async () => {
    const lost = objective(await run("starter"), "no-lost-notification");
    expect(lost.passed).toBe(false);
    expect(lost.detail).toMatch(/notify-1 crashed at 1\.40 s holding \d+ messages/);
  });

  it("prefetch: unlimited lets slow notify-3 hoard the burst, 1 starves every consumer — both miss the deadline", async () => {
    const unlimited = objective(await run("solution", prefetch(0)), "burst-drained");
    expect(unlimited.passed).toBe(false);
    const share = Number(/notify-3 (\d+)/.exec(unlimited.detail)![1]);
    const twoShare = Number(/notify-2 (\d+)/.exec(unlimited.detail)![1]);
    expect(share).toBeGreaterThan(twoShare * 0.8); // ten times slower, yet about as many as notify-2
    expect(objective(await run("solution", prefetch(1)), "burst-drained").passed).toBe(false);
  });

  it("nack with requeue on every failure loops the poison message at the head of the queue", async () => {
    const out = await run("solution", (s) => s.replace("const permanent = status >= 400 && status < 500;", "const permanent = false;").replace("attempt >= MAX_ATTEMPTS", "false"));
    const poison = objective(out, "poison-dead-lettered");
    expect(poison.passed).toBe(false);
    expect(Number(/delivered (\d+) times/.exec(poison.detail)![1])).toBeGreaterThan(50);
  });
});
