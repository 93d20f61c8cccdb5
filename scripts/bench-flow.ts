/**
 * `npm run bench:flow`: frames per second of the lab's flow view (the pure renderFlow over d3-selection,
 * the lab's real CSS) with 300 messages in flight, in Debian's Chromium via Playwright. Bundles
 * components/lab/flow/bench-entry.ts with esbuild and serves it from localhost; nothing else is involved.
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { build } from "esbuild";
import { chromium } from "@playwright/test";

async function main() {
  const bundle = await build({ entryPoints: ["components/lab/flow/bench-entry.ts"], bundle: true, write: false, format: "esm", target: "es2022", minify: true, tsconfig: "tsconfig.json" });
  const js = bundle.outputFiles[0]?.text ?? "";
  const css = readFileSync("app/globals.css", "utf8") + readFileSync("components/lab/lab.css", "utf8");
  const html = `<!doctype html><html><head><style>${css}</style></head><body style="margin:0">
<div class="lab-flow" style="width:1000px;height:600px"><svg class="lab-flow-svg" width="1000" height="600"></svg></div>
<script type="module">${js}</script></body></html>`;
  const server = createServer((_req, res) => { res.writeHead(200, { "content-type": "text/html" }); res.end(html); });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--disable-dev-shm-usage", "--disable-gpu"] });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => (window as { benchResult?: unknown }).benchResult !== undefined, undefined, { timeout: 30_000 });
    const r = await page.evaluate(() => (window as unknown as { benchResult: Record<string, number> }).benchResult);
    console.log(`flow view, SVG via d3-selection, 1000×600, Chromium headless (software rendering)`);
    console.log(`  in flight: ${r.inFlightMin}–${r.inFlightMax} messages (${r.events} events in the log)`);
    console.log(`  fps: ${r.fps?.toFixed(1)} over ${r.frames} frames; p95 frame ${r.p95FrameMs?.toFixed(1)} ms, max ${r.maxFrameMs?.toFixed(1)} ms`);
    console.log(`  renderFlow (script, per frame): mean ${r.renderMeanMs?.toFixed(2)} ms, p95 ${r.renderP95Ms?.toFixed(2)} ms (the rest of the 16.7 ms budget is style, layout and paint)`);
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((e: unknown) => { console.error(e); process.exit(1); });
