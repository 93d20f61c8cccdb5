import { z } from "zod";
import { lines, textWidth } from "./text-metrics";

export const NODE_KINDS = ["client", "service", "proxy", "broker", "queue", "database", "external", "group"] as const;

const node = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]+$/, "ids are letters, digits, - and _"),
  label: z.string().min(1),
  kind: z.enum(NODE_KINDS).default("service"),
  layer: z.number().int().min(0).max(9).optional(),
  row: z.number().int().min(0).max(9).optional(),
}).strict();
const edge = z.object({
  from: z.string(),
  to: z.string(),
  label: z.string().optional(),
  kind: z.enum(["sync", "async", "error"]).default("sync"),
}).strict();

export const flowDiagramSchema = z.object({
  caption: z.string().min(1),
  direction: z.enum(["LR", "TB"]).default("LR"),
  nodes: z.array(node).min(1).max(30),
  edges: z.array(edge).max(60).default([]),
  number: z.string().optional(),
}).strict().superRefine((value, ctx) => {
  const ids = new Set<string>();
  value.nodes.forEach((n, i) => {
    if (ids.has(n.id)) ctx.addIssue({ code: "custom", path: ["nodes", i, "id"], message: `duplicate node id "${n.id}"` });
    ids.add(n.id);
  });
  value.edges.forEach((e, i) => {
    if (!ids.has(e.from)) ctx.addIssue({ code: "custom", path: ["edges", i, "from"], message: `unknown node "${e.from}"` });
    if (!ids.has(e.to)) ctx.addIssue({ code: "custom", path: ["edges", i, "to"], message: `unknown node "${e.to}"` });
  });
});
export type FlowDiagramProps = z.input<typeof flowDiagramSchema>;
type Parsed = z.output<typeof flowDiagramSchema>;
export type FlowNodeKind = (typeof NODE_KINDS)[number];

export interface PlacedNode { id: string; label: string[]; kind: FlowNodeKind; x: number; y: number; width: number; height: number }
export interface RoutedEdge { from: string; to: string; label?: string; kind: "sync" | "async" | "error"; path: string; labelX: number; labelY: number }
export interface FlowLayout { width: number; height: number; nodes: PlacedNode[]; edges: RoutedEdge[] }

const FONT = 13;
const NODE_HEIGHT = 46;
const LAYER_GAP = 84;
const ROW_GAP = 26;
const PAD = 14;
/** How far an edge that skips layers bows out of its row (control-point offset, px). */
const BOW = 64;

/** Edges that close a cycle, found by a DFS in declaration order; the layering ignores them. */
function backEdges(input: Parsed): Set<number> {
  const out = new Set<number>();
  const state = new Map<string, "active" | "done">();
  const visit = (id: string) => {
    state.set(id, "active");
    input.edges.forEach((e, i) => {
      if (e.from !== id) return;
      const s = state.get(e.to);
      if (s === "active") out.add(i);
      else if (s === undefined) visit(e.to);
    });
    state.set(id, "done");
  };
  const hasIncoming = new Set(input.edges.filter((e) => e.from !== e.to).map((e) => e.to));
  for (const n of input.nodes) if (!hasIncoming.has(n.id) && !state.has(n.id)) visit(n.id);
  for (const n of input.nodes) if (!state.has(n.id)) visit(n.id);
  return out;
}

/** Longest path from a source gives each node its layer (pinned layers win). */
function assignLayers(input: Parsed): Map<string, number> {
  const skip = backEdges(input);
  const incoming = new Map<string, string[]>(input.nodes.map((n) => [n.id, []]));
  input.edges.forEach((e, i) => { if (e.from !== e.to && !skip.has(i)) incoming.get(e.to)!.push(e.from); });
  const layers = new Map<string, number>();
  const visit = (id: string): number => {
    const known = layers.get(id);
    if (known !== undefined) return known;
    const pinned = input.nodes.find((n) => n.id === id)?.layer;
    const preds = incoming.get(id)!;
    const layer = pinned ?? (preds.length ? Math.max(...preds.map(visit)) + 1 : 0);
    layers.set(id, layer);
    return layer;
  };
  for (const n of input.nodes) visit(n.id);
  return layers;
}

