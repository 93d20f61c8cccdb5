import type { TocEntry } from "@/lib/content/remark-book";
import { TocSpy } from "./TocSpy";

export function Toc({ entries, label }: { entries: TocEntry[]; label: string }) {
  if (entries.length === 0) return null;
  return (
    <nav className="toc" aria-label={label}>
      <p className="toc-title">{label}</p>
      <ol>
        {entries.map((e) => (
          <li key={e.id} className={`toc-depth-${e.depth}`}>
            <a href={`#${e.id}`} data-testid="toc-link">{e.text}</a>
          </li>
        ))}
      </ol>
      <TocSpy />
    </nav>
  );
}
