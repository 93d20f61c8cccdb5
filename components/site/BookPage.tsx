import type { Locale } from "@/content/outline";
import type { PageData } from "@/lib/content/page-data";
import { t } from "@/lib/i18n";
import { BookNav } from "./BookNav";
import { Breadcrumbs } from "./Breadcrumbs";
import { ChapterSections } from "./ChapterSections";
import { MdxContent } from "./MdxContent";
import { PrevNext } from "./PrevNext";
import { SiteFooter } from "./SiteFooter";
import { SiteHeader } from "./SiteHeader";
import { Toc } from "./Toc";

/** A chapter overview or a section: nav, breadcrumbs, the article, its table of contents, prev/next. */
export function BookPage({ locale, data }: { locale: Locale; data: PageData }) {
  const dict = t(locale);
  const isOverview = !data.ref.section;
  return (
    <>
      <SiteHeader locale={locale} alternateHref={data.alternateHref} />
      <div className="book-layout">
        <BookNav locale={locale} currentUrl={data.ref.url} />
        <main id="main" className="book-main" tabIndex={-1}>
          <Breadcrumbs items={data.crumbs} label={dict.breadcrumbs} />
          <article className="prose" data-testid="article">
            <header className="page-header">
              <h1>{data.title}</h1>
              <p className="page-meta">
                <span>{dict.readingTime(data.compiled.readingMinutes)}</span>
                {data.updated ? <span> · {dict.updated} <time dateTime={data.updated}>{data.updated}</time></span> : null}
              </p>
            </header>
            <MdxContent code={data.compiled.code} locale={locale} />
            {isOverview ? <ChapterSections locale={locale} chapterSlug={data.ref.chapter.slug} /> : null}
          </article>
          <PrevNext prev={data.prev} next={data.next} labels={{ previous: dict.previous, next: dict.next }} />
        </main>
        <aside className="toc-column">
          <Toc entries={data.compiled.toc} label={dict.onThisPage} />
        </aside>
      </div>
      <SiteFooter locale={locale} />
    </>
  );
}
