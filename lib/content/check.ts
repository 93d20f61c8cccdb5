import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import { ALL_CHAPTERS, type Locale, type OutlineChapter } from "@/content/outline";
import { flowDiagramSchema } from "@/components/diagrams/flow-layout";
import { sequenceDiagramSchema } from "@/components/diagrams/sequence-layout";
import { quizSchema } from "@/lib/quiz/schema";
import { analyzeMdx, proseOfAnalysis, type Analysis } from "./analyze";
import { CODE_LANGUAGES } from "./compile-languages";
import { chapterFrontmatterSchema, describeZodError, sectionFrontmatterSchema } from "./schema";
import { pageUrl } from "./repo";
import { countHan } from "./text";

export interface Problem { file: string; line?: number; message: string }

/** Components an MDX page may use (the registry's tags); anything else capitalised is a typo. */
export const KNOWN_COMPONENTS = new Set(["Callout", "Figure", "SequenceDiagram", "FlowDiagram", "Quiz", "Lab"]);
/** Components whose props are data: validated here so a typo fails the check, not the reader. */
const PROP_SCHEMAS = { SequenceDiagram: sequenceDiagramSchema, FlowDiagram: flowDiagramSchema, Quiz: quizSchema } as const;
export const MIN_HAN_CHARS = 2500;

interface Page { locale: string; chapter: OutlineChapter; sectionSlug?: string; file: string; rel: string; url: string; analysis?: Analysis }

function checkOutline(problems: Problem[]) {
  const seen = new Map<string, string>();
  const claim = (id: string, what: string) => {
    const before = seen.get(id);
    if (before) problems.push({ file: "content/outline.ts", message: `duplicate id "${id}" (${what}; already used by ${before})` });
    seen.set(id, what);
  };
  for (const chapter of ALL_CHAPTERS) {
    claim(`chapter:${chapter.slug}`, `chapter ${chapter.label}`);
    for (const s of chapter.sections) claim(`section:${chapter.slug}/${s.slug}`, `section of ${chapter.slug}`);
    for (const lab of chapter.labs) claim(`lab:${lab}`, `lab of ${chapter.slug}`);
  }
}

/** Finds every page, rejecting files the outline does not know. */
function collectPages(contentDir: string, problems: Problem[]): Page[] {
  const pages: Page[] = [];
  for (const locale of readdirSync(contentDir)) {
    const localeDir = path.join(contentDir, locale);
    if (!statSync(localeDir).isDirectory()) continue;
    if (locale !== "zh" && locale !== "en") { problems.push({ file: `content/${locale}`, message: `unknown locale "${locale}" (expected zh or en)` }); continue; }
    for (const chapterSlug of readdirSync(localeDir)) {
      const rel = `content/${locale}/${chapterSlug}`;
      const chapter = ALL_CHAPTERS.find((c) => c.slug === chapterSlug);
      if (!chapter) { problems.push({ file: rel, message: `chapter slug "${chapterSlug}" is not in content/outline.ts` }); continue; }
      const names = readdirSync(path.join(localeDir, chapterSlug)).filter((n) => n.endsWith(".mdx"));
      if (names.length && !names.includes("index.mdx")) problems.push({ file: rel, message: "sections without an index.mdx (the chapter overview) cannot be reached" });
      for (const name of names) {
        const slug = name.replace(/\.mdx$/, "");
        const sectionSlug = slug === "index" ? undefined : slug;
        if (sectionSlug && !chapter.sections.some((s) => s.slug === sectionSlug)) {
          problems.push({ file: `${rel}/${name}`, message: `section slug "${sectionSlug}" is not a section of ${chapterSlug} in content/outline.ts` });
          continue;
        }
        pages.push({ locale, chapter, sectionSlug, file: path.join(localeDir, chapterSlug, name), rel: `${rel}/${name}`, url: pageUrl(locale as Locale, chapterSlug, sectionSlug) });
      }
    }
  }
  return pages;
}

function checkFrontmatter(page: Page, source: string, problems: Problem[]) {
  let data: unknown;
  try { data = matter(source).data; } catch (e) {
    problems.push({ file: page.rel, line: 1, message: `frontmatter is not valid YAML: ${(e as Error).message}` });
    return;
  }
  const schema = page.sectionSlug ? sectionFrontmatterSchema : chapterFrontmatterSchema;
  const parsed = schema.safeParse(data);
  if (!parsed.success) problems.push({ file: page.rel, line: 1, message: `frontmatter: ${describeZodError(parsed.error)}` });
}

