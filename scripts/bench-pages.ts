/**
 * `npm run bench:pages`: the cost of reading a page. Builds the book (timed), starts the production
 * server, and prints for a section page without a lab and one with a lab: the gzipped JavaScript it loads,
 * its HTML size, and time to first byte over repeated requests; then, in Chromium, what the lab adds once
 * it is scrolled into view (Monaco, xterm, D3, socket.io, workers). Figures only; targets live in the
 * closing notes.
 */
import { execSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { request } from "node:http";
import { chromium } from "@playwright/test";

const PORT = Number(process.env.BENCH_PORT ?? 3200);
const BASE = `http://localhost:${PORT}`;
const LAB_PAGE = "/ch01-introduction/microservices-vs-monolith-communication";
const PAGES = ["/ch01-introduction/importance-and-challenges", LAB_PAGE, "/ch01-introduction", "/"];
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
    if (/monaco|xterm|d3-(selection|transition|zoom|scale|shape)/.test(body.toString("latin1").slice(0, 200_000).replace(/static\/chunks\/[\w-]+\.(js|css)/g, ""))) heavy.push(src);
    // The whole UI dictionary (lib/i18n.ts) belongs on the server; a client import of it ships both languages.
    if (body.toString("utf8").includes("跳到正文")) heavy.push(`${src} (UI DICTIONARY)`);
  }
  const times: number[] = [];
  for (let i = 0; i < TTFB_SAMPLES; i++) times.push(await ttfb(path));
  times.sort((a, b) => a - b);
  console.log(`page ${path}${path === LAB_PAGE ? " (with <Lab>, before it nears the viewport)" : path === PAGES[0] ? " (section without a lab)" : ""}`);
  console.log(`  html: ${kb(Buffer.byteLength(html))} raw, ${kb(gzipSync(html).length)} gzipped`);
  console.log(`  js:   ${scripts.length} scripts (+${skipped} noModule polyfill not loaded by modern browsers), ${kb(jsRaw)} raw, ${kb(jsGzip)} gzipped${heavy.length ? `, HEAVY LIBS IN: ${heavy.join(", ")}` : ", no Monaco/xterm/D3 or UI dictionary"}`);
  console.log(`  ttfb: p50 ${percentile(times, 0.5).toFixed(2)} ms, p95 ${percentile(times, 0.95).toFixed(2)} ms, max ${times[times.length - 1]!.toFixed(2)} ms (${TTFB_SAMPLES} sequential requests)`);
}

/** In Chromium: JS fetched by the lab page before and after scrolling to the lab (gzipped body sizes). */
async function measureLabLoad() {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--disable-dev-shm-usage"] });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const js = new Map<string, number>();
    let phase: "before" | "after" = "before";
    const sizes = { before: 0, after: 0 };
    const workerUrls: string[] = [];
    page.on("worker", (w) => workerUrls.push(w.url()));
    page.on("response", async (res) => {
      const url = res.url();
      const type = res.request().resourceType();
      if (!(type === "script" || /\.js(\?|$)/.test(url)) || js.has(url)) return;
      js.set(url, 0);
      try { const n = gzipSync(await res.body(), { level: 9 }).length; js.set(url, n); sizes[phase] += n; } catch { /* worker bodies may be unavailable */ }
    });
    await page.goto(`${BASE}${LAB_PAGE}`, { waitUntil: "networkidle" });
    phase = "after";
    const loaded = Date.now();
    await page.locator('[data-lab="01-call-chain"]').scrollIntoViewIfNeeded();
    await page.locator(".monaco-editor").first().waitFor({ timeout: 60_000 });
    await page.waitForTimeout(3000); // the TypeScript worker starts once the editor has a model
    await page.waitForLoadState("networkidle");
    // Turbopack's worker bootstrap names its chunks in the worker URL: those run off the main thread.
    const workerChunks = new Set(workerUrls.flatMap((u) => decodeURIComponent(u).match(/static\/chunks\/[\w-]+\.js/g) ?? []));
    const isWorkerChunk = (url: string) => [...workerChunks].some((c) => url.endsWith(c));
    const mainBytes = [...js].filter(([url]) => !isWorkerChunk(url)).reduce((a, [, n]) => a + n, 0) - sizes.before;
    // Worker chunks are measured from the build (a worker's fetches are not always visible to the page).
    const workerBytes = [...workerChunks].reduce((a, c) => a + gzipSync(readFileSync(`.next/${c}`), { level: 9 }).length, 0);
    console.log(`lab ${LAB_PAGE}, in Chromium`);
    console.log(`  js before the lab nears the viewport: ${kb(sizes.before)} gzipped`);
    console.log(`  js the lab adds when opened: ${kb(mainBytes)} gzipped on the main thread (Monaco, xterm, D3, socket.io, the lab UI), editor ready ${Date.now() - loaded - 3000} ms after scrolling`);
    console.log(`  + ${kb(workerBytes)} gzipped in ${workerUrls.length} Monaco workers (editor worker, TypeScript language service), off the main thread`);
  } finally {
    await browser.close();
  }
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
    await measureLabLoad();
  } finally {
    server.kill("SIGTERM");
  }
}

main().catch((e: unknown) => { console.error(e); process.exit(1); });
