import { describe, expect, it } from "vitest";
import { headerBytes, measureBytes, utf8Length } from "./sizes";

describe("sizes", () => {
  it("counts UTF-8 bytes like Buffer.byteLength", () => {
    for (const s of ["", "abc", "é", "订单", "🚀 launch", "mixed ascii 和 中文 🎉"]) {
      expect(utf8Length(s)).toBe(Buffer.byteLength(s, "utf8"));
    }
  });
  it("measures bodies as UTF-8 JSON", () => {
    expect(measureBytes({ id: "订单-1", n: 3 })).toBe(Buffer.byteLength(JSON.stringify({ id: "订单-1", n: 3 })));
    expect(measureBytes(undefined)).toBe(0);
    expect(measureBytes("hello")).toBe(5);
  });
  it("sizes a header block", () => {
    expect(headerBytes({ host: "a" })).toBe("host: a\r\n\r\n".length);
  });
});
