import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/server/db/open";
import { TEST_DATABASES } from "@/server/db/test-databases";

const LEARNER = "durability-learner-0000001";

/** Runs the writer child until it has acknowledged `acks` writes, then kill -9s it; returns what it acked. */
function writeThenKill(dbConfig: unknown, acks: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "server/progress/durability-child.ts"], {
      env: { ...process.env, DURABILITY_DB: JSON.stringify(dbConfig), DURABILITY_LEARNER: LEARNER },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const acked: string[] = [];
    let buffer = "";
    let stderr = "";
    const timer = setTimeout(() => { child.kill("SIGKILL"); reject(new Error(`writer too slow: ${acked.length} acks; ${stderr}`)); }, 45_000);
    child.stderr.on("data", (d: Buffer) => { stderr += d.toString(); });
    child.stdout.on("data", (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) if (line.startsWith("ack ")) acked.push(line.slice(4));
      if (acked.length >= acks && !child.killed) child.kill("SIGKILL");
    });
    child.on("exit", (_code, signal) => {
      clearTimeout(timer);
      if (signal === "SIGKILL") resolve(acked);
      else reject(new Error(`writer exited on its own (${signal ?? _code}): ${stderr}`));
    });
  });
}

describe.each(TEST_DATABASES)("durability on $name", (kind) => {
  it("every write acknowledged before kill -9 is there after reopening", async () => {
    const { config, dispose } = kind.create();
    try {
      const acked = await writeThenKill(config, 300);
      expect(acked.length).toBeGreaterThanOrEqual(300);
      const reopened = await openDatabase(config);
      try {
        const rows = await reopened.db.selectFrom("quiz_attempts").select("attempt_id").where("learner_id", "=", LEARNER).execute();
        const stored = new Set(rows.map((r) => r.attempt_id));
        const lost = acked.filter((id) => !stored.has(id));
        expect(lost).toEqual([]);
      } finally {
        await reopened.close();
      }
    } finally {
      await dispose();
    }
  });
});
