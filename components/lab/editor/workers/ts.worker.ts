// Monaco's TypeScript language service worker (IntelliSense, squiggles), bundled locally.
import "monaco-editor/languages/features/typescript/ts.worker";
