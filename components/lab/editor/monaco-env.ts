/**
 * Must run before Monaco's first module evaluates (it reads MonacoEnvironment at import time), so
 * MonacoEditor.tsx imports this first. Workers are separate entry points the bundler emits next to the
 * app's own chunks — `new Worker(new URL(…, import.meta.url))` — so nothing is fetched from a CDN.
 * `globalAPI` exposes `window.monaco` (the e2e test checks the editor really started).
 */
type Env = { getWorker(workerId: string, label: string): Worker; globalAPI: boolean };

if (typeof window !== "undefined") {
  (globalThis as unknown as { MonacoEnvironment: Env }).MonacoEnvironment = {
    globalAPI: true,
    getWorker(_workerId: string, label: string) {
      if (label === "typescript" || label === "javascript") {
        return new Worker(new URL("./workers/ts.worker.ts", import.meta.url), { type: "module", name: "monaco-ts" });
      }
      return new Worker(new URL("./workers/editor.worker.ts", import.meta.url), { type: "module", name: "monaco-editor" });
    },
  };
}

export {};
