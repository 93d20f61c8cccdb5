import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkContent, formatProblem } from "./check";

const prose = "这是一段用来凑够字数的正文，讲的是服务之间如何通信。".repeat(110); // > 2,500 Han characters

function fixture(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "content-"));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const page = (front: string, body = "") => `---\n${front}\n---\n\n${prose}\n\n${body}\n`;
const good = { "zh/ch01-introduction/index.mdx": page("title: 简介\ndescription: 本章回答服务之间如何通信。", "## 第一节 {#first}\n\n见 [关键要素](/ch01-introduction/key-elements#layers)。") };
const keyElements = page("title: 关键要素\ndescription: 一次调用由哪些部分组成。", "## 分层 {#layers}\n\n文字");
const messages = (files: Record<string, string>) => checkContent(fixture(files)).map(formatProblem);

describe("content check", () => {
  it("accepts a well-formed chapter with valid links and anchors", () => {
    expect(messages({ ...good, "zh/ch01-introduction/key-elements.mdx": keyElements })).toEqual([]);
  });

  it("names the file and the field of bad frontmatter", () => {
    const out = messages({ ...good, "zh/ch01-introduction/key-elements.mdx": page("title: 关键要素\ndescription: 短\nauthor: x") });
    expect(out.join("\n")).toMatch(/key-elements\.mdx:1: frontmatter: .*description: .*/);
    expect(out.join("\n")).toMatch(/key-elements\.mdx:1: frontmatter: .*(author|Unrecognized key)/);
  });

  it("accepts an updated date written with or without quotes", () => {
    const front = (d: string) => `title: 关键要素\ndescription: 一次调用由哪些部分组成。\nupdated: ${d}`;
    expect(messages({ ...good, "zh/ch01-introduction/key-elements.mdx": page(front("2026-11-21"), "## 分层 {#layers}") })).toEqual([]);
    expect(messages({ ...good, "zh/ch01-introduction/key-elements.mdx": page(front('"2026-11-21"'), "## 分层 {#layers}") })).toEqual([]);
    expect(messages({ ...good, "zh/ch01-introduction/key-elements.mdx": page(front("yesterday"), "## 分层 {#layers}") }).join()).toContain("updated");
  });

  it("rejects slugs the outline does not know", () => {
    const out = messages({ ...good, "zh/ch01-introduction/typo.mdx": keyElements, "zh/ch99-nope/index.mdx": keyElements });
    expect(out).toContain('content/zh/ch01-introduction/typo.mdx: section slug "typo" is not a section of ch01-introduction in content/outline.ts');
    expect(out).toContain('content/zh/ch99-nope: chapter slug "ch99-nope" is not in content/outline.ts');
  });

  it("finds broken links and anchors but allows forward references to planned pages", () => {
    const out = messages({
      ...good,
      "zh/ch01-introduction/key-elements.mdx": page("title: 关键要素\ndescription: 一次调用由哪些部分组成。",
        "## 分层 {#layers}\n\n[a](/ch01-introduction#nope) [b](/ch09-nothing) [c](/ch11-fault-tolerance/circuit-breaker#x) [d](#layers) [e](#missing)"),
    });
    expect(out).toEqual([
      expect.stringMatching(/key-elements\.mdx:\d+: broken link \/ch01-introduction#nope: .*index\.mdx has no heading #nope/),
      expect.stringMatching(/broken link \/ch09-nothing: no page/),
      expect.stringMatching(/broken link #missing: .*no heading #missing/),
    ]);
  });

  it("reports duplicate heading ids, unknown components, bad diagram props and unknown code languages", () => {
    const body = [
      "## 甲 {#same}", "## 乙 {#same}",
      "<Diagramm />",
      '<SequenceDiagram caption="c" participants={["A"]} steps={[{ from: "A", to: "B", label: "x" }]} />',
      '<FlowDiagram caption="c" nodes={[{ id: "a", label: "A" }]} edges={[{ from: "a", to: "z" }]} />',
      "```cobol\nDISPLAY 'HI'.\n```",
    ].join("\n\n");
    const out = messages({ ...good, "zh/ch01-introduction/key-elements.mdx": page("title: 关键要素\ndescription: 一次调用由哪些部分组成。", body) }).join("\n");
    expect(out).toContain('duplicate heading id "same"');
    expect(out).toContain("unknown component <Diagramm>");
    expect(out).toMatch(/<SequenceDiagram>: steps\.0\.to: "B" is not one of participants/);
    expect(out).toMatch(/<FlowDiagram>: edges\.0\.to: unknown node "z"/);
    expect(out).toContain('code fence language "cobol"');
  });

  it("requires 2,500 Chinese characters on a published zh page", () => {
    const out = messages({ ...good, "zh/ch01-introduction/key-elements.mdx": "---\ntitle: 关键要素\ndescription: 一次调用由哪些部分组成。\n---\n\n太短了。\n" });
    expect(out.join()).toMatch(/only 3 Chinese characters/);
  });

  it("reports MDX that does not parse with its file", () => {
    const out = messages({ ...good, "zh/ch01-introduction/key-elements.mdx": page("title: 关键要素\ndescription: 一次调用由哪些部分组成。", "a { b") });
    expect(out.join()).toMatch(/key-elements\.mdx.*MDX does not parse/);
  });
});

describe("quiz checks", () => {
  const quiz = (id: string, questions: string) => `<Quiz id="${id}" questions={[${questions}]} />`;
  const single = '{ id: "q1", kind: "single", prompt: "p", options: [{ id: "a", text: "A", correct: true, explain: "e" }, { id: "b", text: "B", explain: "e" }] }';
  const withQuiz = (body: string) => ({ ...good, "zh/ch01-introduction/key-elements.mdx": page("title: 关键要素\ndescription: 一次调用由哪些部分组成。", `## 分层 {#layers}\n\n${body}`) });

  it("accepts a valid quiz", () => {
    expect(messages(withQuiz(quiz("ch01-quiz", single)))).toEqual([]);
  });

  it("rejects duplicate quiz ids across pages and duplicate question ids", () => {
    const files = withQuiz(`${quiz("ch01-quiz", single)}\n\n${quiz("ch01-other", `${single}, ${single}`)}`);
    files["zh/ch01-introduction/index.mdx"] += `\n\n${quiz("ch01-quiz", single)}\n`;
    const out = messages(files).join("\n");
    expect(out).toContain('duplicate question id "q1"');
    expect(out).toContain('duplicate quiz id "ch01-quiz"');
  });

  it("names the field of a malformed question", () => {
    const out = messages(withQuiz(quiz("ch01-quiz", '{ id: "q1", kind: "single", prompt: "p", options: [{ id: "a", text: "A", explain: "e" }, { id: "b", text: "B", explain: "e" }] }'))).join();
    expect(out).toMatch(/<Quiz>: questions\.0\.options: a single-choice question has exactly one correct option/);
  });

  it("checks <Lab> ids against the labs folder once it exists", () => {
    const body = '## 动手试试 {#try-it}\n\n<Lab id="01-call-chain" />\n\n<Lab id="99-nope" />\n\n<Lab id={"x"} />';
    const files = { ...good, "zh/ch01-introduction/key-elements.mdx": page("title: 关键要素\ndescription: 一次调用由哪些部分组成。", `## 分层 {#layers}\n\n${body}`) };
    const dir = fixture(files);
    const labs = fixture({ "01-call-chain/lab.ts": "" });
    const out = checkContent(dir, labs).map(formatProblem).join("\n");
    expect(out).toContain('<Lab id="99-nope">: no lab folder labs/99-nope/');
    expect(out).toContain("<Lab>: id must be a literal");
    expect(out).not.toContain("labs/01-call-chain");
    expect(checkContent(dir, path.join(labs, "missing")).map(formatProblem).join("\n")).not.toContain("99-nope");
  });
});
