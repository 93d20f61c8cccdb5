import type { TopologyEdge, TopologyNode, TopologyNodeKind } from "@/lib/lab/api-types";
import type { SimEvent } from "@/server/sim/events";

export interface PlacedNode {
  id: string; kind: TopologyNodeKind; label: string; parent?: string; x: number; y: number; w: number; h: number;
  /** Set on the summary box of a collapsed group: the instances it stands for, in order. */
  hidden?: string[];
}
export interface FlowLayout {
  width: number; height: number; nodes: PlacedNode[]; edges: TopologyEdge[]; byId: Map<string, PlacedNode>;
  /** A hidden instance (in a collapsed group) → the id of the summary box drawn in its place. */
  collapsed: Map<string, string>;
  /** The drawing's extent (nodes plus room for gauges and badges): the SVG viewBox, so nothing is clipped. */
  viewBox: { x: number; y: number; width: number; height: number };
}
export interface Topology { nodes: TopologyNode[]; edges: TopologyEdge[] }

export const BOX_W = 1000;
export const BOX_H = 600;
const MARGIN_X = 90;
const MARGIN_Y = 60;
const CHILD_GAP = 38;
/** A service with more instances than this shows the first `MAX_INSTANCES` and one summary box for the rest. */
export const MAX_INSTANCES = 6;
const SUMMARY_H = 36;

/** The id of the summary box standing for the hidden instances of `parent`. */
export const summaryIdOf = (parent: string) => `${parent}:more`;

/**
 * A parent's children as drawn: when it has more than `MAX_INSTANCES` instances, the later ones (by numeric
 * id order) are hidden behind one summary node appended after the visible ones.
 */
function visibleChildren(parent: TopologyNode, kids: TopologyNode[]): { shown: TopologyNode[]; hidden: string[] } {
  const instances = kids.filter((k) => k.kind === "instance");
  if (instances.length <= MAX_INSTANCES) return { shown: kids, hidden: [] };
  const hidden = instances.slice(MAX_INSTANCES).map((k) => k.id);
  const hiddenSet = new Set(hidden);
  const summary: TopologyNode = { id: summaryIdOf(parent.id), kind: "instance", label: `+${hidden.length}`, parent: parent.id };
  return { shown: [...kids.filter((k) => !hiddenSet.has(k.id)), summary], hidden };
}

/** `orders-2` → `orders`; other ids are their own group. */
export const serviceOf = (id: string) => id.replace(/-\d+$/, "");

