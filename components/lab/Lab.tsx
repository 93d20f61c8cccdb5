import type { Locale } from "@/content/outline";
import { t } from "@/lib/i18n";
import { labMeta } from "./lab-meta";
import { LabLoader } from "./LabLoader";
import "./lab-placeholder.css";

export function labHref(locale: Locale, id: string): string {
  return `${locale === "zh" ? "" : `/${locale}`}/labs/${id}`;
}

/**
 * `<Lab id="…" />` in MDX (server side): the lab's title and goals rendered at build time — light HTML,
 * no lab code — and the client loader that brings in the workbench when the reader gets near.
 */
export function Lab({ id, locale, fullScreen = false }: { id: string; locale: Locale; fullScreen?: boolean }) {
  const labels = t(locale).lab;
  const meta = labMeta(id, locale);
  const Title = fullScreen ? "h1" : "h3";
  return (
    <section className={`lab${fullScreen ? " lab-full" : ""}`} data-lab={id} aria-labelledby={`lab-title-${id}`}>
      <header className="lab-header">
        <p className="lab-kicker">{labels.lab} · <code>{id}</code></p>
        <Title className="lab-title" id={`lab-title-${id}`}>{meta?.title ?? id}</Title>
        {meta ? <p className="lab-description">{meta.description}</p> : null}
      </header>
      <LabLoader labId={id} locale={locale} fullScreenHref={fullScreen ? null : labHref(locale, id)} eager={fullScreen} openLabel={labels.openLab}>
        <div className="lab-placeholder">
          {meta ? (
            <>
              <p className="lab-goal-title">{labels.goal}</p>
              <ul>{meta.goals.map((g) => <li key={g}>{g}</li>)}</ul>
            </>
          ) : null}
          <p className="lab-placeholder-note">{labels.placeholder}</p>
          <noscript><p>{labels.needsJs}</p></noscript>
        </div>
      </LabLoader>
    </section>
  );
}