/** Orders each layer by the mean row of its predecessors (one barycentre pass) unless rows are pinned. */
function assignRows(input: Parsed, layers: Map<string, number>): Map<string, number> {
  const rows = new Map<string, number>();
  const layerCount = Math.max(...layers.values()) + 1;
  for (let layer = 0; layer < layerCount; layer++) {
    const members = input.nodes.filter((n) => layers.get(n.id) === layer);
    const score = (id: string, fallback: number) => {
      const preds = input.edges.filter((e) => e.to === id && rows.has(e.from)).map((e) => rows.get(e.from)!);
      return preds.length ? preds.reduce((a, b) => a + b, 0) / preds.length : fallback;
    };
    const ordered = members
      .map((n, i) => ({ n, key: n.row ?? score(n.id, i) }))
      .sort((a, b) => a.key - b.key || members.indexOf(a.n) - members.indexOf(b.n));
    const taken = new Set<number>();
    for (const { n } of ordered) {
      let row = n.row ?? 0;
      if (n.row === undefined) while (taken.has(row)) row++;
      taken.add(row);
      rows.set(n.id, row);
    }
  }
  return rows;
}

export function layoutFlow(input: Parsed): FlowLayout {
  const layers = assignLayers(input);
  const rows = assignRows(input, layers);
  const size = new Map(input.nodes.map((n) => {
    const labelLines = lines(n.label);
    const width = Math.max(96, ...labelLines.map((l) => textWidth(l, FONT) + 32));
    return [n.id, { width, height: NODE_HEIGHT + (labelLines.length - 1) * 16, labelLines }];
  }));
  const layerCount = Math.max(...layers.values()) + 1;
  const rowCount = Math.max(...rows.values()) + 1;
  const horizontal = input.direction === "LR";
  // Each layer is as deep as its widest (LR) or tallest (TB) node; each row as thick as its largest node.
  const layerDepth = Array.from({ length: layerCount }, (_, l) =>
    Math.max(0, ...input.nodes.filter((n) => layers.get(n.id) === l).map((n) => (horizontal ? size.get(n.id)!.width : size.get(n.id)!.height))));
  const rowThickness = Array.from({ length: rowCount }, (_, r) =>
    Math.max(horizontal ? NODE_HEIGHT : 96, ...input.nodes.filter((n) => rows.get(n.id) === r).map((n) => (horizontal ? size.get(n.id)!.height : size.get(n.id)!.width))));
  // In LR diagrams an edge label sits in the gap between layers, so the gap grows to fit it.
  const gapAfter = layerDepth.map((_, l) => Math.max(LAYER_GAP, ...input.edges
    .filter((e) => horizontal && e.label && layers.get(e.from) === l && layers.get(e.to) === l + 1)
    .map((e) => textWidth(e.label!, 12) + 36)));
  const layerStart: number[] = [];
  layerDepth.forEach((_, l) => layerStart.push(l === 0 ? PAD : layerStart[l - 1]! + layerDepth[l - 1]! + gapAfter[l - 1]!));
  // Edges that skip a layer bow out of their row so they never run behind a node; leave room for the bow.
  const spans = (e: Parsed["edges"][number]) => layers.get(e.to)! - layers.get(e.from)! > 1;
  const bowRoom = input.edges.some(spans) ? BOW / 2 : 0;
  const rowStart = rowThickness.map((_, r) => PAD + bowRoom + rowThickness.slice(0, r).reduce((a, b) => a + b + ROW_GAP, 0));

  const nodes: PlacedNode[] = input.nodes.map((n) => {
    const { width, height, labelLines } = size.get(n.id)!;
    const l = layers.get(n.id)!;
    const r = rows.get(n.id)!;
    const along = layerStart[l]! + (layerDepth[l]! - (horizontal ? width : height)) / 2;
    const across = rowStart[r]! + (rowThickness[r]! - (horizontal ? height : width)) / 2;
    return { id: n.id, label: labelLines, kind: n.kind, width, height, x: horizontal ? along : across, y: horizontal ? across : along };
  });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  // A label sits in the middle of the first gap its edge crosses, so an edge that spans several layers
  // never puts its label on top of a node in a layer it passes.
  const gapMid = (layer: number) => layerStart[layer]! + layerDepth[layer]! + (horizontal ? gapAfter[layer]! : LAYER_GAP) / 2;
  const edges = input.edges.map((e) => routeEdge(e, byId.get(e.from)!, byId.get(e.to)!, horizontal, gapMid(layers.get(e.from)!), spans(e)));
  separateLabels(edges, horizontal);
  const width = Math.max(...nodes.map((n) => n.x + n.width)) + PAD;
  const height = Math.max(...nodes.map((n) => n.y + n.height)) + PAD;
  return { width: Math.ceil(width), height: Math.ceil(height), nodes, edges };
}

