import Link from "next/link";
import { APPENDICES, PARTS, type Locale, type OutlineChapter } from "@/content/outline";
import { publishedPages } from "@/lib/content/repo";
import { t } from "@/lib/i18n";
import { NavProgressMarks } from "@/components/progress/NavProgressMarks";
import { ReadingTracker } from "@/components/progress/ReadingTracker";
import { sidebarScript } from "./theme-script";

interface Props { locale: Locale; currentUrl?: string }

/** Parts → chapters → sections. Unpublished chapters are listed but not linked. */
export function BookNav({ locale, currentUrl }: Props) {
  const dict = t(locale);
  const pages = publishedPages(locale); // one scan of content/ per render, not one per chapter
  const published = new Set(pages.map((p) => p.url));
  const current = currentUrl ? pages.find((p) => p.url === currentUrl) : undefined;
  const chapterItem = (chapter: OutlineChapter) => {
    const overview = pages.find((p) => p.chapter.slug === chapter.slug && !p.section);
    // Only the current chapter unfolds its sections, so the list stays short as the book grows.
    const isCurrentChapter = currentUrl === overview?.url || (currentUrl?.startsWith(`${overview?.url}/`) ?? false);
    if (!overview) {
      return (
        <li key={chapter.slug} className="nav-chapter nav-unpublished">
          <span className="nav-label"><span className="nav-num">{chapter.label}</span>{chapter.title[locale]}</span>
          <span className="nav-badge">{dict.notYetAvailable}</span>
        </li>
      );
    }
    return (
      <li key={chapter.slug} className="nav-chapter">
        <Link href={overview.url} aria-current={currentUrl === overview.url ? "page" : undefined}>
          <span className="nav-num">{chapter.label}</span>{chapter.title[locale]}
        </Link>
        {isCurrentChapter ? (
          <ol className="nav-sections">
            {chapter.sections.map((s) => {
              const url = `${overview.url}/${s.slug}`;
              return published.has(url) ? (
                <li key={s.slug}>
                  <Link href={url} aria-current={currentUrl === url ? "page" : undefined} data-progress-section={`${chapter.slug}/${s.slug}`} data-read-label={dict.progress.readMark}>{s.title[locale]}</Link>
                </li>
              ) : (
                <li key={s.slug} className="nav-unpublished"><span>{s.title[locale]}</span></li>
              );
            })}
          </ol>
        ) : null}
      </li>
    );
  };
  return (
    <nav className="book-nav" aria-label={dict.bookNav}>
      <details id="book-nav-details" open>
        <summary>{dict.menu}</summary>
        <ol className="nav-parts">
          {PARTS.map((part, i) => (
            <li key={part.id}>
              <p className="nav-part">{dict.part(i + 1)} · {part.title[locale]}</p>
              <ol className="nav-chapters">{part.chapters.map(chapterItem)}</ol>
            </li>
          ))}
          <li>
            <p className="nav-part">{dict.appendices}</p>
            <ol className="nav-chapters">{APPENDICES.map(chapterItem)}</ol>
          </li>
        </ol>
      </details>
      <script dangerouslySetInnerHTML={{ __html: sidebarScript }} />
      {/* Progress lives in the browser's cookie, so marks and tracking are client-side; the HTML stays static. */}
      <NavProgressMarks currentUrl={currentUrl} />
      {current ? <ReadingTracker locale={locale} chapter={current.chapter.slug} section={current.section?.slug} /> : null}
    </nav>
  );
}
