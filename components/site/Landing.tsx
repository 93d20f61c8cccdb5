import Link from "next/link";
import { APPENDICES, BOOK_TITLE, PARTS, type Locale, type OutlineChapter } from "@/content/outline";
import { isChapterPublished, pageUrl, publishedPages } from "@/lib/content/repo";
import { alternateHref } from "@/lib/content/page-data";
import { t } from "@/lib/i18n";
import { ChapterRing } from "@/components/progress/ChapterRing";
import type { ChapterPlan } from "@/lib/progress/completion";
import { chapterPlans } from "@/lib/progress/plan";
import { SiteFooter } from "./SiteFooter";
import { SiteHeader } from "./SiteHeader";

function ChapterCard({ chapter, locale, plan }: { chapter: OutlineChapter; locale: Locale; plan?: ChapterPlan }) {
  const dict = t(locale);
  const published = isChapterPublished(locale, chapter.slug);
  const number = /^\d+$/.test(chapter.label) ? dict.chapter(chapter.label) : dict.appendix(chapter.label);
  const other: Locale = locale === "zh" ? "en" : "zh";
  const inOther = !published && isChapterPublished(other, chapter.slug);
  return (
    <li className={`chapter-card${published ? "" : " is-unpublished"}`} data-testid="chapter-card" data-published={published}>
      <p className="chapter-card-num">{number}</p>
      {plan ? <ChapterRing plan={plan} label={dict.progress.chapterDone(0).replace("0", "{percent}")} /> : null}
      <h4 className="chapter-card-title">
        {published ? <Link href={pageUrl(locale, chapter.slug)}>{chapter.title[locale]}</Link> : chapter.title[locale]}
      </h4>
      <p className="chapter-card-alt" lang={other === "zh" ? "zh-CN" : "en"}>{chapter.title[other]}</p>
      {chapter.sections.length > 0 ? (
        <p className="chapter-card-meta">{chapter.sections.map((s) => s.title[locale]).join(" · ")}</p>
      ) : null}
      {!published ? (
        <p className="chapter-card-status">
          {inOther ? <Link href={pageUrl(other, chapter.slug)} lang={other === "zh" ? "zh-CN" : "en"}>{dict.notTranslated} →</Link> : dict.notYetAvailable}
        </p>
      ) : null}
    </li>
  );
}

/** The book's front page: both titles, the six parts, every chapter and appendix. */
export function Landing({ locale }: { locale: Locale }) {
  const dict = t(locale);
  const other: Locale = locale === "zh" ? "en" : "zh";
  const first = publishedPages(locale)[0];
  // What each published chapter holds, so the client can draw completion rings from /api/progress.
  const plans = new Map(chapterPlans(locale).map(({ quizTitles: _titles, ...plan }) => [plan.slug, plan]));
  return (
    <>
      <SiteHeader locale={locale} alternateHref={alternateHref(locale)} />
      <main id="main" className="landing" tabIndex={-1}>
        <section className="hero">
          <h1 className="hero-title">{BOOK_TITLE[locale]}</h1>
          <p className="hero-alt" lang={other === "zh" ? "zh-CN" : "en"}>{BOOK_TITLE[other]}</p>
          <p className="hero-lead">{dict.landingLead}</p>
          <p className="hero-audience">{dict.landingAudience}</p>
          {first ? <Link className="button-primary" href={first.url}>{dict.startReading} →</Link> : null}
        </section>
        <section aria-labelledby="contents-title" className="contents">
          <h2 id="contents-title">{dict.contents}</h2>
          {PARTS.map((part, i) => (
            <section key={part.id} className="part" aria-labelledby={`${part.id}-title`}>
              <h3 id={`${part.id}-title`} className="part-title">
                <span className="part-num">{dict.part(i + 1)}</span> {part.title[locale]}
              </h3>
              <ol className="chapter-grid">
                {part.chapters.map((c) => <ChapterCard key={c.slug} chapter={c} locale={locale} plan={plans.get(c.slug)} />)}
              </ol>
            </section>
          ))}
          <section className="part" aria-labelledby="appendices-title">
            <h3 id="appendices-title" className="part-title">{dict.appendices}</h3>
            <ol className="chapter-grid">
              {APPENDICES.map((c) => <ChapterCard key={c.slug} chapter={c} locale={locale} plan={plans.get(c.slug)} />)}
            </ol>
          </section>
        </section>
      </main>
      <SiteFooter locale={locale} />
    </>
  );
}
