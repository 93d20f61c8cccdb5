import Link from "next/link";
import { ALL_CHAPTERS, type Locale } from "@/content/outline";
import { pageUrl } from "@/lib/content/repo";
import { t } from "@/lib/i18n";
import { SiteFooter } from "@/components/site/SiteFooter";
import { SiteHeader } from "@/components/site/SiteHeader";
import { labHref } from "../Lab";
import { labMeta } from "../lab-meta";
import { LabStatus } from "./LabStatus";
import "./labs-index.css";

/** /labs and /en/labs: every lab of the outline by chapter, with the reader's completion state. */
export function LabsIndex({ locale }: { locale: Locale }) {
  const dict = t(locale);
  const labels = dict.lab;
  const chapters = ALL_CHAPTERS.filter((c) => c.labs.length > 0);
  const statusLabels = { done: labels.labDone, started: labels.labStarted, notStarted: labels.labNotStarted, unavailable: labels.progressUnavailable };
  return (
    <>
      <SiteHeader locale={locale} alternateHref={locale === "zh" ? "/en/labs" : "/labs"} />
      <main id="main" className="landing labs-index" tabIndex={-1}>
        <h1>{labels.indexTitle}</h1>
        <p className="hero-lead">{labels.indexLead}</p>
        {chapters.map((c) => {
          const chapterLabel = /^\d+$/.test(c.label) ? dict.chapter(c.label) : dict.appendix(c.label);
          return (
            <section key={c.slug} className="labs-chapter" data-chapter={c.slug}>
              <h2>{chapterLabel} · {c.title[locale]}</h2>
              <ul>
                {c.labs.map((id) => {
                  const meta = labMeta(id, locale);
                  const section = meta ? c.sections.find((s) => s.slug === meta.summary.section) : undefined;
                  return (
                    <li key={id} className="labs-item" data-lab={id}>
                      {meta ? <Link href={labHref(locale, id)} className="labs-item-title">{meta.title}</Link> : <span className="labs-item-title">{id}</span>}
                      <code>{id}</code>
                      {meta ? <LabStatus labId={id} labels={statusLabels} /> : <span className="lab-index-status">{labels.comingSoon}</span>}
                      {meta ? <p>{meta.description}</p> : null}
                      {section ? <p className="labs-item-section">{labels.inSection}<Link href={`${pageUrl(locale, c.slug, section.slug)}#try-it`}>{section.title[locale]}</Link></p> : null}
                    </li>
                  );
                })}
              </ul>
            </section>
          );
        })}
      </main>
      <SiteFooter locale={locale} />
    </>
  );
}
