import type { Code, Root, Heading, Link } from "mdast";
import type { MdxJsxFlowElement, MdxJsxTextElement } from "mdast-util-mdx-jsx";
import { toString } from "mdast-util-to-string";
import { visit } from "unist-util-visit";
import type { VFile } from "vfile";
import { createHeadingIdAllocator } from "./heading-ids";

export interface TocEntry { id: string; text: string; depth: 2 | 3 }
export interface HeadingInfo { id: string; text: string; depth: number; line?: number }
export interface LinkInfo { url: string; line?: number }
export interface ComponentUse {
  name: string;
  line?: number;
  /** Literal attributes and the source text of expression attributes. */
  attributes: Record<string, { literal?: string | null; expression?: string }>;
}
export interface BookData {
  headings: HeadingInfo[];
  toc: TocEntry[];
  links: LinkInfo[];
  components: ComponentUse[];
  codeBlocks: { lang: string | null; line?: number }[];
}

export const NUMBERED_COMPONENTS = new Set(["Figure", "SequenceDiagram", "FlowDiagram"]);

type JsxElement = MdxJsxFlowElement | MdxJsxTextElement;

function readAttributes(node: JsxElement): ComponentUse["attributes"] {
  const out: ComponentUse["attributes"] = {};
  for (const attr of node.attributes) {
    if (attr.type !== "mdxJsxAttribute") continue;
    if (attr.value === null || attr.value === undefined || typeof attr.value === "string") out[attr.name] = { literal: attr.value ?? null };
    else out[attr.name] = { expression: attr.value.value };
  }
  return out;
}

/**
 * Gives headings their ids, numbers figures in document order, and records what the content check needs
 * (headings, links, components) on `file.data.book`. One plugin so the checker and the renderer agree.
 */
export function remarkBook(options: { idsByLine: Map<number, string> }) {
  return (tree: Root, file: VFile) => {
    const allocate = createHeadingIdAllocator(options.idsByLine);
    const data: BookData = { headings: [], toc: [], links: [], components: [], codeBlocks: [] };
    let figureNumber = 0;

    visit(tree, (node) => {
      if (node.type === "heading") {
        const heading = node as Heading;
        const text = toString(heading);
        const line = heading.position?.start.line;
        const id = allocate(text, line);
        // hProperties is read by mdast-util-to-hast; the mdast types don't declare it.
        const hData = (heading.data ?? {}) as { hProperties?: Record<string, unknown> };
        heading.data = { ...hData, hProperties: { ...hData.hProperties, id } } as Heading["data"];
        data.headings.push({ id, text, depth: heading.depth, line });
        if (heading.depth === 2 || heading.depth === 3) data.toc.push({ id, text, depth: heading.depth });
      } else if (node.type === "code") {
        data.codeBlocks.push({ lang: (node as Code).lang ?? null, line: node.position?.start.line });
      } else if (node.type === "link") {
        const link = node as Link;
        data.links.push({ url: link.url, line: link.position?.start.line });
      } else if (node.type === "mdxJsxFlowElement" || node.type === "mdxJsxTextElement") {
        const element = node as JsxElement;
        if (!element.name) return;
        const attributes = readAttributes(element);
        if (NUMBERED_COMPONENTS.has(element.name)) {
          figureNumber += 1;
          element.attributes.push({ type: "mdxJsxAttribute", name: "number", value: String(figureNumber) });
        }
        const href = attributes.href?.literal;
        if (typeof href === "string") data.links.push({ url: href, line: element.position?.start.line });
        data.components.push({ name: element.name, line: element.position?.start.line, attributes });
      }
    });
    (file.data as { book?: BookData }).book = data;
  };
}
