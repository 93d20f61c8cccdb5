import type { SearchEntry } from "./types";

export interface Highlighted { text: string; mark: boolean }
export interface SearchHit {
  url: string;
  page: string;
  heading: string;
  snippet: Highlighted[];
  score: number;
}

/**
 * Chinese has no spaces between words, so matching is by substring, not by token: "熔断" finds "熔断器" and
 * "段简" finds "一段简单". Case and width are folded (NFKC + lower case) so "GRPC" finds "gRPC" and
 * full-width "ＨＴＴＰ" finds "HTTP". Whitespace separates terms; every term must occur (AND).
 */
export function normalize(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

export function parseQuery(query: string): string[] {
  return [...new Set(normalize(query).split(/\s+/).filter(Boolean))].slice(0, 8);
}

function findAll(haystack: string, needle: string): number[] {
  const out: number[] = [];
  for (let i = haystack.indexOf(needle); i !== -1 && out.length < 50; i = haystack.indexOf(needle, i + needle.length)) out.push(i);
  return out;
}

/** Splits `text` into marked and unmarked runs for the given term positions (in normalized text). */
function highlight(text: string, normalized: string, terms: string[], from: number, to: number): Highlighted[] {
  const marks = new Array<boolean>(to - from).fill(false);
  for (const term of terms) {
    for (const at of findAll(normalized.slice(from, to), term)) marks.fill(true, at, at + term.length);
  }
  const out: Highlighted[] = [];
  for (let i = 0; i < marks.length; i++) {
    const char = text[from + i] ?? "";
    const last = out[out.length - 1];
    if (last && last.mark === marks[i]) last.text += char;
    else out.push({ text: char, mark: marks[i]! });
  }
  return out;
}

const SNIPPET_BEFORE = 24;
const SNIPPET_LENGTH = 110;

/**
 * NFKC can change string length (e.g. "ﬁ" → "fi"), which would misalign highlights, so entries are
 * compared on a per-character fold that keeps one output character per input character.
 */
export function foldSameLength(text: string): string {
  let out = "";
  for (const char of text) {
    const folded = normalize(char);
    out += folded.length === char.length ? folded : char.toLowerCase();
  }
  return out;
}

export function search(entries: SearchEntry[], query: string, limit = 20): SearchHit[] {
  const terms = parseQuery(query).map(foldSameLength);
  if (terms.length === 0) return [];
  const hits: SearchHit[] = [];
  for (const entry of entries) {
    const heading = foldSameLength(entry.heading);
    const page = foldSameLength(entry.page);
    const body = foldSameLength(entry.text);
    let score = 0;
    let firstAt = -1;
    let allFound = true;
    for (const term of terms) {
      const inTitle = page.includes(term) ? 8 : 0;
      const inHeading = heading.includes(term) ? 5 : 0;
      const positions = findAll(body, term);
      if (!inTitle && !inHeading && positions.length === 0) { allFound = false; break; }
      score += inTitle + inHeading + Math.min(positions.length, 10);
      if (positions.length && (firstAt === -1 || positions[0]! < firstAt)) firstAt = positions[0]!;
    }
    if (!allFound) continue;
    const from = Math.max(0, (firstAt === -1 ? 0 : firstAt) - SNIPPET_BEFORE);
    const to = Math.min(entry.text.length, from + SNIPPET_LENGTH);
    const snippet = highlight(entry.text, body, terms, from, to);
    if (from > 0) snippet.unshift({ text: "…", mark: false });
    if (to < entry.text.length) snippet.push({ text: "…", mark: false });
    hits.push({ url: entry.url, page: entry.page, heading: entry.heading, snippet, score });
  }
  return hits.sort((a, b) => b.score - a.score).slice(0, limit);
}
