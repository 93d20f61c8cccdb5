/**
 * Child process of durability.test.ts: writes facts as fast as it can and prints "ack <id>" only after the
 * store has acknowledged each one — what the API would have answered 2xx for. The parent kills it with
 * SIGKILL mid-stream and checks that every acknowledged fact is in the database.
 */
import { openDatabase } from "@/server/db/open";
import { ProgressStore } from "./store";

async function main() {
  const config = JSON.parse(process.env.DURABILITY_DB ?? "{}");
  const learnerId = process.env.DURABILITY_LEARNER ?? "durability-learner-0000001";
  const opened = await openDatabase(config);
  const store = new ProgressStore(opened.db);
  process.stdout.write("ready\n");
  let n = 0;
  // Two writers at once, like two tabs; the loop is bounded in case the parent never kills us.
  const writer = async (tab: string) => {
    while (n < 20_000) {
      const id = `${tab}-${String(n++).padStart(6, "0")}`;
      await store.recordAttempt(learnerId, { id, quizId: "test-quiz", locale: "zh", answers: { one: "b" }, score: 1, maxScore: 6, durationMs: null, submittedAt: new Date().toISOString() });
      process.stdout.write(`ack ${id}\n`);
    }
  };
  await Promise.all([writer("tab1"), writer("tab2")]);
  await opened.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
