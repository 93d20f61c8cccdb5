import { getRegistered } from "@/server/progress/registry";

/**
 * Thin: the progress API lives in server/progress/api.ts, started with the database by server/index.ts.
 * GET /api/progress, GET /api/progress/export, POST attempts|sections|import|reset, PUT position.
 */
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ path?: string[] }> };

async function handle(request: Request, { params }: Context): Promise<Response> {
  const runtime = getRegistered();
  if (!runtime) return Response.json({ error: "unavailable", message: "the progress store is not running (start the site with npm start)" }, { status: 503 });
  const { path = [] } = await params;
  return runtime.api.handle(request, path);
}

export { handle as GET, handle as POST, handle as PUT, handle as DELETE };
