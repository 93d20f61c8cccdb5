/**
 * Every lab folder under labs/: registered, well-formed, its solution passes every objective and its
 * starter does not, and a run is a pure function of seed + code (deep-equal event logs). Runs happen
 * in-process (the same runLab a worker executes) to keep the suite fast.
 */
import { readdirSync, statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ALL_CHAPTERS } from "@/content/outline";
import { compileGuest } from "../sandbox/compile";
import { LabFormatError } from "./define";
import { runLab, type LabRunOutcome } from "./host";
import { allLabs, filesRecord, labDetail, labFiles, makeLab, runSources, type Lab } from "./registry";

const root = new URL("../../labs/", import.meta.url);
const folders = readdirSync(root).filter((n) => /^[0-9a-z][a-z0-9-]*$/.test(n) && statSync(new URL(n, root)).isDirectory() && n !== "sdk");

async function run(lab: Lab, files: Record<string, string>, seed = 7, keepEvents = false): Promise<LabRunOutcome> {
  const c = await compileGuest({ ...runSources(lab, files), allowedModules: ["lab"] });
  if (!c.ok) throw new Error(`seed=${seed} lab=${lab.def.id}: does not compile: ${JSON.stringify(c.error)}`);
  return runLab({ labId: lab.def.id, compiled: c.compiled, seed, keepEvents });
}

const sources = (lab: Lab, kind: "starter" | "solution") => filesRecord(labFiles(lab, kind));

describe("labs/", () => {
  it("registers exactly the lab folders, each in the book's outline", () => {
    expect(allLabs().map((l) => l.def.id).sort()).toEqual([...folders].sort());
    const outlineLabs = new Set(ALL_CHAPTERS.flatMap((c) => c.labs));
    for (const lab of allLabs()) {
      expect(outlineLabs.has(lab.def.id), lab.def.id).toBe(true);
      const chapter = ALL_CHAPTERS.find((c) => c.slug === lab.def.chapter);
      expect(chapter?.sections.map((s) => s.slug), lab.def.id).toContain(lab.def.section);
      const detail = labDetail(lab);
      expect(detail.files.map((f) => f.path)).toEqual(lab.def.files);
      expect(detail.topology.nodes.length).toBeGreaterThan(0);
    }
  });

  it("names the file and the field of a bad definition", () => {
    expect(() => makeLab({ id: "99-bad", title: { zh: "x" } })).toThrow(LabFormatError);
    expect(() => makeLab({ id: "99-bad", title: { zh: "x" } })).toThrow(/labs\/99-bad\/lab\.ts: .*title\.en/);
  });

  for (const lab of allLabs()) {
    describe(lab.def.id, () => {
      it("solution passes every objective; starter fails at least one", async () => {
        const solved = await run(lab, sources(lab, "solution"));
        expect(solved.error, `seed=7 lab=${lab.def.id}`).toBeUndefined();
        expect(solved.objectives.filter((o) => !o.passed), `seed=7 lab=${lab.def.id}`).toEqual([]);
        const starter = await run(lab, sources(lab, "starter"));
        expect(starter.objectives.some((o) => !o.passed), `seed=7 lab=${lab.def.id}: the starter already passes`).toBe(true);
      });

      it("the solution passes on other seeds too", async () => {
        for (const seed of [1, 2024]) {
          const solved = await run(lab, sources(lab, "solution"), seed);
          expect(solved.objectives.filter((o) => !o.passed), `seed=${seed} lab=${lab.def.id}`).toEqual([]);
        }
      });

      it("is deterministic: same seed + code ⇒ deep-equal event log", async () => {
        const a = await run(lab, sources(lab, "solution"), 99, true);
        const b = await run(lab, sources(lab, "solution"), 99, true);
        expect(a.events.length).toBeGreaterThan(1_000);
        expect(JSON.stringify(b.events)).toBe(JSON.stringify(a.events));
        const c = await run(lab, sources(lab, "solution"), 100, true);
        expect(JSON.stringify(c.events)).not.toBe(JSON.stringify(a.events));
      });
    });
  }

  it("02: a consumer without deduplication charges some orders twice", async () => {
    const lab = allLabs().find((l) => l.def.id === "02-sync-vs-async")!;
    const files = sources(lab, "solution");
    files["payments.ts"] = files["payments.ts"]!.replace("if (processed.has(id)) {", "if (false && processed.has(id)) {");
    const out = await run(lab, files);
    const once = out.objectives.find((o) => o.id === "charged-exactly-once")!;
    expect(once.passed).toBe(false);
    expect(once.detail).toMatch(/more than once/);
  });

  it("03: a PATCH that ignores If-Match loses the App's change, as the chapter's quiz predicts", async () => {
    const lab = allLabs().find((l) => l.def.id === "03-rest-resource")!;
    const files = sources(lab, "solution");
    files["orders.ts"] = files["orders.ts"]!.replace("if (ifMatch === undefined) return", "if (false) return").replace("if (!ifMatchPasses(ifMatch, etagOf(order))) {", "if (false) {");
    const out = await run(lab, files, 7, true);
    const seen = (check: string) => out.events.flatMap((e) => (e.type === "log" && e.fields.check === check ? [e.fields] : []));
    expect([...seen("a-patch"), ...seen("b-stale")].map((f) => f.status)).toEqual([200, 200]);
    expect(seen("final-address")[0]).toMatchObject({ city: "杭州", phone: "13800000001" });
    const objective = out.objectives.find((o) => o.id === "conditional-update")!;
    expect(objective.passed).toBe(false);
    expect(objective.detail).toMatch(/^lost update/);
    expect(out.objectives.filter((o) => !o.passed).map((o) => o.id)).toEqual(["conditional-update"]);
  });

  it("harness files are the lab's: a learner file cannot replace one or claim its services", async () => {
    const lab = allLabs().find((l) => l.def.id === "03-rest-resource")!;
    const sent: Record<string, string> = { ...sources(lab, "solution"), "app.ts": "export {};\n" };
    expect(runSources(lab, sent).files["app.ts"]).toBe(labFiles(lab, "harness").find((f) => f.path === "app.ts")!.source);
    expect(labDetail(lab).files.map((f) => f.path)).not.toContain("app.ts");
    sent["orders.ts"] = `${sent["orders.ts"]}\ncreateService("support");\n`;
    const out = await run(lab, sent);
    expect(out.error).toMatchObject({ kind: "runtime", file: "orders.ts" });
    expect(out.error!.message).toMatch(/createService\("support"\) was called twice/);
  });

  it("04: orders' own longer deadline does not outlive the gateway's once it passes parent (the chapter's predict-deadline)", async () => {
    const lab = allLabs().find((l) => l.def.id === "04-grpc-deadlines")!;
    const files = sources(lab, "solution");
    files["orders.ts"] = files["orders.ts"]!.replace("deadline: Date.now() + 5_000, parent: call", "deadline: Date.now() + 2_000, parent: call");
    const out = await run(lab, files, 7, true);
    const starts = out.events.filter((e): e is Extract<typeof e, { type: "call.start" }> => e.type === "call.start" && e.protocol === "grpc");
    const gatewayDeadline = new Map(starts.filter((e) => e.fromService === "gateway").map((e) => [e.traceId, e.deadlineAtMs]));
    const inner = starts.filter((e) => e.fromService === "orders");
    expect(inner.length).toBeGreaterThan(100);
    expect(inner.every((e) => e.deadlineAtMs === gatewayDeadline.get(e.traceId))).toBe(true);
    const timedOut = out.events.filter((e) => e.type === "call.end" && e.fromService === "orders" && e.statusName === "DEADLINE_EXCEEDED");
    expect(timedOut.every((e) => e.type === "call.end" && e.startMs + e.latencyMs === gatewayDeadline.get(e.traceId))).toBe(true);
    expect(timedOut.length).toBeGreaterThan(10);
    expect(out.objectives.every((o) => o.passed)).toBe(true);
    // Without parent the call keeps its own 2 s: inventory works on after the gateway gave up.
    files["orders.ts"] = files["orders.ts"]!.replace(", parent: call", "");
    const unpassed = await run(lab, files);
    expect(unpassed.objectives.find((o) => o.id === "stop-when-caller-gives-up")).toMatchObject({ passed: false, detail: expect.stringMatching(/not passed down/) });
  });

  it("replays terminal actions at their time: a curl answer and a fault", async () => {
    const lab = allLabs().find((l) => l.def.id === "01-call-chain")!;
    const c = await compileGuest({ files: sources(lab, "solution"), entries: lab.def.files, allowedModules: ["lab"] });
    if (!c.ok) throw new Error(c.error.message);
    const out = await runLab({ labId: lab.def.id, compiled: c.compiled, seed: 3, keepEvents: true,
      commands: [{ atMs: 1_000, line: "curl http://orders/orders/7" }, { atMs: 2_000, line: "kill shipping-1" }] });
    expect(out.terminal.map((t) => t.text).join("\n")).toMatch(/HTTP\/1\.1 200[\s\S]*"id":"7"/);
    expect(out.terminal.find((t) => t.text.startsWith("ok: kill"))?.timeMs).toBe(2_000);
    expect(out.events.some((e) => e.type === "fault" && e.source === "runtime" && e.target === "shipping-1" && e.timeMs === 2_000)).toBe(true);
  });
});

