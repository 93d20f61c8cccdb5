import { compileGuest } from "./compile.ts";
import { GuestVm } from "./guest-vm.ts";
const c = await compileGuest({ files: { "orders.ts": `import { log, http } from "lab";\nimport { add } from "./util";\nexport function onHttp(req: { a: number }) {\n  log("got " + req.a);\n  http("payments", { amount: req.a }, (res: unknown) => log("reply " + JSON.stringify(res)));\n  return { sum: add(req.a, 1), now: Date.now(), r: Math.random() };\n}\n`, "util.ts": `export function add(a: number, b: number): number {\n  if (a > 10) throw new Error("too big");\n  return a + b;\n}\n` } });
if (!c.ok) throw new Error(JSON.stringify(c.error));
const pending: any[] = [];
const t0 = performance.now();
const vm = await GuestVm.create({ seed: 42, timeMs: 1000, modules: { lab: `const h = globalThis.__host; export const log = (m) => h.log(m); export const http = (to, req, cb) => h.http(to, req, cb);` },
  bridge: { log: ([m]) => { console.log("LOG", m); }, http: ([to, req, cb]) => { pending.push({ to, req, cb }); return 1; } } });
console.log("create ms", performance.now() - t0);
console.log(vm.load(c.compiled));
const fn = vm.getFunction(["onHttp"])!;
console.log(vm.call(fn, [{ a: 3 }]));
console.log(vm.call(pending[0].cb, [{ status: 200 }]));
console.log(vm.call(fn, [{ a: 30 }]));
console.log(vm.stats());
