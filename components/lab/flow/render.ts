import { select, type Selection } from "d3-selection";
import type { SimEvent } from "@/server/sim/events";
import { flowFrame, groupLines, type FlowFrame, type FlowView, type FrameGroup } from "./frame";
import { anchorOf, drawnNodeOf, type PlacedNode } from "./layout";

type Layer = Selection<SVGGElement, unknown, null, undefined>;

function layer(svg: SVGSVGElement, name: string): Layer {
  const root = select(svg);
  let g = root.select<SVGGElement>(`g.flow-${name}`);
  if (g.empty()) g = root.append("g").attr("class", `flow-${name}`);
  return g;
}

function drawEdges(g: Layer, view: FlowView) {
  g.selectAll<SVGLineElement, { from: string; to: string }>("line")
    .data(view.layout.edges, (e) => `${e.from}>${e.to}`)
    .join("line")
    .attr("class", "flow-edge")
    .each(function (e) {
      const a = anchorOf(view.layout, e.from), b = anchorOf(view.layout, e.to);
      select(this).attr("x1", a.x).attr("y1", a.y).attr("x2", b.x).attr("y2", b.y);
    });
}

function drawNodes(g: Layer, view: FlowView, frame: FlowFrame) {
  const state = new Map(frame.nodes.map((n) => [n.id, n]));
  const groups = new Map<string, { g: FrameGroup; lines: [string, string] }>(frame.groups.map((g) => [g.id, { g, lines: groupLines(g, view.groupText) }]));
  const nodes = g.selectAll<SVGGElement, PlacedNode>("g.flow-node")
    .data(view.layout.nodes, (n) => n.id)
    .join((enter) => {
      const e = enter.append("g").attr("class", "flow-node");
      e.append("rect");
      e.append("text").attr("class", "flow-label");
      e.append("text").attr("class", "flow-sublabel");
      e.append("title");
      return e;
    })
    .attr("data-kind", (n) => n.kind)
    .attr("data-node", (n) => n.id)
    .attr("data-state", (n) => state.get(n.id)?.state ?? "up")
    .attr("data-slow", (n) => (state.get(n.id)?.slow ? "true" : null))
    .attr("data-summary", (n) => (n.hidden ? "true" : null))
    .attr("data-alert", (n) => {
      const g = groups.get(n.id)?.g;
      return !g ? null : g.crashed.length ? "bad" : g.paused.length || g.slow.length ? "warn" : null;
    })
    .attr("transform", (n) => `translate(${n.x},${n.y})`);
  nodes.select("rect")
    .attr("x", (n) => -n.w / 2).attr("y", (n) => -n.h / 2).attr("width", (n) => n.w).attr("height", (n) => n.h)
    .attr("rx", (n) => (n.kind === "instance" ? 14 : n.kind === "client" ? 18 : 8))
    .attr("transform", (n) => (n.kind === "exchange" ? "rotate(0)" : null));
  nodes.select("text.flow-label")
    .attr("y", (n) => (groups.get(n.id)?.lines[1] ? -3 : n.parent || n.kind === "instance" ? 5 : -n.h / 2 + 18))
    .text((n) => {
      const group = groups.get(n.id);
      if (group) return group.lines[0];
      const s = state.get(n.id);
      const suffix = s && s.state !== "up" ? ` · ${s.state}` : s?.slow ? " · slow" : "";
      return `${n.label}${suffix}`;
    });
  nodes.select("text.flow-sublabel").attr("y", 12).text((n) => groups.get(n.id)?.lines[1] ?? "");
  nodes.select("title").text((n) => {
    const group = groups.get(n.id)?.g;
    if (group && n.hidden) {
      const list = (word: string, ids: string[]) => (ids.length ? `\n${word}: ${ids.join(", ")}` : "");
      return `${n.hidden[0]} … ${n.hidden[n.hidden.length - 1]} (${group.hidden})${list("crashed", group.crashed)}${list("paused", group.paused)}${list("slow", group.slow)}`;
    }
    return `${n.kind} ${n.label}${state.get(n.id) ? ` (${state.get(n.id)?.state})` : ""}`;
  });
}

