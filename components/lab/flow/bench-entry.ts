/**
 * Browser entry of `npm run bench:flow` (bundled by scripts/bench-flow.ts with esbuild, never by Next):
 * draws the flow view every animation frame with 300 messages in flight and reports frames per second.
 */
import { layoutTopology } from "./layout";
import { renderFlow } from "./render";
import { syntheticLoad } from "./synthetic";

declare global { interface Window { benchResult?: unknown } }

const RATE = 300, LATENCY_MS = 1000, WARMUP_MS = 1500, MEASURE_MS = 5000;
const { topology, events } = syntheticLoad({ ratePerSec: RATE, latencyMs: LATENCY_MS, durationMs: 20_000 });
const layout = layoutTopology(topology);
const svg = document.querySelector("svg") as SVGSVGElement;
const started = performance.now();
const frames: number[] = [];
const inFlight: number[] = [];
const renderMs: number[] = [];
let last = started;

function frame(now: number) {
  const t = 2000 + (now - started);
  const t0 = performance.now();
  const f = renderFlow(svg, events, { layout, timeMs: t, minFlightMs: 0, markerWindowMs: 1500, reducedMotion: false, selectedMsgId: null, maxMessages: 1000 });
  const spent = performance.now() - t0;
  if (now - started > WARMUP_MS) { frames.push(now - last); inFlight.push(f.messages.length); renderMs.push(spent); }
  last = now;
  if (now - started < WARMUP_MS + MEASURE_MS) requestAnimationFrame(frame);
  else {
    const sorted = [...frames].sort((a, b) => a - b);
    const mean = frames.reduce((a, b) => a + b, 0) / frames.length;
    window.benchResult = {
      fps: 1000 / mean, frames: frames.length, p95FrameMs: sorted[Math.floor(sorted.length * 0.95)], maxFrameMs: sorted[sorted.length - 1],
      renderMeanMs: renderMs.reduce((a, b) => a + b, 0) / renderMs.length, renderP95Ms: [...renderMs].sort((a, b) => a - b)[Math.floor(renderMs.length * 0.95)],
      inFlightMin: Math.min(...inFlight), inFlightMax: Math.max(...inFlight), events: events.length,
    };
  }
}
requestAnimationFrame(frame);
