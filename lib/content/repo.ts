import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { ALL_CHAPTERS, findChapter, type Locale, type OutlineChapter, type OutlineSection } from "@/content/outline";

export const LOCALES: Locale[] = ["zh", "en"];
export const DEFAULT_LOCALE: Locale = "zh";
export const CONTENT_DIR = path.join(process.cwd(), "content");

/** A page of the book: a chapter overview (no section) or a section. */
export interface PageRef {
  locale: Locale;
  chapter: OutlineChapter;
  section?: OutlineSection;
  file: string;
  url: string;
}

export function localePrefix(locale: Locale): string {
  return locale === DEFAULT_LOCALE ? "" : `/${locale}`;
}

export function pageUrl(locale: Locale, chapterSlug: string, sectionSlug?: string): string {
  return `${localePrefix(locale)}/${chapterSlug}${sectionSlug ? `/${sectionSlug}` : ""}`;
}

export function pageFile(locale: Locale, chapterSlug: string, sectionSlug?: string): string {
  return path.join(CONTENT_DIR, locale, chapterSlug, `${sectionSlug ?? "index"}.mdx`);
}

function ref(locale: Locale, chapter: OutlineChapter, section?: OutlineSection): PageRef {
  return { locale, chapter, section, file: pageFile(locale, chapter.slug, section?.slug), url: pageUrl(locale, chapter.slug, section?.slug) };
}

/**
 * Published pages of a locale in reading order. A chapter is published when its overview exists; its
 * sections are published one by one as their files appear.
 */
export function publishedPages(locale: Locale): PageRef[] {
  const pages: PageRef[] = [];
  for (const chapter of ALL_CHAPTERS) {
    if (!existsSync(pageFile(locale, chapter.slug))) continue;
    pages.push(ref(locale, chapter));
    for (const section of chapter.sections) {
      if (existsSync(pageFile(locale, chapter.slug, section.slug))) pages.push(ref(locale, chapter, section));
    }
  }
  return pages;
}

export function findPage(locale: Locale, chapterSlug: string, sectionSlug?: string): PageRef | undefined {
  return publishedPages(locale).find((p) => p.chapter.slug === chapterSlug && p.section?.slug === sectionSlug);
}

export function isChapterPublished(locale: Locale, chapterSlug: string): boolean {
  return existsSync(pageFile(locale, chapterSlug));
}

/** Every .mdx under content/<locale>/, for the checks: files the outline doesn't know are errors there. */
export function allContentFiles(): { locale: string; chapterSlug: string; name: string; file: string }[] {
  const out: { locale: string; chapterSlug: string; name: string; file: string }[] = [];
  for (const locale of readdirSync(CONTENT_DIR, { withFileTypes: true })) {
    if (!locale.isDirectory()) continue;
    const localeDir = path.join(CONTENT_DIR, locale.name);
    for (const chapter of readdirSync(localeDir, { withFileTypes: true })) {
      if (!chapter.isDirectory()) continue;
      for (const name of readdirSync(path.join(localeDir, chapter.name))) {
        if (name.endsWith(".mdx")) out.push({ locale: locale.name, chapterSlug: chapter.name, name, file: path.join(localeDir, chapter.name, name) });
      }
    }
  }
  return out;
}

export { findChapter };
