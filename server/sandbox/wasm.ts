/**
 * One fresh QuickJS WebAssembly instance per session. Compiling the .wasm is the slow part and the
 * compiled `WebAssembly.Module` is immutable, so it is compiled once per thread and shared; every session
 * instantiates it anew with its own linear memory. That memory is created here with a `maximum`, which
 * is the one hard wall no guest trick can get past: past it malloc returns NULL and QuickJS throws
 * "out of memory" (QuickJS's own setMemoryLimit does not count every allocation).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import RELEASE_SYNC from "@jitl/quickjs-wasmfile-release-sync";
import { newQuickJSWASMModuleFromVariant, newVariant, type QuickJSWASMModule } from "quickjs-emscripten-core";

const PAGE_BYTES = 64 << 10;
/** The release-sync build asks for 16 MiB up front (its INITIAL_MEMORY); less fails to link. */
export const WASM_BASELINE_BYTES = 16 << 20;

let compiled: WebAssembly.Module | null = null;

function compiledModule(): WebAssembly.Module {
  if (!compiled) {
    // import.meta.url is set under tsx (CommonJS or ESM mode) and vitest alike; __dirname is not.
    const requireFromHere = createRequire(import.meta.url);
    const wasmPath = requireFromHere.resolve("@jitl/quickjs-wasmfile-release-sync/wasm");
    compiled = new WebAssembly.Module(readFileSync(wasmPath));
  }
  return compiled;
}

export interface FreshModule {
  module: QuickJSWASMModule;
  memory: WebAssembly.Memory;
}

/** A new instance whose linear memory can never grow past `wasmBytesMax`. */
export async function newIsolatedModule(wasmBytesMax: number): Promise<FreshModule> {
  const maximum = Math.max(Math.ceil(wasmBytesMax / PAGE_BYTES), WASM_BASELINE_BYTES / PAGE_BYTES);
  const memory = new WebAssembly.Memory({ initial: WASM_BASELINE_BYTES / PAGE_BYTES, maximum });
  const variant = newVariant(RELEASE_SYNC, { wasmModule: compiledModule(), wasmMemory: memory });
  const module = await newQuickJSWASMModuleFromVariant(variant);
  return { module, memory };
}
