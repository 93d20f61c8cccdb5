"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { search, type SearchHit } from "@/lib/search/query";
import type { SearchEntry } from "@/lib/search/types";

// zod stays on the server (it would double this page's JS); the index is our own build output, checked by shape.
function readEntries(json: unknown): SearchEntry[] {
  const entries = (json as { entries?: unknown }).entries;
  if (!Array.isArray(entries)) throw new Error("search index: entries missing");
  return entries.filter((e): e is SearchEntry => typeof e?.url === "string" && typeof e?.text === "string");
}

interface Labels {
  search: string;
  placeholder: string;
  hint: string;
  noResults: string;
  loading: string;
  close: string;
  results: string; // "{n}" is replaced
}
interface Props { locale: "zh" | "en"; labels: Labels }

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));
}

/** Book search: opened with the button, "/" or Ctrl/Cmd+K; the index is fetched on first open. */
export function SearchDialog({ locale, labels }: Props) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const [entries, setEntries] = useState<SearchEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);

  const open = useCallback(() => {
    const dialog = dialogRef.current;
    if (!dialog || dialog.open) return;
    dialog.showModal();
    inputRef.current?.select();
    if (entries === null) {
      fetch(`/search/${locale}.json`)
        .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`HTTP ${r.status}`))))
        .then((json) => setEntries(readEntries(json)))
        .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    }
  }, [entries, locale]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const mod = event.metaKey || event.ctrlKey;
      if ((mod && event.key.toLowerCase() === "k") || (event.key === "/" && !mod && !isTyping(event.target))) {
        event.preventDefault();
        open();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open]);

  const hits: SearchHit[] = entries && query.trim() ? search(entries, query) : [];
  const go = (hit: SearchHit | undefined) => {
    if (!hit) return;
    dialogRef.current?.close();
    window.location.assign(hit.url);
  };

  return (
    <>
      <button type="button" className="search-button" onClick={open} aria-label={labels.search} aria-keyshortcuts="/ Control+K Meta+K" data-testid="search-open">
        <span aria-hidden="true" className="search-icon">⌕</span>
        <span className="search-button-label">{labels.search}</span>
        <kbd aria-hidden="true">/</kbd>
      </button>
      <dialog ref={dialogRef} className="search-dialog" aria-label={labels.search} onClose={() => setActive(0)}>
        <div className="search-box">
          <input
            ref={inputRef}
            type="search"
            value={query}
            placeholder={labels.placeholder}
            aria-label={labels.search}
            aria-controls="search-results"
            aria-activedescendant={hits[active] ? `search-hit-${active}` : undefined}
            data-testid="search-input"
            onChange={(e) => { setQuery(e.target.value); setActive(0); }}
            onKeyDown={(e) => {
              if (e.key === "ArrowDown") { e.preventDefault(); setActive((a) => Math.min(a + 1, hits.length - 1)); }
              if (e.key === "ArrowUp") { e.preventDefault(); setActive((a) => Math.max(a - 1, 0)); }
              if (e.key === "Enter") { e.preventDefault(); go(hits[active]); }
            }}
          />
          <button type="button" className="icon-button" onClick={() => dialogRef.current?.close()} aria-label={labels.close}>✕</button>
        </div>
        <p className="search-status" role="status">
          {error ? error : entries === null ? labels.loading : query.trim() ? (hits.length ? labels.results.replace("{n}", String(hits.length)) : labels.noResults) : labels.hint}
        </p>
        <ul id="search-results" className="search-results" role="listbox" aria-label={labels.search}>
          {hits.map((hit, i) => (
            <li key={`${hit.url}-${i}`} id={`search-hit-${i}`} role="option" aria-selected={i === active}>
              <a href={hit.url} data-testid="search-result" onClick={(e) => { e.preventDefault(); go(hit); }} onMouseEnter={() => setActive(i)}>
                <span className="search-hit-title">{hit.page}{hit.heading ? ` › ${hit.heading}` : ""}</span>
                <span className="search-hit-snippet">
                  {hit.snippet.map((part, j) => (part.mark ? <mark key={j}>{part.text}</mark> : <span key={j}>{part.text}</span>))}
                </span>
              </a>
            </li>
          ))}
        </ul>
      </dialog>
    </>
  );
}
