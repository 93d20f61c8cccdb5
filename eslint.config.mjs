import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

const impureGlobals = [
  { name: "setTimeout", message: "server/sim is pure: schedule on the virtual clock instead." },
  { name: "setInterval", message: "server/sim is pure: schedule on the virtual clock instead." },
  { name: "setImmediate", message: "server/sim is pure: schedule on the virtual clock instead." },
  { name: "queueMicrotask", message: "server/sim is pure." },
  { name: "performance", message: "server/sim is pure: use simulated time." },
  { name: "process", message: "server/sim is pure: no process access." },
  { name: "fetch", message: "server/sim is pure: no I/O." },
];

export default tseslint.config(
  { ignores: ["node_modules/**", ".next/**", ".cache/**", "public/search/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  js.configs.recommended,
  { files: ["**/*.mjs"], languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } } },
  ...tseslint.configs.recommended,
  {
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["server/sim/**/*.ts"],
    ignores: ["server/sim/**/*.test.ts", "server/sim/bench/**"],
    rules: {
      "no-restricted-globals": ["error", ...impureGlobals],
      "no-restricted-properties": [
        "error",
        { object: "Math", property: "random", message: "server/sim is pure: use the seeded PRNG." },
        { object: "Date", property: "now", message: "server/sim is pure: use the virtual clock." },
      ],
      "no-restricted-syntax": [
        "error",
        { selector: "NewExpression[callee.name='Date']", message: "server/sim is pure: use the virtual clock." },
      ],
      "no-restricted-imports": [
        "error",
        {
          // Exact names (not patterns), so the engine's own ./http and ./timers modules stay importable.
          paths: ["fs", "net", "http", "https", "http2", "dgram", "child_process", "worker_threads", "timers", "perf_hooks", "socket.io", "react", "next"]
            .map((name) => ({ name, message: "server/sim is pure: no I/O, no frameworks." })),
          patterns: [{ group: ["node:*", "socket.io/*", "next/*", "react/*"], message: "server/sim is pure: no I/O, no frameworks." }],
        },
      ],
    },
  },
  {
    // The lab UI runs in the browser: no zod, no server code. Types from the contracts are fine.
    files: ["components/lab/**/*.ts", "components/lab/**/*.tsx"],
    ignores: ["components/lab/**/*.test.ts", "components/lab/fixtures/**", "components/lab/lab-meta.ts", "components/lab/Lab.tsx", "components/lab/pages/LabsIndex.tsx", "components/lab/pages/LabFullPage.tsx"],
    rules: {
      "@typescript-eslint/no-restricted-imports": ["error", {
        paths: [{ name: "zod", message: "the lab UI must not bundle zod" }, { name: "@/lib/lab/protocol", message: "import only types from the protocol (values live in @/lib/lab/constants)", allowTypeImports: true }],
        patterns: [{ group: ["@/server/*", "@/labs/*"], message: "no server code in the lab UI (types only)", allowTypeImports: true }],
      }],
    },
  },
);
