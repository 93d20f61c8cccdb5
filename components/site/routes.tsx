import type { Metadata } from "next";
import { notFound } from "next/navigation";
import type { Locale } from "@/content/outline";
import { loadPage, staticParams } from "@/lib/content/page-data";
import { BookPage } from "./BookPage";

/** The page modules of both locales are these, bound to a locale: route files stay one line each. */
export function chapterRoute(locale: Locale) {
  return {
    generateStaticParams: () => staticParams(locale, "chapter"),
    async generateMetadata({ params }: { params: Promise<{ chapter: string }> }): Promise<Metadata> {
      const { chapter } = await params;
      const data = await loadPage(locale, chapter);
      return data ? { title: data.title, description: data.description } : {};
    },
    async Page({ params }: { params: Promise<{ chapter: string }> }) {
      const { chapter } = await params;
      const data = await loadPage(locale, chapter);
      if (!data) notFound();
      return <BookPage locale={locale} data={data} />;
    },
  };
}

export function sectionRoute(locale: Locale) {
  return {
    generateStaticParams: () => staticParams(locale, "section"),
    async generateMetadata({ params }: { params: Promise<{ chapter: string; section: string }> }): Promise<Metadata> {
      const { chapter, section } = await params;
      const data = await loadPage(locale, chapter, section);
      return data ? { title: data.title, description: data.description } : {};
    },
    async Page({ params }: { params: Promise<{ chapter: string; section: string }> }) {
      const { chapter, section } = await params;
      const data = await loadPage(locale, chapter, section);
      if (!data) notFound();
      return <BookPage locale={locale} data={data} />;
    },
  };
}
