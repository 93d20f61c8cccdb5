import Link from "next/link";
import { findChapter, type Locale } from "@/content/outline";
import { findPage } from "@/lib/content/repo";
import { t } from "@/lib/i18n";

/** The chapter's sections as cards at the end of its overview, unpublished ones marked as such. */
export function ChapterSections({ locale, chapterSlug }: { locale: Locale; chapterSlug: string }) {
  const chapter = findChapter(chapterSlug);
  if (!chapter || chapter.sections.length === 0) return null;
  const dict = t(locale);
  return (
    <section className="chapter-sections" aria-labelledby="chapter-sections-title">
      <h2 id="chapter-sections-title">{dict.sectionsInChapter}</h2>
      <ol>
        {chapter.sections.map((s, i) => {
          const page = findPage(locale, chapterSlug, s.slug);
          return (
            <li key={s.slug}>
              <span className="section-num">{chapter.label}.{i + 1}</span>
              {page ? <Link href={page.url}>{s.title[locale]}</Link> : <span>{s.title[locale]} <em>（{dict.notYetAvailable}）</em></span>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
