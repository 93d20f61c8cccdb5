import Link from "next/link";
import type { Locale } from "@/content/outline";
import { pageUrl } from "@/lib/content/repo";
import { t } from "@/lib/i18n";
import { SiteHeader } from "@/components/site/SiteHeader";
import { Lab } from "../Lab";
import { labMeta } from "../lab-meta";
import "./labs-index.css";

/** /labs/<id>: the lab on its own, full width, with a way back to its section. */
export function LabFullPage({ locale, id }: { locale: Locale; id: string }) {
  const labels = t(locale).lab;
  const meta = labMeta(id, locale);
  const other = locale === "zh" ? `/en/labs/${id}` : `/labs/${id}`;
  return (
    <>
      <SiteHeader locale={locale} alternateHref={other} />
      <main id="main" className="lab-full-page" tabIndex={-1}>
        <nav className="lab-full-nav" aria-label={labels.labs}>
          <Link href={locale === "zh" ? "/labs" : "/en/labs"}>{labels.indexTitle}</Link>
          {meta && locale === "zh" ? <> · <Link href={`${pageUrl(locale, meta.summary.chapter, meta.summary.section)}#try-it`}>{labels.backToSection}</Link></> : null}
        </nav>
        <Lab id={id} locale={locale} fullScreen />
      </main>
    </>
  );
}