function checkComponents(page: Page, analysis: Analysis, problems: Problem[], quizIds: Map<string, string>, labsDir: string) {
  for (const use of analysis.components) {
    if (/^[a-z]/.test(use.name)) continue; // plain HTML
    if (!KNOWN_COMPONENTS.has(use.name)) { problems.push({ file: page.rel, line: use.line, message: `unknown component <${use.name}> (known: ${[...KNOWN_COMPONENTS].join(", ")})` }); continue; }
    if (use.name === "Lab") { checkLab(page, use, problems, labsDir); continue; }
    const schema = PROP_SCHEMAS[use.name as keyof typeof PROP_SCHEMAS];
    if (!schema) continue;
    const props: Record<string, unknown> = {};
    try {
      for (const [name, value] of Object.entries(use.attributes)) {
        // Content is ours, not a learner's: evaluating a prop's literal expression here is safe.
        props[name] = value.expression !== undefined ? new Function(`return (${value.expression});`)() : value.literal;
      }
    } catch (e) {
      problems.push({ file: page.rel, line: use.line, message: `<${use.name}>: a prop is not a valid expression: ${(e as Error).message}` });
      continue;
    }
    const parsed = schema.safeParse(props);
    if (!parsed.success) { problems.push({ file: page.rel, line: use.line, message: `<${use.name}>: ${describeZodError(parsed.error)}` }); continue; }
    if (use.name === "Quiz") {
      const quizId = `${page.locale}:${String(props.id)}`;
      const before = quizIds.get(quizId);
      if (before) problems.push({ file: page.rel, line: use.line, message: `duplicate quiz id "${String(props.id)}" (also in ${before})` });
      else quizIds.set(quizId, page.rel);
    }
  }
  for (const block of analysis.codeBlocks) {
    if (block.lang && !(CODE_LANGUAGES as readonly string[]).includes(block.lang)) {
      problems.push({ file: page.rel, line: block.line, message: `code fence language "${block.lang}" is not highlighted (use one of ${CODE_LANGUAGES.join(", ")})` });
    }
  }
}

/** `<Lab id="…" />`: a literal id, and (once labs/ exists) a folder labs/<id>/ for it. */
function checkLab(page: Page, use: Analysis["components"][number], problems: Problem[], labsDir: string) {
  const id = use.attributes.id?.literal;
  if (typeof id !== "string" || !/^[a-z0-9][a-z0-9-]{0,40}$/.test(id)) {
    problems.push({ file: page.rel, line: use.line, message: `<Lab>: id must be a literal lab id like "01-call-chain"` });
    return;
  }
  if (existsSync(labsDir) && !existsSync(path.join(labsDir, id))) {
    problems.push({ file: page.rel, line: use.line, message: `<Lab id="${id}">: no lab folder labs/${id}/` });
  }
}

function checkHeadings(page: Page, analysis: Analysis, problems: Problem[]) {
  const seen = new Set<string>();
  for (const h of analysis.headings) {
    if (seen.has(h.id)) problems.push({ file: page.rel, line: h.line, message: `duplicate heading id "${h.id}"` });
    seen.add(h.id);
    if (h.depth === 1) problems.push({ file: page.rel, line: h.line, message: "headings start at ## (the page title is the # heading)" });
  }
}

/** Every URL the outline promises, published or not, per locale. */
function outlineUrls(locale: string): Set<string> {
  const urls = new Set([locale === "zh" ? "/" : `/${locale}`]);
  for (const c of ALL_CHAPTERS) {
    urls.add(pageUrl(locale as Locale, c.slug));
    for (const s of c.sections) urls.add(pageUrl(locale as Locale, c.slug, s.slug));
  }
  return urls;
}

/**
 * Links must resolve. A link to a page the outline has but nobody has published yet is a forward
 * reference: allowed (the renderer shows it as "not yet available" instead of a link), its anchor unchecked.
 */
function checkLinks(page: Page, byUrl: Map<string, Page>, problems: Problem[]) {
  const promised = outlineUrls(page.locale);
  for (const link of page.analysis?.links ?? []) {
    if (!link.url.startsWith("/") && !link.url.startsWith("#")) continue;
    const [target = "", anchor] = link.url.split("#");
    const normalized = target.length > 1 ? target.replace(/\/$/, "") : target;
    const targetPage = normalized === "" ? page : byUrl.get(normalized);
    if (!targetPage) {
      if (promised.has(normalized)) continue;
      problems.push({ file: page.rel, line: link.line, message: `broken link ${link.url}: no page at ${target} in content/outline.ts` });
      continue;
    }
    if (anchor && !targetPage.analysis?.headings.some((h) => h.id === decodeURIComponent(anchor))) {
      problems.push({ file: page.rel, line: link.line, message: `broken link ${link.url}: ${targetPage.rel} has no heading #${anchor}` });
    }
  }
}

/** Every check of the book's content; the build and `npm test` fail on any problem. */
/** `labsDir`: where `<Lab id>` folders live (default: labs/ next to the content folder). */
export function checkContent(contentDir: string, labsDir = path.resolve(contentDir, "..", "labs")): Problem[] {
  const problems: Problem[] = [];
  checkOutline(problems);
  const pages = collectPages(contentDir, problems);
  const quizIds = new Map<string, string>();
  for (const page of pages) {
    const source = readFileSync(page.file, "utf8");
    checkFrontmatter(page, source, problems);
    try {
      page.analysis = analyzeMdx(source, page.rel);
    } catch (e) {
      const err = e as Error & { line?: number };
      problems.push({ file: page.rel, line: err.line, message: `MDX does not parse: ${err.message}` });
      continue;
    }
    checkHeadings(page, page.analysis, problems);
    checkComponents(page, page.analysis, problems, quizIds, labsDir);
    const han = countHan(proseOfAnalysis(page.analysis));
    if (page.locale === "zh" && han < MIN_HAN_CHARS) {
      problems.push({ file: page.rel, message: `only ${han} Chinese characters of prose; a published page needs at least ${MIN_HAN_CHARS}` });
    }
  }
  const byUrl = new Map(pages.map((p) => [p.url, p]));
  for (const page of pages) checkLinks(page, byUrl, problems);
  return problems;
}

export function formatProblem(p: Problem): string {
  return `${p.file}${p.line ? `:${p.line}` : ""}: ${p.message}`;
}
