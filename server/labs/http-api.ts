/**
 * The lab HTTP API (DESIGN.md "Contracts", lib/lab/api-types.ts) as a Web-standard handler, so it is
 * testable without Next; app/api/labs/[[...path]]/route.ts forwards to it.
 *   GET  /api/labs · /api/labs/sdk.d.ts · /api/labs/:id · /api/labs/:id/solution
 *   POST /api/labs/:id/runs  { files: { "<path>": "<source>" }, seed?: number }
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { CLIENT_IP_HEADER } from "../progress/api";
import { errorResponse, HttpError, json, learnerIdOf, readJson } from "../progress/http";
import { allLabs, getLab, labDetail, labFiles, labSummary } from "./registry";
import { pickSeed, type LabRuntime } from "./runtime";

export const SDK_DTS = readFileSync(new URL("../../labs/sdk/lab.d.ts", import.meta.url), "utf8");

const FILE_BYTES_MAX = 100_000;
const BODY_BYTES_MAX = 1 << 20;

export const runBodySchema = z.object({
  files: z.record(z.string().regex(/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*\.ts$/, "file names look like orders.ts or lib/util.ts"), z.string())
    .refine((f) => Object.keys(f).length >= 1 && Object.keys(f).length <= 12, "between 1 and 12 files"),
  seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
}).strict();

export interface LabsApi { handle(request: Request, path: readonly string[]): Promise<Response> }

export function createLabsApi(runtime: LabRuntime): LabsApi {
  return {
    async handle(request, path) {
      try {
        return await route(runtime, request, path);
      } catch (error) {
        if (error instanceof HttpError) return errorResponse(error);
        console.error("labs api failed", error);
        return json({ error: "internal", message: "internal error" }, 500);
      }
    },
  };
}

async function route(runtime: LabRuntime, request: Request, path: readonly string[]): Promise<Response> {
  const method = request.method.toUpperCase();
  const [first, second, ...rest] = path;
  if (rest.length > 0) throw new HttpError(404, "not-found", "no such endpoint");
  if (method === "GET") {
    if (first === undefined) return json(allLabs().map(labSummary), 200, { "cache-control": "public, max-age=60" });
    if (first === "sdk.d.ts" && second === undefined) {
      return new Response(SDK_DTS, { status: 200, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "public, max-age=300" } });
    }
    const lab = known(first);
    if (second === undefined) return json(labDetail(lab), 200, { "cache-control": "public, max-age=60" });
    if (second === "solution") return json({ files: labFiles(lab, "solution") });
    throw new HttpError(404, "not-found", "no such endpoint");
  }
  if (method === "POST" && first !== undefined && second === "runs") {
    const lab = known(first);
    return runBatch(runtime, request, lab.def.id);
  }
  throw new HttpError(405, "method-not-allowed", `${method} is not allowed here`, {}, { allow: first && second === "runs" ? "POST" : "GET" });
}

function known(id: string | undefined) {
  const lab = id === undefined ? undefined : getLab(id);
  if (!lab) throw new HttpError(404, "unknown-lab", `no lab "${id}"`, { labs: allLabs().map((l) => l.def.id) });
  return lab;
}

async function runBatch(runtime: LabRuntime, request: Request, labId: string): Promise<Response> {
  const body = await readJson(request, BODY_BYTES_MAX);
  const parsed = runBodySchema.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ field: i.path.length ? i.path.join(".") : "(body)", message: i.message }));
    throw new HttpError(400, "bad-request", `${issues[0]!.field}: ${issues[0]!.message}`, { field: issues[0]!.field, issues });
  }
  const big = Object.entries(parsed.data.files).find(([, src]) => src.length > FILE_BYTES_MAX);
  if (big) throw new HttpError(413, "payload-too-large", `files.${big[0]}: longer than ${FILE_BYTES_MAX} characters`, { field: `files.${big[0]}` });
  const client = request.headers.get(CLIENT_IP_HEADER) ?? "unknown";
  const admission = runtime.admission.admit(client);
  if (!admission.ok) {
    throw new HttpError(admission.status, admission.status === 429 ? "too-many-runs" : "busy", admission.message, { retryAfterSec: admission.retryAfterSec }, { "retry-after": String(admission.retryAfterSec) });
  }
  try {
    const result = await runtime.batch(labId, parsed.data.files, pickSeed(parsed.data.seed), learnerIdOf(request));
    return json(result);
  } finally {
    admission.release();
  }
}
