/**
 * Runs before `next build`: checks the content (failing with file and field named), compiles every page
 * into the MDX cache (so a compile error names its file before Next reports it), and writes the search
 * index of each locale to public/search/<locale>.json, and the quiz manifest (with answers) to .cache/.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { analyzeMdx } from "@/lib/content/analyze";
import { checkContent, formatProblem } from "@/lib/content/check";
import { compileMdxFile } from "@/lib/content/compile";
import { LOCALES, publishedPages } from "@/lib/content/repo";
import { buildQuizManifest, QUIZ_MANIFEST_FILE } from "@/lib/quiz/manifest";
import type { SearchEntry, SearchIndex } from "@/lib/search/types";
import matter from "gray-matter";

async function main() {
  const started = performance.now();
  const problems = checkContent(path.join(process.cwd(), "content"));
  if (problems.length) {
    for (const p of problems) console.error(`  ${formatProblem(p)}`);
    throw new Error(`content check failed with ${problems.length} problem(s)`);
  }
  // The server scores quiz attempts against the quizzes as built (answers stay server side, never public/).
  const manifest = buildQuizManifest();
  mkdirSync(path.dirname(QUIZ_MANIFEST_FILE), { recursive: true });
  writeFileSync(QUIZ_MANIFEST_FILE, JSON.stringify(manifest));
  console.log(`quiz manifest: ${manifest.quizzes.length} quiz(zes), ${manifest.quizzes.reduce((n, q) => n + q.quiz.questions.length, 0)} questions`);
  const outDir = path.join(process.cwd(), "public", "search");
  mkdirSync(outDir, { recursive: true });
  for (const locale of LOCALES) {
    const entries: SearchEntry[] = [];
    for (const page of publishedPages(locale)) {
      await compileMdxFile(page.file);
      const source = readFileSync(page.file, "utf8");
      const title = String(matter(source).data.title ?? "");
      for (const chunk of analyzeMdx(source, page.file).chunks) {
        entries.push({ url: chunk.anchor ? `${page.url}#${chunk.anchor}` : page.url, page: title, heading: chunk.heading, text: chunk.text });
      }
    }
    const index: SearchIndex = { locale, builtAt: new Date().toISOString(), entries };
    const json = JSON.stringify(index);
    writeFileSync(path.join(outDir, `${locale}.json`), json);
    console.log(`search index ${locale}: ${entries.length} entries, ${(json.length / 1024).toFixed(1)} KiB`);
  }
  console.log(`content built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
