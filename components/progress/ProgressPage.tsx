import { PARTS, APPENDICES, type Locale } from "@/content/outline";
import { pageUrl, publishedPages } from "@/lib/content/repo";
import { t } from "@/lib/i18n";
import { chapterPlans } from "@/lib/progress/plan";
import { SiteFooter } from "@/components/site/SiteFooter";
import { SiteHeader } from "@/components/site/SiteHeader";
import { ProgressDashboard, type DashboardPart } from "./ProgressDashboard";

/** /progress and /en/progress: the structure is built here at build time, the numbers come from the API. */
export function ProgressPage({ locale }: { locale: Locale }) {
  const dict = t(locale);
  const plans = new Map(chapterPlans(locale).map((p) => [p.slug, p]));
  const groups = [...PARTS.map((p, i) => ({ id: p.id, title: `${dict.part(i + 1)} · ${p.title[locale]}`, chapters: p.chapters })), { id: "appendices", title: dict.appendices, chapters: APPENDICES }];
  const parts: DashboardPart[] = groups
    .map((g) => ({
      id: g.id,
      title: g.title,
      chapters: g.chapters.flatMap((c) => {
        const plan = plans.get(c.slug);
        if (!plan) return [];
        const label = /^\d+$/.test(c.label) ? dict.chapter(c.label) : dict.appendix(c.label);
        const sectionTitles = Object.fromEntries(c.sections.map((s) => [s.slug, { title: s.title[locale], url: pageUrl(locale, c.slug, s.slug) }]));
        return [{ ...plan, label, title: c.title[locale], url: pageUrl(locale, c.slug), sectionTitles }];
      }),
    }))
    .filter((g) => g.chapters.length > 0);
  const pageTitles = Object.fromEntries(publishedPages(locale).map((p) => [`${p.chapter.slug}/${p.section?.slug ?? ""}`, p.section ? p.section.title[locale] : p.chapter.title[locale]]));
  const other = locale === "zh" ? "/en/progress" : "/progress";
  return (
    <>
      <SiteHeader locale={locale} alternateHref={other} />
      <main id="main" className="landing progress-page" tabIndex={-1}>
        <h1>{dict.progress.title}</h1>
        <p className="hero-lead">{dict.progress.lead}</p>
        <noscript><p>{dict.progress.needsJs}</p></noscript>
        <ProgressDashboard locale={locale} parts={parts} pageTitles={pageTitles} />
      </main>
      <SiteFooter locale={locale} />
    </>
  );
}