/** A topology from a run when the lab gave none: instances under their services, brokers, and who talked to whom. */
export function topologyFromEvents(events: readonly SimEvent[]): Topology {
  const nodes = new Map<string, TopologyNode>();
  const edges = new Map<string, TopologyEdge>();
  const add = (n: TopologyNode) => { if (!nodes.has(n.id)) nodes.set(n.id, n); };
  for (const e of events) {
    if (e.type === "instance.state") {
      add({ id: e.service, kind: e.service === "client" ? "client" : "service", label: e.service });
      add({ id: e.instance, kind: "instance", label: e.instance, parent: e.service });
    } else if (e.type === "broker.state") {
      add({ id: e.broker, kind: "broker", label: e.broker });
    } else if (e.type === "net.send") {
      for (const id of [e.from, e.to]) if (!nodes.has(id) && !nodes.has(serviceOf(id))) add({ id, kind: "broker", label: id });
      const a = nodes.get(e.from)?.parent ?? e.from, b = nodes.get(e.to)?.parent ?? e.to;
      const key = a < b ? `${a}|${b}` : `${b}|${a}`;
      if (a !== b && !edges.has(key)) edges.set(key, { from: a, to: b });
    }
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

/** The top-level node a node belongs to (following parent links within the topology). */
function rootOf(id: string, byId: Map<string, TopologyNode>): string {
  let cur = byId.get(id);
  for (let guard = 0; cur?.parent && byId.has(cur.parent) && guard < 8; guard++) cur = byId.get(cur.parent);
  return cur?.id ?? id;
}

/** Columns by distance from the clients (longest-path layering, cycles broken by visit order). */
function ranks(roots: TopologyNode[], edges: TopologyEdge[], rootOfId: (id: string) => string): Map<string, number> {
  const out = new Map<string, string[]>();
  for (const e of edges) {
    const a = rootOfId(e.from), b = rootOfId(e.to);
    if (a === b) continue;
    out.set(a, [...(out.get(a) ?? []), b]);
  }
  const rank = new Map<string, number>();
  const starts = roots.filter((r) => r.kind === "client");
  const queue = (starts.length ? starts : roots.slice(0, 1)).map((r) => r.id);
  for (const id of queue) rank.set(id, 0);
  const visits = new Map<string, number>();
  while (queue.length) {
    const id = queue.shift() as string;
    for (const next of (out.get(id) ?? []).sort()) {
      const r = (rank.get(id) ?? 0) + 1;
      const seen = visits.get(next) ?? 0;
      if (seen < roots.length && (rank.get(next) ?? -1) < r) { rank.set(next, r); visits.set(next, seen + 1); queue.push(next); }
    }
  }
  const max = Math.max(0, ...rank.values());
  for (const r of roots) if (!rank.has(r.id)) rank.set(r.id, r.kind === "client" ? 0 : max + 1);
  return rank;
}

/**
 * Deterministic layout in a 1000 × 600 box: fixed positions from the lab win; otherwise top-level nodes go
 * in columns by distance from the client, sorted by id within a column, and children stack inside their
 * parent's box. Same topology in, same picture out.
 */
export function layoutTopology(topology: Topology, opts: { aspect?: number } = {}): FlowLayout {
  const byId = new Map(topology.nodes.map((n) => [n.id, n]));
  const rootOfId = (id: string) => rootOf(byId.has(id) ? id : serviceOf(id), byId);
  const roots = topology.nodes.filter((n) => !n.parent || !byId.has(n.parent)).sort((a, b) => a.id.localeCompare(b.id));
  const rank = ranks(roots, topology.edges, rootOfId);
  const columns = new Map<number, TopologyNode[]>();
  for (const r of roots) columns.set(rank.get(r.id) ?? 0, [...(columns.get(rank.get(r.id) ?? 0) ?? []), r]);
  const colKeys = [...columns.keys()].sort((a, b) => a - b);
  const children = (id: string) => topology.nodes.filter((n) => n.parent === id).sort((a, b) => a.id.localeCompare(b.id, "en", { numeric: true }));

  const placed: PlacedNode[] = [];
  const collapsed = new Map<string, string>();
  colKeys.forEach((key, col) => {
    const items = columns.get(key) as TopologyNode[];
    const x = colKeys.length === 1 ? BOX_W / 2 : MARGIN_X + (col * (BOX_W - 2 * MARGIN_X)) / (colKeys.length - 1);
    items.forEach((n, row) => {
      const y = MARGIN_Y + ((row + 0.5) * (BOX_H - 2 * MARGIN_Y)) / items.length;
      const { shown: kids, hidden } = visibleChildren(n, children(n.id));
      const h = Math.max(56, kids.length * CHILD_GAP + 36);
      placed.push({ id: n.id, kind: n.kind, label: n.label, x: n.x ?? x, y: n.y ?? y, w: 150, h });
      // A collapsed group is stacked inside its service: fixed instance positions (meant for the full group) are ignored.
      const stacked = hidden.length > 0;
      kids.forEach((k, i) => {
        const ky = (n.y ?? y) + 12 + (i - (kids.length - 1) / 2) * CHILD_GAP;
        const node: PlacedNode = { id: k.id, kind: k.kind, label: k.label, parent: n.id, x: (stacked ? undefined : k.x) ?? (n.x ?? x), y: (stacked ? undefined : k.y) ?? ky, w: 132, h: 30 };
        // The summary box is a little taller: a second line counts the troubled ones.
        if (k.id === summaryIdOf(n.id) && stacked) { node.hidden = hidden; node.h = SUMMARY_H; }
        placed.push(node);
      });
      for (const id of hidden) collapsed.set(id, summaryIdOf(n.id));
    });
  });
  // Grandchildren (a partition of a topic of a broker) that the loop above did not reach.
  for (const n of topology.nodes) {
    if (placed.some((p) => p.id === n.id) || collapsed.has(n.id)) continue;
    // Whatever belongs to a hidden instance is hidden with it.
    const hiddenParent = n.parent ? collapsed.get(n.parent) : undefined;
    if (hiddenParent) { collapsed.set(n.id, hiddenParent); continue; }
    const parent = placed.find((p) => p.id === n.parent);
    placed.push({ id: n.id, kind: n.kind, label: n.label, parent: n.parent, x: n.x ?? (parent?.x ?? BOX_W / 2), y: n.y ?? (parent ? parent.y + parent.h / 2 + 20 : BOX_H / 2), w: 90, h: 24 });
  }
  if (opts.aspect) stretchToAspect(placed, opts.aspect);
  return { width: BOX_W, height: BOX_H, nodes: placed, edges: topology.edges, byId: new Map(placed.map((p) => [p.id, p])), collapsed, viewBox: extentOf(placed) };
}

/**
 * Shapes the drawing towards the panel's width/height ratio so a wide panel shows the graph large rather
 * than a small picture in the middle: columns spread apart (at most 2.5×), then rows move closer (never
 * so close that two boxes in the same column touch). Children move with their parent.
 */
function stretchToAspect(nodes: PlacedNode[], aspect: number) {
  const tops = nodes.filter((n) => !n.parent);
  // Rows closer first (that makes everything larger on screen), then columns apart for what remains.
  const ys = tops.map((n) => n.y);
  const minY = Math.min(...ys), spanY = Math.max(...ys) - minY;
  let e = extentOf(nodes);
  if (spanY > 0 && e.width / e.height < aspect) {
    let kyMin = 0.3;
    for (const a of tops) for (const b of tops) {
      if (a === b || Math.abs(a.x - b.x) >= (a.w + b.w) / 2 + 12) continue;
      const dy = Math.abs(a.y - b.y);
      if (dy > 0) kyMin = Math.max(kyMin, ((a.h + b.h) / 2 + 18) / dy);
    }
    const want = (e.width / aspect - (e.height - spanY)) / spanY;
    const ky = Math.min(1, Math.max(kyMin, want));
    const moved = new Map<string, number>();
    for (const n of tops) { const y = minY + (n.y - minY) * ky; moved.set(n.id, y - n.y); n.y = y; }
    for (const n of nodes) if (n.parent) n.y += moved.get(n.parent) ?? 0;
    e = extentOf(nodes);
  }
  const xs = tops.map((n) => n.x);
  const minX = Math.min(...xs), spanX = Math.max(...xs) - minX;
  if (spanX <= 0) return;
  const k = Math.min(2.5, Math.max(1, (aspect * e.height - (e.width - spanX)) / spanX));
  for (const n of nodes) n.x = minX + (n.x - minX) * k;
}

const GAUGE_ROOM = 110, BADGE_ROOM = 22, PAD = 16;

function extentOf(nodes: PlacedNode[]): FlowLayout["viewBox"] {
  if (!nodes.length) return { x: 0, y: 0, width: BOX_W, height: BOX_H };
  const x0 = Math.min(...nodes.map((n) => n.x - n.w / 2)) - PAD, x1 = Math.max(...nodes.map((n) => n.x + n.w / 2)) + GAUGE_ROOM;
  const y0 = Math.min(...nodes.map((n) => n.y - n.h / 2)) - BADGE_ROOM - PAD, y1 = Math.max(...nodes.map((n) => n.y + n.h / 2)) + PAD;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** Adds the lab's instances under their services when the topology draws services only. */
export function withInstances(topology: Topology, instances: readonly string[]): Topology {
  const ids = new Set(topology.nodes.map((n) => n.id));
  const extra = instances.filter((i) => !ids.has(i) && ids.has(serviceOf(i))).map((i): TopologyNode => ({ id: i, kind: "instance", label: i, parent: serviceOf(i) }));
  return extra.length ? { nodes: [...topology.nodes, ...extra], edges: topology.edges } : topology;
}

/** The drawn node that stands for `id`: itself, else the summary box of its collapsed group, else its service. */
export function drawnNodeOf(layout: FlowLayout, id: string): PlacedNode | undefined {
  const summary = layout.collapsed.get(id);
  return layout.byId.get(id) ?? (summary === undefined ? undefined : layout.byId.get(summary)) ?? layout.byId.get(serviceOf(id));
}

/** Where a message to or from `id` attaches: the node itself, else its group's summary, else its service, else the centre. */
export function anchorOf(layout: FlowLayout, id: string): { x: number; y: number } {
  const n = drawnNodeOf(layout, id);
  return n ? { x: n.x, y: n.y } : { x: BOX_W / 2, y: BOX_H / 2 };
}
