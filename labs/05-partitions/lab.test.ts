/**
 * What the chapter says about this lab, checked against runs: a dead member is noticed only after the
 * session timeout, the eager rebalance reassigns every member's partitions, and the new owner re-reads
 * from the last committed offset, so the event in flight is handled twice (predict-rebalance);
 * committing before processing skips it instead; a second group reads its own copy of the topic. The
 * generic checks (solution passes, starter fails, determinism) are in server/labs/labs.test.ts.
 */
import { describe, expect, it } from "vitest";
import { compileGuest } from "../../server/sandbox/compile";
import type { KafkaCommitEvent, KafkaConsumeEvent, KafkaMemberEvent, KafkaRebalanceEvent } from "../../server/sim/events";
import { runLab, type LabRunOutcome } from "../../server/labs/host";
import { allLabs, filesRecord, labFiles, runSources } from "../../server/labs/registry";
import { KILL } from "./objectives";

const lab = allLabs().find((l) => l.def.id === "05-partitions")!;

async function run(edit: (files: Record<string, string>) => void = () => {}): Promise<LabRunOutcome> {
  const files = filesRecord(labFiles(lab, "solution"));
  edit(files);
  const c = await compileGuest({ ...runSources(lab, files), allowedModules: ["lab"] });
  if (!c.ok) throw new Error(c.error.message);
  return runLab({ labId: lab.def.id, compiled: c.compiled, seed: 7, keepEvents: true });
}
const objective = (out: LabRunOutcome, id: string) => out.objectives.find((o) => o.id === id)!;

describe("05-partitions", () => {
  it("a dead member is noticed after the session timeout; every partition is reassigned; the new owner re-reads from the last commit", async () => {
    const { events } = await run();
    const timeout = events.find((e): e is KafkaMemberEvent => e.type === "kafka.member" && e.change === "session-timeout" && e.instance === KILL.instance)!;
    expect(timeout.timeMs).toBeCloseTo(KILL.atMs + 1_500, 0);
    const rebalance = events.find((e): e is KafkaRebalanceEvent => e.type === "kafka.rebalance" && e.group === "shipping" && e.timeMs >= timeout.timeMs)!;
    const before = events.filter((e): e is KafkaRebalanceEvent => e.type === "kafka.rebalance" && e.group === "shipping" && e.timeMs < KILL.atMs).at(-1)!;
    const owner = (r: KafkaRebalanceEvent, p: string) => r.assignment.find((a) => a.partitions.includes(p))?.member;
    // Eager: partitions move even between the survivors (shipping-2 gives up one of its own).
    const moved = ["order-events-0", "order-events-1", "order-events-2", "order-events-3"].filter((p) => owner(before, p) !== owner(rebalance, p));
    expect(moved.length).toBeGreaterThanOrEqual(3);
    for (const p of [0, 1]) {
      const committed = events.filter((e): e is KafkaCommitEvent => e.type === "kafka.commit" && e.group === "shipping" && e.partition === p && e.timeMs <= KILL.atMs).at(-1)!;
      const next = events.find((e): e is KafkaConsumeEvent => e.type === "kafka.consume" && e.group === "shipping" && e.partition === p && e.timeMs >= rebalance.timeMs)!;
      expect(next.offset).toBe(committed.offset);
    }
    // The event shipping-1 was handling when it died is handled again by the new owner.
    const inFlight = events.filter((e): e is KafkaConsumeEvent => e.type === "kafka.consume" && e.instance === KILL.instance).at(-1)!;
    const again = events.filter((e): e is KafkaConsumeEvent => e.type === "kafka.consume" && e.group === "shipping" && e.msgId === inFlight.msgId);
    expect(again.map((e) => e.instance)).toEqual([KILL.instance, expect.not.stringMatching(KILL.instance)]);
  });

  it("committing before processing: the new owner starts after the event shipping-1 never finished", async () => {
    const out = await run((files) => {
      files["shipping.ts"] = files["shipping.ts"]!.replace(
        "      await handle(message.value as OrderEvent); // process first…\n",
        "",
      ).replace(
        "      await consumer.commitOffsets([{ topic, partition, offset: String(Number(message.offset) + 1) }]);\n",
        "      await consumer.commitOffsets([{ topic, partition, offset: String(Number(message.offset) + 1) }]);\n      await handle(message.value as OrderEvent);\n",
      );
    });
    const lost = objective(out, "no-lost-event");
    expect(lost.passed).toBe(false);
    expect(lost.detail).toMatch(/shipping never finished 1 of \d+ .*offset was already committed/);
    expect(objective(out, "no-double-booking").passed).toBe(true);
  });

  it("without an idempotency key, the event handled again books a second courier", async () => {
    const out = await run((files) => {
      files["shipping.ts"] = files["shipping.ts"]!.replace(', headers: { "Idempotency-Key": e.eventId }', "");
    });
    expect(objective(out, "no-double-booking").detail).toMatch(/1 order got more than one courier \(o-\d+×2\)/);
  });

  it("in group shipping, analytics competes with shipping for partitions instead of reading its own copy", async () => {
    const out = await run((files) => {
      files["analytics.ts"] = files["analytics.ts"]!.replace('groupId: "analytics"', 'groupId: "shipping"');
    });
    expect(objective(out, "analytics-replay").detail).toMatch(/joined the group "shipping"/);
    const last = out.events.filter((e): e is KafkaRebalanceEvent => e.type === "kafka.rebalance" && e.group === "shipping").at(-1)!;
    expect(last.assignment.some((a) => a.member.startsWith("analytics") && a.partitions.length > 0)).toBe(true);
  });
});
