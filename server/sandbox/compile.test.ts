import { describe, expect, it } from "vitest";
import { compileGuest } from "./compile";

describe("compileGuest", () => {
  it("bundles several learner files with relative imports and keeps the SDK import external", async () => {
    const r = await compileGuest({
      files: {
        "orders.ts": `import { log } from "lab";\nimport { total } from "./lib/math.js";\nexport const handler = (xs: number[]): number => { log("t"); return total(xs); };`,
        "lib/math.ts": `import type { Json } from "lab";\nexport const total = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);`,
      },
      entries: ["orders.ts"],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.compiled.code).toContain(`from "lab"`);
    expect(r.compiled.code).not.toContain("Json");
    expect(JSON.parse(r.compiled.sourceMap).sources).toEqual(["orders.ts", "lib/math.ts"]);
  });

  it("exports every entry's namespace under `files` when there are several entries", async () => {
    const r = await compileGuest({ files: { "a.ts": "export const a = 1;", "b.ts": "export const b = 2;" }, entries: ["a.ts", "b.ts"] });
    expect(r.ok && r.compiled.code).toContain(`var files = { "a.ts": a_exports, "b.ts": b_exports }`);
  });

  it("reports syntax errors at the learner's file, line and 1-based column", async () => {
    const r = await compileGuest({ files: { "main.ts": `import { f } from "./util";\nexport const x = f();`, "util.ts": `export function f() {\n  return 1 +;\n}\n` } });
    expect(r).toEqual({ ok: false, error: { kind: "compile", message: expect.stringContaining(`Unexpected ";"`), file: "util.ts", line: 2, column: 13 } });
  });

  it.each([
    [`import fs from "fs";\nexport const x = 1;`, `"fs"`, 1, 16],
    [`export const x = 1;\nimport { exec } from "node:child_process";`, `"node:child_process"`, 2, 22],
    [`export const load = () => import("http");`, `"http"`, 1, 34],
    [`export * from "os";`, `"os"`, 1, 15],
    [`const r = require("fs");`, `"fs"`, 1, 19],
    [`import x from "lab/internal";`, `"lab/internal"`, 1, 15],
  ])("refuses a non-allowed import: %s", async (source, id, line, column) => {
    const r = await compileGuest({ files: { "main.ts": source } });
    expect(r).toEqual({ ok: false, error: { kind: "compile", message: expect.stringContaining(`Import ${id} is not allowed`), file: "main.ts", line, column } });
  });

  it("refuses a missing relative file and names the lab's files", async () => {
    const r = await compileGuest({ files: { "main.ts": `import { y } from "./nope";\nexport const x = y;` } });
    expect(r).toMatchObject({ ok: false, error: { kind: "compile", message: expect.stringContaining("main.ts"), file: "main.ts", line: 1 } });
  });

  it("makes the allowed module ids a parameter", async () => {
    const ok = await compileGuest({ files: { "main.ts": `import { a } from "sdk";\nexport const x = a;` }, allowedModules: ["sdk"] });
    const refused = await compileGuest({ files: { "main.ts": `import { a } from "lab";\nexport const x = a;` }, allowedModules: ["sdk"] });
    expect(ok.ok).toBe(true);
    expect(refused).toMatchObject({ ok: false, error: { message: expect.stringContaining(`only relative files and "sdk"`) } });
  });

  it.each(["../escape.ts", "/etc/passwd.ts", "a/../../b.ts", "main.exe"])("rejects the file name %s", async (name) => {
    const r = await compileGuest({ files: { [name]: "export const x = 1;" } });
    expect(r).toMatchObject({ ok: false, error: { kind: "compile" } });
  });
});