/** Labels that would overlap (two edges leaving one node through one gap) are pushed apart across the flow. */
function separateLabels(edges: RoutedEdge[], horizontal: boolean) {
  const placed: { x: number; y: number; w: number }[] = [];
  for (const e of edges) {
    if (!e.label) continue;
    const w = textWidth(e.label, 12) + 10;
    for (let attempt = 0; attempt < 8; attempt++) {
      const hit = placed.find((p) => Math.abs(p.x - e.labelX) < (p.w + w) / 2 + 2 && Math.abs(p.y - e.labelY) < 20);
      if (!hit) break;
      if (horizontal) e.labelY = hit.y + (e.labelY >= hit.y ? 21 : -21);
      else e.labelX = hit.x + (e.labelX >= hit.x ? (hit.w + w) / 2 + 4 : -(hit.w + w) / 2 - 4);
    }
    placed.push({ x: e.labelX, y: e.labelY, w });
  }
}

function cubic(p0: number, p1: number, p2: number, p3: number, t: number): number {
  const u = 1 - t;
  return u * u * u * p0 + 3 * u * u * t * p1 + 3 * u * t * t * p2 + t * t * t * p3;
}

/** The parameter where a monotonic cubic reaches `value` along its main axis (bisection). */
function solveCubic(p0: number, p1: number, p2: number, p3: number, value: number): number {
  let lo = 0, hi = 1;
  for (let i = 0; i < 30; i++) {
    const mid = (lo + hi) / 2;
    if (cubic(p0, p1, p2, p3, mid) < value) lo = mid; else hi = mid;
  }
  return (lo + hi) / 2;
}

function routeEdge(e: Parsed["edges"][number], a: PlacedNode, b: PlacedNode, horizontal: boolean, labelAlong: number, long: boolean): RoutedEdge {
  const ax = a.x + a.width / 2, ay = a.y + a.height / 2;
  const bx = b.x + b.width / 2, by = b.y + b.height / 2;
  let path: string;
  let labelX: number, labelY: number;
  const forward = horizontal ? b.x > a.x + a.width : b.y > a.y + a.height;
  if (forward) {
    // Leave from the facing side and arrive at the facing side with a gentle S-curve.
    const [sx, sy] = horizontal ? [a.x + a.width, ay] : [ax, a.y + a.height];
    const [tx, ty] = horizontal ? [b.x - 2, by] : [bx, b.y - 2];
    const [c1x, c1y, c2x, c2y] = long
      ? (horizontal ? [sx + (tx - sx) / 3, sy - BOW, sx + (2 * (tx - sx)) / 3, ty - BOW] : [sx - BOW, sy + (ty - sy) / 3, tx - BOW, sy + (2 * (ty - sy)) / 3])
      : (horizontal ? [(sx + tx) / 2, sy, (sx + tx) / 2, ty] : [sx, (sy + ty) / 2, tx, (sy + ty) / 2]);
    path = `M${sx} ${sy} C${c1x} ${c1y} ${c2x} ${c2y} ${tx} ${ty}`;
    const t = horizontal ? solveCubic(sx, c1x, c2x, tx, labelAlong) : solveCubic(sy, c1y, c2y, ty, labelAlong);
    labelX = cubic(sx, c1x, c2x, tx, t);
    labelY = cubic(sy, c1y, c2y, ty, t);
  } else {
    // Same layer or backwards: a straight line between the nearest sides.
    const dx = bx - ax, dy = by - ay;
    const useX = Math.abs(dx) * a.height > Math.abs(dy) * a.width;
    const [sx, sy] = useX ? [ax + Math.sign(dx) * a.width / 2, ay] : [ax, ay + Math.sign(dy) * a.height / 2];
    const [tx, ty] = useX ? [bx - Math.sign(dx) * (b.width / 2 + 2), by] : [bx, by - Math.sign(dy) * (b.height / 2 + 2)];
    path = `M${sx} ${sy} L${tx} ${ty}`;
    labelX = (sx + tx) / 2;
    labelY = (sy + ty) / 2;
  }
  return { from: e.from, to: e.to, label: e.label, kind: e.kind, path, labelX, labelY };
}
