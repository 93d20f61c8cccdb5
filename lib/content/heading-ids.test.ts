import { describe, expect, it } from "vitest";
import { analyzeMdx, proseOfAnalysis } from "./analyze";
import { liftExplicitHeadingIds } from "./heading-ids";

describe("heading ids", () => {
  it("lifts {#id} off headings (not inside code fences) without moving lines", () => {
    const src = "## 甲 {#a}\n\n```md\n## 乙 {#b}\n```\n\n### 丙 {#c}";
    const lifted = liftExplicitHeadingIds(src);
    expect(lifted.source.split("\n")).toHaveLength(src.split("\n").length);
    expect([...lifted.idsByLine]).toEqual([[1, "a"], [7, "c"]]);
    expect(lifted.source).toContain("## 乙 {#b}");
  });

  it("gives other headings unique GitHub-style slugs that never collide with pinned ids", () => {
    const analysis = analyzeMdx("## Retry\n\n## Retry\n\n## 超时与重试\n\n## 重复 {#retry}", "x.mdx");
    expect(analysis.headings.map((h) => h.id)).toEqual(["retry-1", "retry-2", "超时与重试", "retry"]);
    expect(analysis.toc.map((t) => t.depth)).toEqual([2, 2, 2, 2]);
  });

  it("splits searchable text by heading", () => {
    const analysis = analyzeMdx("导言。\n\n## 甲 {#a}\n\n正文一。\n\n```ts\nconst hidden = 1;\n```\n\n## 乙\n\n正文二。", "x.mdx");
    expect(analysis.chunks).toEqual([
      { anchor: "", heading: "", text: "导言。" },
      { anchor: "a", heading: "甲", text: "正文一。" },
      { anchor: "乙", heading: "乙", text: "正文二。" },
    ]);
  });
});

describe("prose counting", async () => {
  const { countHan } = await import("./text");
  it("does not mistake inline code with angle brackets for a JSX tag", () => {
    const src = "前文 `map<K, V>` 中文字数应当全部计入。\n\n<Callout>提示</Callout>\n\n<FlowDiagram caption=\"图\" nodes={[]} />\n\n后文。";
    expect(countHan(proseOfAnalysis(analyzeMdx(src, "x.mdx")))).toBe(countHan("前文中文字数应当全部计入提示图后文"));
  });
});