describe("learner errors point at the learner's file", () => {
  const lab = allLabs().find((l) => l.def.id === "01-call-chain")!;

  it("compile error: file, line and column", async () => {
    const files = { ...sources(lab, "starter"), "orders.ts": 'import { createService } from "lab";\nconst app = createService("orders");\napp.get("/x", (req, res) => { res.json( });\n' };
    const c = await compileGuest({ files, entries: lab.def.files, allowedModules: ["lab"] });
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.error).toMatchObject({ kind: "compile", file: "orders.ts", line: 3 });
  });

  it("runtime error in a handler: a 500, an error log line, and the position", async () => {
    const files = { ...sources(lab, "solution"), "inventory.ts": 'import { createService } from "lab";\nconst app = createService("inventory");\napp.get("/items", (req, res) => {\n  const x: any = null;\n  res.json(x.boom);\n});\napp.post("/reservations", (req, res) => { res.status(201).json({}); });\n' };
    const out = await run(lab, files);
    expect(out.error).toMatchObject({ kind: "runtime", file: "inventory.ts", line: 5 });
    expect(out.error!.message).toMatch(/TypeError/);
    expect(out.logs.some((l) => l.level === "error" && l.instance.startsWith("inventory") && /inventory\.ts:5/.test(l.message))).toBe(true);
  });

  it("createService for a service the lab does not have", async () => {
    const files = { ...sources(lab, "solution"), "shipping.ts": 'import { createService } from "lab";\ncreateService("shipping");\ncreateService("warehouse");\n' };
    const out = await run(lab, files);
    expect(out.error).toMatchObject({ kind: "runtime", file: "shipping.ts", line: 3 });
    expect(out.error!.message).toMatch(/no service "warehouse"/);
  });
});
