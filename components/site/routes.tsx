import type { Metadata } from "next";
import { notFound } from "next/navigation";
import type { Locale } from "@/content/outline";
import { loadPage, staticParams } from "@/lib/content/page-data";
import { BookPage } from "./BookPage";

interface PageProps<P> { params: Promise<P> }

/**
 * The page module of a chapter overview or a section, bound to a locale: both locales' route files are
 * one line each. A chapter route's params have no `section`, which loadPage reads as the overview.
 */
function bookRoute<P extends { chapter: string; section?: string }>(locale: Locale, kind: "chapter" | "section") {
  return {
    generateStaticParams: () => staticParams(locale, kind),
    async generateMetadata({ params }: PageProps<P>): Promise<Metadata> {
      const { chapter, section } = await params;
      const data = await loadPage(locale, chapter, section);
      return data ? { title: data.title, description: data.description } : {};
    },
    async Page({ params }: PageProps<P>) {
      const { chapter, section } = await params;
      const data = await loadPage(locale, chapter, section);
      if (!data) notFound();
      return <BookPage locale={locale} data={data} />;
    },
  };
}

export const chapterRoute = (locale: Locale) => bookRoute<{ chapter: string }>(locale, "chapter");
export const sectionRoute = (locale: Locale) => bookRoute<{ chapter: string; section: string }>(locale, "section");
