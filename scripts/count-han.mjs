// Counts Han characters in MDX prose (frontmatter and fenced code excluded): `node scripts/count-han.mjs file...`
import { readFileSync } from "node:fs";
for (const file of process.argv.slice(2)) {
  const prose = readFileSync(file, "utf8").replace(/^---[\s\S]*?\n---/, "").replace(/```[\s\S]*?```/g, "");
  console.log(`${(prose.match(/\p{Script=Han}/gu) ?? []).length}\t${file}`);
}
