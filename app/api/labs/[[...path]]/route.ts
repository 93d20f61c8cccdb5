import { getRegisteredLabs } from "@/server/labs/global";

/**
 * Thin: the lab API lives in server/labs/http-api.ts, started with the sandbox worker pool by
 * server/index.ts. GET /api/labs, /api/labs/sdk.d.ts, /api/labs/:id, /api/labs/:id/solution;
 * POST /api/labs/:id/runs.
 */
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ path?: string[] }> };

async function handle(request: Request, { params }: Context): Promise<Response> {
  const labs = getRegisteredLabs();
  if (!labs) return Response.json({ error: "unavailable", message: "the lab runtime is not running (start the site with npm start)" }, { status: 503 });
  const { path = [] } = await params;
  return labs.api.handle(request, path);
}

export { handle as GET, handle as POST, handle as PUT, handle as DELETE };
