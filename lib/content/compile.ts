import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { bundleMDX } from "mdx-bundler";
import rehypeShiki from "@shikijs/rehype";
import rehypeKatex from "rehype-katex";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import type { ShikiTransformer } from "shiki";
import { liftExplicitHeadingIds } from "./heading-ids";
import { remarkBook, type BookData, type TocEntry } from "./remark-book";
import type { Root } from "mdast";
import { chunksOf, proseOfAnalysis } from "./analyze";
import { readingMinutes } from "./text";

import { CODE_LANGUAGES } from "./compile-languages";
export { CODE_LANGUAGES };

/** Bump when the pipeline's output changes shape, so stale cache entries are ignored. */
const PIPELINE_VERSION = "book-mdx-6";
const CACHE_DIR = path.join(process.cwd(), ".cache", "mdx");

export interface CompiledPage {
  code: string;
  frontmatter: Record<string, unknown>;
  toc: TocEntry[];
  readingMinutes: number;
}

function parseMeta(meta: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const match of meta.matchAll(/(\w+)="([^"]*)"/g)) out[match[1]!] = match[2]!;
  return out;
}

/** Puts the fence's title and language on <pre> so the `pre` component can render a header. */
const titleTransformer: ShikiTransformer = {
  name: "book:title",
  pre(node) {
    const meta = this.options.meta as Record<string, unknown> | undefined;
    if (typeof meta?.title === "string") node.properties["data-title"] = meta.title;
    node.properties["data-language"] = this.options.lang;
  },
};

async function compileUncached(source: string, file: string): Promise<CompiledPage> {
  const lifted = liftExplicitHeadingIds(source);
  let book: BookData | undefined;
  let prose = "";
  // Reading time comes from the tree this compile already parsed, rather than from a second parse.
  const captureBook = () => (tree: Root, vfile: { data: { book?: BookData } }) => {
    book = vfile.data.book;
    if (book) prose = proseOfAnalysis({ ...book, chunks: chunksOf(tree, book) });
  };
  const result = await bundleMDX({
    source: lifted.source,
    cwd: path.dirname(file),
    mdxOptions(options) {
      options.remarkPlugins = [...(options.remarkPlugins ?? []), remarkGfm, remarkMath, [remarkBook, { idsByLine: lifted.idsByLine }], captureBook];
      options.rehypePlugins = [
        ...(options.rehypePlugins ?? []),
        [rehypeKatex, { throwOnError: true, strict: "ignore" }],
        [rehypeShiki, {
          // The "-default" GitHub themes keep every token at WCAG AA contrast on their own backgrounds.
          themes: { light: "github-light-default", dark: "github-dark-default" },
          defaultColor: "light",
          langs: [...CODE_LANGUAGES],
          parseMetaString: parseMeta,
          transformers: [titleTransformer],
        }],
      ];
      return options;
    },
  });
  return {
    code: result.code,
    frontmatter: result.frontmatter as Record<string, unknown>,
    toc: book?.toc ?? [],
    readingMinutes: readingMinutes(prose),
  };
}

/** Compiles an MDX file, cached on disk by the hash of its source and the pipeline version. */
export async function compileMdxFile(file: string): Promise<CompiledPage> {
  const source = readFileSync(file, "utf8");
  const hash = createHash("sha256").update(PIPELINE_VERSION).update("\0").update(source).digest("hex").slice(0, 32);
  const cached = path.join(CACHE_DIR, `${hash}.json`);
  if (existsSync(cached)) return JSON.parse(readFileSync(cached, "utf8")) as CompiledPage;
  try {
    const page = await compileUncached(source, file);
    mkdirSync(CACHE_DIR, { recursive: true });
    writeFileSync(cached, JSON.stringify(page));
    return page;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${path.relative(process.cwd(), file)}: MDX compile failed: ${message}`, { cause: error });
  }
}
