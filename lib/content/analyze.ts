import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkMdx from "remark-mdx";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import remarkFrontmatter from "remark-frontmatter";
import type { Root, RootContent } from "mdast";
import { toString } from "mdast-util-to-string";
import { VFile } from "vfile";
import { liftExplicitHeadingIds } from "./heading-ids";
import { remarkBook, type BookData } from "./remark-book";

export interface TextChunk {
  /** Heading id the text sits under; "" for the text before the first heading. */
  anchor: string;
  heading: string;
  text: string;
}
export interface Analysis extends BookData { chunks: TextChunk[] }

/** Parses an MDX source without compiling it: headings, links, components and searchable text. */
export function analyzeMdx(source: string, path: string): Analysis {
  const lifted = liftExplicitHeadingIds(source);
  const file = new VFile({ value: lifted.source, path });
  const processor = unified()
    .use(remarkParse)
    .use(remarkFrontmatter)
    .use(remarkMdx)
    .use(remarkGfm)
    .use(remarkMath)
    .use(remarkBook, { idsByLine: lifted.idsByLine });
  const tree = processor.runSync(processor.parse(file), file) as Root;
  const book = (file.data as { book: BookData }).book;
  return { ...book, chunks: chunksOf(tree, book) };
}

const SKIPPED = new Set(["code", "yaml", "math", "mdxjsEsm", "mdxFlowExpression", "html"]);

function textOf(node: RootContent): string {
  if (SKIPPED.has(node.type)) return "";
  if (node.type === "mdxJsxFlowElement") {
    // Diagrams carry their text in props; their captions are searchable, their internals are not.
    const caption = node.attributes.find((a) => a.type === "mdxJsxAttribute" && a.name === "caption");
    const captionText = caption && typeof caption.value === "string" ? caption.value : "";
    return [captionText, ...node.children.map((c) => textOf(c as RootContent))].join(" ");
  }
  return toString(node);
}

export function chunksOf(tree: Root, book: BookData): TextChunk[] {
  const chunks: TextChunk[] = [];
  let current: TextChunk = { anchor: "", heading: "", text: "" };
  let headingIndex = 0;
  for (const node of tree.children) {
    if (node.type === "heading") {
      if (current.text.trim()) chunks.push(current);
      const info = book.headings[headingIndex++];
      current = { anchor: info?.id ?? "", heading: info?.text ?? toString(node), text: "" };
      continue;
    }
    const text = textOf(node).replace(/\s+/g, " ").trim();
    if (text) current.text += (current.text ? " " : "") + text;
  }
  if (current.text.trim()) chunks.push(current);
  return chunks;
}

/** The prose a reader reads (headings and text; no code, math, diagram internals or quiz data). */
export function proseOfAnalysis(analysis: Analysis): string {
  return analysis.chunks.map((c) => `${c.heading} ${c.text}`).join(" ");
}
