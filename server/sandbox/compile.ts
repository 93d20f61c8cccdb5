/**
 * Learner TypeScript → one ESM bundle for QuickJS. esbuild does the work in its own process (async, so
 * the event loop stays free); a plugin serves the learner's files from memory, so nothing on the host's
 * disk can ever be read, and it refuses every import that is not a relative learner file or one of the
 * host-provided module ids (e.g. "lab"), which stay external and are supplied by the VM's module loader.
 * esbuild strips types but does not type-check: type errors are the editor's job, not a run failure.
 */
import { build, type BuildOptions, type Message, type Plugin } from "esbuild";
import { posix } from "node:path";
import { z } from "zod";
import type { GuestError } from "./types";

const fileNameSchema = z.string().min(1).max(200)
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]*(\/[A-Za-z0-9_][A-Za-z0-9_.-]*)*\.(ts|js|mts|mjs|json)$/,
    "must be a relative path like orders.ts or lib/util.ts");

export const compileInputSchema = z.object({
  files: z.record(fileNameSchema, z.string().max(256 << 10)).refine((files) => Object.keys(files).length > 0, "no files")
    .refine((files) => Object.keys(files).length <= 50, "at most 50 files")
    .refine((files) => Object.values(files).reduce((n, s) => n + s.length, 0) <= 512 << 10, "sources over 512 KiB"),
  /** One entry file, or several: then the bundle exports `files`, mapping each name to its namespace. */
  entries: z.array(fileNameSchema).min(1).optional(),
  /** Bare module ids the learner may import; everything else is a compile error. */
  allowedModules: z.array(z.string().min(1).max(100)).default(["lab"]),
});
export type CompileInput = z.input<typeof compileInputSchema>;

/** Serializable, so it can be built on the main thread and handed to a worker. */
export interface CompiledGuest {
  code: string;
  /** Source map v3 JSON; `sources` are the learner's file names. */
  sourceMap: string;
  /** Name QuickJS reports in stack frames for `code`. */
  fileName: string;
  allowedModules: string[];
}

export type CompileResult = { ok: true; compiled: CompiledGuest } | { ok: false; error: GuestError };

export const GUEST_BUNDLE_NAME = "guest-bundle.js";
const VIRTUAL_ENTRY = "<entry>";
const NAMESPACE = "learner";

export async function compileGuest(input: CompileInput): Promise<CompileResult> {
  const parsed = compileInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: { kind: "compile", message: `${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid input"}` } };
  }
  const { files, allowedModules } = parsed.data;
  const entries = parsed.data.entries ?? [defaultEntry(files)];
  const missing = entries.find((e) => !(e in files));
  if (missing) return { ok: false, error: { kind: "compile", message: `entry file ${missing} does not exist` } };
  const entryFile = entries.length === 1 ? entries[0]! : VIRTUAL_ENTRY;
  const options = {
    entryPoints: [entryFile],
    bundle: true,
    write: false,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    outfile: GUEST_BUNDLE_NAME,
    logLevel: "silent",
    plugins: [learnerFilesPlugin(files, entries, allowedModules)],
  } satisfies BuildOptions;
  try {
    // TypeScript drops imports whose bindings are unused, so `import fs from "fs"` alone would pass
    // unnoticed; a second pass with verbatimModuleSyntax keeps every written import and so checks them all.
    const [result] = await Promise.all([
      build({ ...options, sourcemap: "external", sourcesContent: false }),
      build({ ...options, tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true } } }),
    ]);
    const code = result.outputFiles.find((f) => f.path.endsWith(".js"))?.text ?? "";
    const map = result.outputFiles.find((f) => f.path.endsWith(".map"))?.text ?? "{}";
    return { ok: true, compiled: { code, sourceMap: cleanSources(map), fileName: GUEST_BUNDLE_NAME, allowedModules } };
  } catch (err) {
    const errors = (err as { errors?: Message[] }).errors;
    if (!errors?.length) throw err;
    return { ok: false, error: toCompileError(errors) };
  }
}

function defaultEntry(files: Record<string, string>): string {
  const names = Object.keys(files);
  return names.find((n) => /^(index|main)\.(ts|js)$/.test(n)) ?? names[0]!;
}

function learnerFilesPlugin(files: Record<string, string>, entries: string[], allowed: string[]): Plugin {
  return {
    name: "learner-files",
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === "entry-point") return { path: args.path, namespace: NAMESPACE };
        if (allowed.includes(args.path)) return { path: args.path, external: true };
        if (args.path.startsWith("./") || args.path.startsWith("../")) {
          const base = args.importer === VIRTUAL_ENTRY ? "." : posix.dirname(args.importer);
          const found = resolveRelative(files, posix.normalize(posix.join(base, args.path)));
          if (found) return { path: found, namespace: NAMESPACE };
          return { errors: [{ text: `Cannot find file "${args.path}" among the lab's files (${Object.keys(files).join(", ")})` }] };
        }
        const ids = allowed.map((id) => `"${id}"`).join(", ");
        return { errors: [{ text: `Import "${args.path}" is not allowed: only relative files and ${ids || "no modules"} can be imported` }] };
      });
      b.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => {
        if (args.path === VIRTUAL_ENTRY) {
          const lines = entries.map((e, i) => `import * as m${i} from ${JSON.stringify(`./${e}`)};`);
          lines.push(`export const files = { ${entries.map((e, i) => `${JSON.stringify(e)}: m${i}`).join(", ")} };`);
          return { contents: lines.join("\n"), loader: "js" };
        }
        const ext = posix.extname(args.path);
        const loader = ext === ".json" ? "json" : ext === ".js" || ext === ".mjs" ? "js" : "ts";
        return { contents: files[args.path] ?? "", loader };
      });
    },
  };
}

/** TypeScript-style resolution inside the in-memory file set: exact, `.js`→`.ts`, added extension, index. */
function resolveRelative(files: Record<string, string>, path: string): string | null {
  const stem = path.replace(/\.(m?js)$/, "");
  const candidates = [path, `${stem}.ts`, `${stem}.mts`, `${path}.ts`, `${path}.js`, `${path}/index.ts`, `${path}/index.js`];
  return candidates.find((c) => Object.hasOwn(files, c)) ?? null;
}

function cleanSources(mapJson: string): string {
  const map = JSON.parse(mapJson) as { sources?: string[] };
  map.sources = (map.sources ?? []).map((s) => s.replace(new RegExp(`^${NAMESPACE}:`), ""));
  return JSON.stringify(map);
}

function toCompileError(errors: Message[]): GuestError {
  const first = errors[0]!;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length > 2 ? "s" : ""})` : "";
  const loc = first.location;
  const file = loc?.file.replace(new RegExp(`^${NAMESPACE}:`), "");
  if (!loc || !file || file === VIRTUAL_ENTRY) return { kind: "compile", message: first.text + more };
  return { kind: "compile", message: first.text + more, file, line: loc.line, column: loc.column + 1 };
}
