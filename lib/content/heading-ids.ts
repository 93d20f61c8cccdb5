import GithubSlugger from "github-slugger";

/** `## 标题 {#stable-id}` — MDX would read `{…}` as an expression, so the id is lifted out before parsing. */
const EXPLICIT_ID = /^(#{1,6}[ \t].*?)[ \t]*\{#([a-z0-9][a-z0-9-]*)\}[ \t]*$/;

export interface LiftedIds {
  source: string;
  /** 1-based source line → explicit id. Line numbers survive because only line tails change. */
  idsByLine: Map<number, string>;
}

export function liftExplicitHeadingIds(source: string): LiftedIds {
  const idsByLine = new Map<number, string>();
  let inFence = false;
  const lines = source.split("\n").map((line, index) => {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence) return line;
    const match = EXPLICIT_ID.exec(line);
    if (!match) return line;
    idsByLine.set(index + 1, match[2]!);
    return match[1]!;
  });
  return { source: lines.join("\n"), idsByLine };
}

/** Assigns heading ids in document order: explicit ids win, the rest are GitHub-style slugs, unique per page. */
export function createHeadingIdAllocator(idsByLine: Map<number, string>) {
  const slugger = new GithubSlugger();
  const explicit = new Set(idsByLine.values());
  for (const id of explicit) slugger.slug(id); // reserve, so a generated slug never collides with a pinned one
  return (text: string, line: number | undefined): string => {
    const pinned = line === undefined ? undefined : idsByLine.get(line);
    return pinned ?? slugger.slug(text.trim() || "section");
  };
}
