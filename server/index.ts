import { createServer } from "node:http";
import { parse } from "node:url";
import next from "next";
import { registerLabs } from "./labs/global";
import { createLabsApi } from "./labs/http-api";
import { LabRuntime } from "./labs/runtime";
import { CLIENT_IP_HEADER } from "./progress/api";
import { recordLabRun, startProgress } from "./progress/runtime";
import { attachSockets } from "./sockets";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "0.0.0.0";

async function main() {
  const app = next({ dev, dir: process.cwd(), hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  // The progress database opens (and migrates) before the first request; the API reaches it through the registry.
  const progress = await startProgress({ preferBuiltManifest: !dev });
  console.log(`> progress: ${progress.database.description}, ${progress.manifest.quizzes.length} quiz(zes)`);

  // One sandbox worker pool per process, shared by the lab API's route handler and the socket sessions.
  const labs = new LabRuntime({
    recordRun: (learnerId, labId, r) => recordLabRun(learnerId, labId, { ok: r.ok, seed: r.seed, objectives: r.objectives.map(({ id, passed }) => ({ id, passed })) }),
    log: (m) => console.warn(`> labs: ${m}`) });
  registerLabs({ api: createLabsApi(labs) });

  const trustProxy = process.env.TRUST_PROXY === "1";
  const server = createServer((req, res) => {
    // Rate limits key on the client address: the socket's, or the proxy's X-Forwarded-For when trusted.
    const forwarded = trustProxy ? String(req.headers["x-forwarded-for"] ?? "").split(",")[0]?.trim() : "";
    req.headers[CLIENT_IP_HEADER] = forwarded || req.socket.remoteAddress || "unknown";
    handle(req, res, parse(req.url ?? "/", true)).catch((error: unknown) => {
      console.error("request failed", req.url, error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end("internal error");
    });
  });
  attachSockets(server, { labs: { runtime: labs, trustProxy } });

  server.listen(port, hostname, () => {
    console.log(`> ready on http://localhost:${port} (${dev ? "development" : "production"})`);
  });

  const shutdown = (signal: string) => {
    console.log(`> ${signal}: closing`);
    server.close(() => void Promise.allSettled([labs.close(), progress.close()]).finally(() => process.exit(0)));
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
