/** The lab HTTP API against a real runtime and worker pool: shapes, bad input, limits. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LabDetail, LabSummary, RunResult } from "@/lib/lab/api-types";
import { CLIENT_IP_HEADER } from "../progress/api";
import { SandboxPool } from "../sandbox/pool";
import { createLabsApi, type LabsApi } from "./http-api";
import { allLabs, filesRecord, getLab, labFiles } from "./registry";
import { LabRuntime } from "./runtime";

let pool: SandboxPool;
let runtime: LabRuntime;
let api: LabsApi;
const recorded: { learnerId: string; labId: string; result: RunResult }[] = [];

beforeAll(() => {
  pool = new SandboxPool({ threads: 1 });
  runtime = new LabRuntime({ pool, recordRun: async (learnerId, labId, result) => recorded.push({ learnerId, labId, result }) });
  api = createLabsApi(runtime);
});
afterAll(async () => {
  await runtime.close();
  await pool.close();
});

const get = (path: string[]) => api.handle(new Request(`http://localhost/api/labs/${path.join("/")}`), path);
function post(labId: string, body: unknown, headers: Record<string, string> = {}, api_ = api): Promise<Response> {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return api_.handle(new Request(`http://localhost/api/labs/${labId}/runs`, {
    method: "POST", body: text, headers: { "content-type": "application/json", [CLIENT_IP_HEADER]: "10.0.0.1", ...headers },
  }), [labId, "runs"]);
}

describe("GET /api/labs…", () => {
  it("lists labs, serves a lab without its solution, the solution, and the SDK types", async () => {
    const list = (await (await get([])).json()) as LabSummary[];
    expect(list.map((l) => l.id)).toEqual(allLabs().map((l) => l.def.id)); // every registered lab, in book order
    expect(list.map((l) => l.id).slice(0, 2)).toEqual(["01-call-chain", "02-sync-vs-async"]);
    expect(list[0]).toMatchObject({ chapter: "ch01-introduction", section: "microservices-vs-monolith-communication", title: { zh: expect.any(String), en: expect.any(String) } });
    const detail = (await (await get(["01-call-chain"])).json()) as LabDetail;
    expect(detail.files[0]!.path).toBe("orders.ts");
    expect(detail.files[0]!.source).toContain("TODO");
    expect(detail.objectives.map((o) => o.id)).toEqual(["fail-fast", "page-p99", "batched"]);
    expect(detail.instances).toContain("inventory-2");
    expect(JSON.stringify(detail)).not.toContain("AbortSignal.timeout(300)");
    const solution = (await (await get(["01-call-chain", "solution"])).json()) as { files: { path: string; source: string }[] };
    expect(solution.files.find((f) => f.path === "orders.ts")!.source).toContain("AbortSignal.timeout");
    const dts = await get(["sdk.d.ts"]);
    expect(dts.headers.get("content-type")).toMatch(/text\/plain/);
    expect(await dts.text()).toMatch(/declare module "lab"[\s\S]*export function fetch/);
  });

  it("404s an unknown lab or endpoint", async () => {
    expect((await get(["no-such-lab"])).status).toBe(404);
    expect((await get(["01-call-chain", "nope"])).status).toBe(404);
    expect((await post("no-such-lab", { files: { "a.ts": "" } })).status).toBe(404);
  });
});

describe("POST /api/labs/:id/runs", () => {
  it("runs the solution in a worker: ok, every objective passed, seed echoed, progress recorded", async () => {
    const lab = getLab("02-sync-vs-async")!;
    const res = await post(lab.def.id, { files: filesRecord(labFiles(lab, "solution")), seed: 11 }, { cookie: "s2s_learner=abcdefghijklmnopqrstuvwxyz" });
    expect(res.status).toBe(200);
    const body = (await res.json()) as RunResult;
    expect(body).toMatchObject({ ok: true, seed: 11 });
    expect(body.objectives.every((o) => o.passed)).toBe(true);
    expect(body.stats.events).toBeGreaterThan(1_000);
    expect(body.stats.simTimeMs).toBeGreaterThan(10_000);
    expect(body.logs.some((l) => l.message === "charged")).toBe(true);
    expect(recorded).toEqual([expect.objectContaining({ learnerId: "abcdefghijklmnopqrstuvwxyz", labId: lab.def.id })]);
  });

  it("answers learner mistakes with 200, ok: false and the error's position; missing files come from the starter", async () => {
    const res = await post("01-call-chain", { files: { "orders.ts": 'import { createService } from "lab";\ncreateService("orders")\n  .get("/x", (req, res) => { res.json(1) ;; }}\n' } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as RunResult;
    expect(body.ok).toBe(false);
    expect(body.error).toMatchObject({ kind: "compile", file: "orders.ts", line: 3 });
    expect(body.objectives.map((o) => o.passed)).toEqual([false, false, false]);
  });

  it("400s naming the field", async () => {
    const cases: [unknown, RegExp][] = [
      [{}, /^files/],
      [{ files: {} }, /^files: between 1 and 12 files/],
      [{ files: { "../etc.ts": "x" } }, /^files\.\.\.\/etc\.ts/],
      [{ files: { "orders.ts": 42 } }, /^files\.orders\.ts/],
      [{ files: { "orders.ts": "" }, seed: "x" }, /^seed/],
      [{ files: { "orders.ts": "" }, extra: 1 }, /extra|Unrecognized/],
      ["{not json", /not valid JSON/],
    ];
    for (const [body, message] of cases) {
      const res = await post("01-call-chain", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as { message: string }).message).toMatch(message);
    }
  });

  it("413s a file or a body that is too large", async () => {
    const big = await post("01-call-chain", { files: { "orders.ts": "x".repeat(100_001) } });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { field: string }).field).toBe("files.orders.ts");
    expect((await post("01-call-chain", { files: { "orders.ts": "x".repeat(2 << 20) } })).status).toBe(413);
  });

  it("429s too many runs from one client", async () => {
    const strict = new LabRuntime({ pool, limits: { runsPerMinute: 1, burst: 1 } });
    const strictApi = createLabsApi(strict);
    const files = { files: { "orders.ts": "syntax error (" } };
    expect((await post("01-call-chain", files, {}, strictApi)).status).toBe(200);
    const limited = await post("01-call-chain", files, {}, strictApi);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await post("01-call-chain", files, { [CLIENT_IP_HEADER]: "10.0.0.2" }, strictApi)).status).toBe(200);
  });
});
