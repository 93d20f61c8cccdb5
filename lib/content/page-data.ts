import { partOf, PARTS, BOOK_TITLE, type Locale } from "@/content/outline";
import { t } from "@/lib/i18n";
import { compileMdxFile, type CompiledPage } from "./compile";
import { findPage, localePrefix, pageUrl, publishedPages, type PageRef } from "./repo";
import { chapterFrontmatterSchema, describeZodError, sectionFrontmatterSchema } from "./schema";
import path from "node:path";
import { cache } from "react";

export interface PageData {
  ref: PageRef;
  compiled: CompiledPage;
  title: string;
  description: string;
  updated?: string;
  prev?: { href: string; title: string };
  next?: { href: string; title: string };
  alternateHref: string;
  crumbs: { label: string; href?: string }[];
}

function titleOf(ref: PageRef, locale: Locale): string {
  return ref.section ? ref.section.title[locale] : ref.chapter.title[locale];
}

/** The same page in the other language if it is published, else the other language's home page. */
export function alternateHref(locale: Locale, chapterSlug?: string, sectionSlug?: string): string {
  const other: Locale = locale === "zh" ? "en" : "zh";
  if (chapterSlug && findPage(other, chapterSlug, sectionSlug)) return pageUrl(other, chapterSlug, sectionSlug);
  return localePrefix(other) || "/";
}

/** Cached per render pass: generateMetadata and the page itself both ask for the same page. */
export const loadPage = cache(loadPageUncached);

async function loadPageUncached(locale: Locale, chapterSlug: string, sectionSlug?: string): Promise<PageData | undefined> {
  const ref = findPage(locale, chapterSlug, sectionSlug);
  if (!ref) return undefined;
  const compiled = await compileMdxFile(ref.file);
  const schema = ref.section ? sectionFrontmatterSchema : chapterFrontmatterSchema;
  const parsed = schema.safeParse(compiled.frontmatter);
  if (!parsed.success) throw new Error(`${path.relative(process.cwd(), ref.file)}: frontmatter: ${describeZodError(parsed.error)}`);
  const pages = publishedPages(locale);
  const index = pages.findIndex((p) => p.url === ref.url);
  const neighbour = (p: PageRef | undefined) => (p ? { href: p.url, title: titleOf(p, locale) } : undefined);
  const dict = t(locale);
  const part = partOf(chapterSlug);
  const chapterLabel = /^\d+$/.test(ref.chapter.label) ? dict.chapter(ref.chapter.label) : dict.appendix(ref.chapter.label);
  const crumbs = [
    { label: BOOK_TITLE[locale].split(/[：:]/)[0] ?? dict.home, href: localePrefix(locale) || "/" },
    ...(part ? [{ label: `${dict.part(PARTS.indexOf(part) + 1)} · ${part.title[locale]}` }] : []),
    { label: `${chapterLabel} ${ref.chapter.title[locale]}`, href: pageUrl(locale, chapterSlug) },
    ...(ref.section ? [{ label: ref.section.title[locale], href: ref.url }] : []),
  ];
  return {
    ref,
    compiled,
    title: parsed.data.title,
    description: parsed.data.description,
    updated: "updated" in parsed.data ? (parsed.data.updated as string | undefined) : undefined,
    prev: neighbour(pages[index - 1]),
    next: neighbour(pages[index + 1]),
    alternateHref: alternateHref(locale, chapterSlug, sectionSlug),
    crumbs,
  };
}

export function staticParams(locale: Locale, kind: "chapter" | "section") {
  return publishedPages(locale)
    .filter((p) => (kind === "section" ? !!p.section : !p.section))
    .map((p) => (p.section ? { chapter: p.chapter.slug, section: p.section.slug } : { chapter: p.chapter.slug }));
}
