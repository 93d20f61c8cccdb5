/**
 * Han characters of prose per page, counted exactly as the content check counts them (headings and text;
 * no code, math, diagram internals or quiz data): `npx tsx scripts/count-han.ts content/zh/ch01-introduction/*.mdx`
 */
import { readFileSync } from "node:fs";
import { analyzeMdx, proseOfAnalysis } from "@/lib/content/analyze";
import { countHan } from "@/lib/content/text";

for (const file of process.argv.slice(2)) {
  console.log(`${countHan(proseOfAnalysis(analyzeMdx(readFileSync(file, "utf8"), file)))}\t${file}`);
}
