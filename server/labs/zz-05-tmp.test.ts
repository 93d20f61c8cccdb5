import { it } from "vitest";
import { readFileSync } from "node:fs";
import { compileGuest } from "@/server/sandbox/compile";
import { runLab } from "@/server/labs/host";
import { allLabs, filesRecord, labFiles, runSources } from "@/server/labs/registry";

// Scratch runner for labs 05 (deleted before hand-off). LAB=05-work-queue KINDS=starter,solution SEEDS=7 VARIANT=/tmp/x.ts:file.ts
it("runs lab 05", async () => {
  const lab = allLabs().find((l) => l.def.id === (process.env.LAB ?? "05-work-queue"))!;
  for (const kind of (process.env.KINDS ?? "starter,solution").split(",") as ("starter" | "solution")[]) {
    for (const seed of (process.env.SEEDS ?? "7").split(",").map(Number)) {
      const files = filesRecord(labFiles(lab, kind));
      for (const v of (process.env.VARIANT ?? "").split(",").filter(Boolean)) {
        const [path, name] = v.split(":");
        files[name!] = readFileSync(path!, "utf8");
      }
      const c = await compileGuest({ ...runSources(lab, files), allowedModules: ["lab"] });
      if (!c.ok) throw new Error(JSON.stringify(c.error));
      const t0 = performance.now();
      const out = await runLab({ labId: lab.def.id, compiled: c.compiled, seed, keepEvents: true });
      console.log(`== ${kind} seed=${seed} events=${out.eventCount} wall=${Math.round(performance.now() - t0)}ms error=${JSON.stringify(out.error)}`);
      for (const o of out.objectives) console.log(`  ${o.passed ? "PASS" : "FAIL"} ${o.id}: ${o.detail}`);
      const counts = new Map<string, number>();
      for (const e of out.events) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
      if (process.env.COUNTS) console.log([...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k}=${n}`).join(" "));
      if (process.env.LOGS) for (const l of out.logs.slice(0, Number(process.env.LOGS))) console.log(`   ${l.timeMs.toFixed(1)} ${l.instance} ${l.level} ${l.message} ${JSON.stringify(l.fields ?? {})}`);
    }
  }
}, 120_000);
it("debug analytics", async () => {
  if (!process.env.DBG) return;
  const lab = allLabs().find((l) => l.def.id === "05-partitions")!;
  const c = await compileGuest({ ...runSources(lab, filesRecord(labFiles(lab, "solution"))), allowedModules: ["lab"] });
  if (!c.ok) throw new Error(JSON.stringify(c.error));
  const out = await runLab({ labId: lab.def.id, compiled: c.compiled, seed: 7, keepEvents: true });
  for (const e of out.events) {
    const j = JSON.stringify(e);
    if (j.includes("analytics") && e.type !== "kafka.consume" && e.type !== "work.start" && e.type !== "work.end" && e.type !== "net.send" && e.type !== "net.deliver") console.log(j.slice(0, 300));
    if (e.type === "kafka.rebalance") console.log(JSON.stringify(e));
  }
}, 60_000);
