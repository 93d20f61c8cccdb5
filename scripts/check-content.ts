import path from "node:path";
import { checkContent, formatProblem } from "@/lib/content/check";

const problems = checkContent(path.join(process.cwd(), "content"));
if (problems.length) {
  console.error(`content check: ${problems.length} problem${problems.length === 1 ? "" : "s"}`);
  for (const p of problems) console.error(`  ${formatProblem(p)}`);
  process.exit(1);
}
console.log("content check: ok");