function drawGauges(g: Layer, view: FlowView, frame: FlowFrame) {
  const perNode = new Map<string, number>();
  const placed = frame.gauges.map((gauge) => {
    const n = view.layout.byId.get(gauge.nodeId);
    const i = perNode.get(gauge.nodeId) ?? 0;
    perNode.set(gauge.nodeId, i + 1);
    const x = n ? n.x + n.w / 2 + 6 : 0, y = n ? n.y - 8 + i * 14 : 0;
    return { ...gauge, x, y, shown: Boolean(n) };
  }).filter((p) => p.shown);
  const sel = g.selectAll<SVGGElement, (typeof placed)[number]>("g.flow-gauge")
    .data(placed, (p) => p.id)
    .join((enter) => {
      const e = enter.append("g").attr("class", "flow-gauge");
      e.append("rect").attr("class", "flow-gauge-track").attr("width", 40).attr("height", 6);
      e.append("rect").attr("class", "flow-gauge-fill").attr("height", 6);
      e.append("text").attr("x", 44).attr("y", 5);
      return e;
    })
    .attr("transform", (p) => `translate(${p.x},${p.y})`)
    .attr("data-warn", (p) => (p.warn ? "true" : null));
  sel.select(".flow-gauge-fill").attr("width", (p) => Math.max(1, (40 * p.value) / p.max));
  sel.select("text").text((p) => p.label);
}

function drawBadges(g: Layer, view: FlowView, frame: FlowFrame) {
  const placed = frame.badges.flatMap((b) => {
    const n = drawnNodeOf(view.layout, b.nodeId);
    return n ? [{ ...b, x: n.x - n.w / 2, y: n.y - n.h / 2 - 6 }] : [];
  });
  const sel = g.selectAll<SVGGElement, (typeof placed)[number]>("g.flow-badge")
    .data(placed, (b) => b.id)
    .join((enter) => { const e = enter.append("g").attr("class", "flow-badge"); e.append("text"); return e; })
    .attr("data-tone", (b) => b.tone)
    .attr("transform", (b) => `translate(${b.x},${b.y})`);
  sel.select("text").text((b) => b.text);
}

function drawMessages(g: Layer, frame: FlowFrame) {
  g.selectAll<SVGCircleElement, FlowFrame["messages"][number]>("circle")
    .data(frame.messages, (m) => m.id)
    .join((enter) => enter.append("circle").attr("r", 6))
    .attr("class", (m) => `flow-msg msg-${m.kind}${m.dropped ? " msg-dropped" : ""}${m.retry ? " msg-retry" : ""}${m.selected ? " msg-selected" : ""}`)
    .attr("data-msg-id", (m) => m.id)
    .attr("cx", (m) => m.x)
    .attr("cy", (m) => m.y)
    .attr("opacity", (m) => (m.opacity < 1 ? m.opacity.toFixed(2) : null));
}

const MARKER_GLYPH = { drop: "✕", timeout: "⏱", retry: "↻", reject: "⛔", lost: "✕" } as const;

function drawMarkers(g: Layer, frame: FlowFrame) {
  g.selectAll<SVGTextElement, FlowFrame["markers"][number]>("text")
    .data(frame.markers, (m) => m.id)
    .join("text")
    .attr("class", (m) => `flow-marker marker-${m.kind}`)
    .attr("x", (m) => m.x).attr("y", (m) => m.y)
    .attr("opacity", (m) => m.opacity.toFixed(2))
    .text((m) => MARKER_GLYPH[m.kind]);
}

/**
 * The flow view: a pure render of the event log at `view.timeMs` into `svg` (STYLE.md point 5). It owns
 * no timers and keeps no state of its own beyond the DOM it joins; pacing lives in the React wrapper.
 * Returns the frame it drew (for tests and the accessible summary).
 */
export function renderFlow(svg: SVGSVGElement, events: readonly SimEvent[], view: FlowView): FlowFrame {
  const frame = flowFrame(events, view);
  const vb = view.layout.viewBox;
  select(svg).attr("viewBox", `${vb.x} ${vb.y} ${vb.width} ${vb.height}`);
  drawEdges(layer(svg, "edges"), view);
  drawNodes(layer(svg, "nodes"), view, frame);
  drawGauges(layer(svg, "gauges"), view, frame);
  drawBadges(layer(svg, "badges"), view, frame);
  drawMessages(layer(svg, "messages"), frame);
  drawMarkers(layer(svg, "markers"), frame);
  return frame;
}
