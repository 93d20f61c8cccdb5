/**
 * `npm run bench:pages`: the cost of reading a page. Builds the book (timed), starts the production
 * server, and prints for a section page without a lab: the gzipped JavaScript it loads, its HTML size,
 * and time to first byte over repeated requests. Figures only; targets live in the closing notes.
 */
import { execSync, spawn } from "node:child_process";
import { gzipSync } from "node:zlib";
import { request } from "node:http";

const PORT = Number(process.env.BENCH_PORT ?? 3200);
const BASE = `http://localhost:${PORT}`;
const PAGES = ["/ch01-introduction/importance-and-challenges", "/ch01-introduction", "/"];
const TTFB_SAMPLES = 200;

function ttfb(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = request(`${BASE}${path}`, (res) => {
      res.once("data", () => resolve(Number(process.hrtime.bigint() - started) / 1e6));
      res.resume();
    });
    req.on("error", reject);
    req.end();
  });
}

async function waitForServer() {
  for (let i = 0; i < 200; i++) {
    try { if ((await fetch(`${BASE}/api/health`)).ok) return; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("server did not start");
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function measurePage(path: string) {
  const html = await (await fetch(`${BASE}${path}`)).text();
  // noModule scripts are legacy polyfills that modern browsers never fetch: not part of the page's cost.
  const tags = [...html.matchAll(/<script[^>]+src="([^"]+)"[^>]*>/g)];
  const scripts = tags.filter((m) => !/nomodule/i.test(m[0])).map((m) => m[1]!);
  const skipped = tags.length - scripts.length;
  let jsRaw = 0, jsGzip = 0;
  const heavy: string[] = [];
  for (const src of new Set(scripts)) {
    const body = Buffer.from(await (await fetch(new URL(src, BASE))).arrayBuffer());
    jsRaw += body.length;
    jsGzip += gzipSync(body, { level: 9 }).length;
    if (/monaco|xterm|d3-/.test(body.toString("latin1").slice(0, 200_000))) heavy.push(src);
  }
  const times: number[] = [];
  for (let i = 0; i < TTFB_SAMPLES; i++) times.push(await ttfb(path));
  times.sort((a, b) => a - b);
  console.log(`page ${path}`);
  console.log(`  html: ${kb(Buffer.byteLength(html))} raw, ${kb(gzipSync(html).length)} gzipped`);
  console.log(`  js:   ${scripts.length} scripts (+${skipped} noModule polyfill not loaded by modern browsers), ${kb(jsRaw)} raw, ${kb(jsGzip)} gzipped${heavy.length ? `, HEAVY LIBS IN: ${heavy.join(", ")}` : ", no Monaco/xterm/D3"}`);
  console.log(`  ttfb: p50 ${percentile(times, 0.5).toFixed(2)} ms, p95 ${percentile(times, 0.95).toFixed(2)} ms, max ${times[times.length - 1]!.toFixed(2)} ms (${TTFB_SAMPLES} sequential requests)`);
}

async function main() {
  if (!process.argv.includes("--no-build")) {
    const started = Date.now();
    execSync("npm run build", { stdio: "ignore", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    console.log(`build: ${((Date.now() - started) / 1000).toFixed(1)} s (content check + MDX compile + search index + next build)`);
  }
  const server = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    env: { ...process.env, PORT: String(PORT), NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
  });
  try {
    await waitForServer();
    for (const path of PAGES) await measurePage(path);
  } finally {
    server.kill("SIGTERM");
  }
}

main().catch((e: unknown) => { console.error(e); process.exit(1); });
