import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Locale } from "@/content/outline";
import { analyzeMdx } from "@/lib/content/analyze";
import { describeZodError } from "@/lib/content/schema";
import { LOCALES, publishedPages } from "@/lib/content/repo";
import { quizSchema, type Quiz } from "./schema";

/** A quiz as built: where it sits in the book, and its validated data (answers included: server side only). */
export interface QuizEntry {
  id: string;
  locale: Locale;
  chapter: string;
  section?: string;
  title?: string;
  quiz: Quiz;
}
export interface QuizManifest { builtAt: string; quizzes: QuizEntry[] }

/** Written by scripts/build-content.ts; never under public/: it holds the answers. */
export const QUIZ_MANIFEST_FILE = path.join(process.cwd(), ".cache", "quiz-manifest.json");

/** Every `<Quiz>` of the published pages, validated with the same schema as the content check. */
export function extractQuizzes(locales: Locale[] = LOCALES): QuizEntry[] {
  const entries: QuizEntry[] = [];
  for (const locale of locales) {
    for (const page of publishedPages(locale)) {
      const source = readFileSync(page.file, "utf8");
      if (!source.includes("<Quiz")) continue;
      for (const use of analyzeMdx(source, page.file).components) {
        if (use.name !== "Quiz") continue;
        const props: Record<string, unknown> = {};
        for (const [name, value] of Object.entries(use.attributes)) {
          // Our own content, already checked by lib/content/check.ts: evaluating its literals is safe.
          props[name] = value.expression !== undefined ? new Function(`return (${value.expression});`)() : value.literal;
        }
        const parsed = quizSchema.safeParse(props);
        if (!parsed.success) throw new Error(`${path.relative(process.cwd(), page.file)}: <Quiz>: ${describeZodError(parsed.error)}`);
        entries.push({ id: parsed.data.id, locale, chapter: page.chapter.slug, section: page.section?.slug, title: parsed.data.title, quiz: parsed.data });
      }
    }
  }
  return entries;
}

export function buildQuizManifest(): QuizManifest {
  return { builtAt: new Date().toISOString(), quizzes: extractQuizzes() };
}

/** The manifest of the last build when there is one (the pages served were built from it), else fresh. */
export function loadQuizManifest(options: { preferBuilt: boolean }): QuizManifest {
  if (options.preferBuilt && existsSync(QUIZ_MANIFEST_FILE)) {
    return JSON.parse(readFileSync(QUIZ_MANIFEST_FILE, "utf8")) as QuizManifest;
  }
  return buildQuizManifest();
}

/** Lookup by locale and id; a quiz id names the same quiz in every locale. */
export function quizIndex(manifest: QuizManifest): Map<string, QuizEntry> {
  return new Map(manifest.quizzes.map((q) => [`${q.locale}:${q.id}`, q]));
}
