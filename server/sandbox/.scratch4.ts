import { SandboxPool } from "./pool";
import { compileGuest } from "./compile";
async function main(): Promise<void> {
  const pool = new SandboxPool({ threads: 2 });
  pool.registerTask("run", new URL("./run-guest-task.ts", "file:///work/main/server/sandbox/x.ts"));
  const c = await compileGuest({ files: { "main.ts": `export function hi(x: number) { console.log("hi", x); return x * 2 }` } });
  if (!c.ok) throw new Error("compile");
  const r = await pool.runTask("run", { compiled: c.compiled, seed: 1, calls: [{ path: ["hi"], args: [21] }] }, { timeoutMs: 10000 });
  console.log(JSON.stringify(r).slice(0, 200));
  await pool.close();
}
void main();
