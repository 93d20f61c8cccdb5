import { describe, expect, it } from "vitest";
import { search, parseQuery } from "./query";
import type { SearchEntry } from "./types";

const entries: SearchEntry[] = [
  { url: "/ch11/circuit-breaker#state", page: "断路器模式", heading: "三种状态", text: "熔断器在连续失败后打开，拒绝后续请求。" },
  { url: "/ch01/overview", page: "微服务架构概述", heading: "", text: "这是一段简单的介绍，提到了 gRPC 与 HTTP/2。" },
  { url: "/en/ch01/overview", page: "Overview", heading: "Idempotency", text: "An idempotent request can be retried safely." },
];

const marked = (hit: { snippet: { text: string; mark: boolean }[] }) => hit.snippet.filter((s) => s.mark).map((s) => s.text);

describe("search", () => {
  it("finds a Chinese word inside a longer compound (熔断 → 熔断器)", () => {
    const hits = search(entries, "熔断");
    expect(hits.map((h) => h.url)).toEqual(["/ch11/circuit-breaker#state"]);
    expect(marked(hits[0]!)).toEqual(["熔断"]);
  });

  it("finds substrings that cross word boundaries (段简 → 一段简单)", () => {
    const hits = search(entries, "段简");
    expect(hits).toHaveLength(1);
    expect(hits[0]!.url).toBe("/ch01/overview");
    expect(marked(hits[0]!)).toEqual(["段简"]);
  });

  it("is case- and width-insensitive for Latin text", () => {
    expect(search(entries, "GRPC")[0]?.url).toBe("/ch01/overview");
    expect(search(entries, "ｇｒｐｃ")[0]?.url).toBe("/ch01/overview");
    expect(marked(search(entries, "IDEMPOTENT")[0]!)).toEqual(["idempotent"]);
  });

  it("requires every term and ranks title matches first", () => {
    expect(search(entries, "idempotent retried")).toHaveLength(1);
    expect(search(entries, "idempotent 熔断")).toHaveLength(0);
    const hits = search([...entries, { url: "/x", page: "熔断", heading: "", text: "熔断" }], "熔断");
    expect(hits[0]!.url).toBe("/x");
  });

  it("ignores empty queries and duplicate terms", () => {
    expect(search(entries, "   ")).toEqual([]);
    expect(parseQuery("a  a b")).toEqual(["a", "b"]);
  });

  it("cuts long text into a snippet around the first match with ellipses", () => {
    const long = `${"前".repeat(200)}目标词${"后".repeat(200)}`;
    const [hit] = search([{ url: "/l", page: "p", heading: "h", text: long }], "目标词");
    const text = hit!.snippet.map((s) => s.text).join("");
    expect(text.startsWith("…")).toBe(true);
    expect(text.endsWith("…")).toBe(true);
    expect(text.length).toBeLessThan(130);
    expect(marked(hit!)).toEqual(["目标词"]);
  });
});
