// Piscina worker entry. Worker threads start with a clean module loader: under vitest or plain node
// they cannot load .ts at all, and under `node --import tsx` only if execArgv was passed through. So
// tsx is registered here explicitly (registering twice is harmless) before the TypeScript entry loads.
// Both hooks are needed: the package is not "type": "module", so tsx loads our .ts files as CommonJS.
import { register as registerCjs } from "tsx/cjs/api";
import { register as registerEsm } from "tsx/esm/api";

registerCjs();
registerEsm();
const entry = await import("./worker-main.ts");
// tsx may load worker-main.ts as CommonJS: unwrap either shape.
const run = typeof entry.default === "function" ? entry.default : entry.default.default;

export default run;
