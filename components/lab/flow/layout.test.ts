import { describe, expect, it } from "vitest";
import { callChainEvents } from "../fixtures/sim-fixture";
import { anchorOf, drawnNodeOf, layoutTopology, MAX_INSTANCES, summaryIdOf, topologyFromEvents, withInstances } from "./layout";

describe("flow layout", () => {
  const events = callChainEvents();

  it("derives services, instances and the broker from a run", () => {
    const topo = topologyFromEvents(events);
    const ids = topo.nodes.map((n) => n.id).sort();
    expect(ids).toEqual(["client", "client-1", "orders", "orders-1", "payments", "payments-1", "payments-2", "rabbit"]);
    expect(topo.nodes.find((n) => n.id === "payments-2")?.parent).toBe("payments");
    expect(topo.edges).toContainEqual({ from: "client", to: "orders" });
  });

  it("is deterministic and puts the client left of the services it calls", () => {
    const a = layoutTopology(topologyFromEvents(events));
    const b = layoutTopology(topologyFromEvents(events));
    expect(a.nodes).toEqual(b.nodes);
    const x = (id: string) => a.byId.get(id)?.x ?? NaN;
    expect(x("client")).toBeLessThan(x("orders"));
    expect(x("orders")).toBeLessThan(x("payments"));
    for (const n of a.nodes) {
      expect(n.x).toBeGreaterThanOrEqual(0); expect(n.x).toBeLessThanOrEqual(1000);
      expect(n.y).toBeGreaterThanOrEqual(0); expect(n.y).toBeLessThanOrEqual(600);
    }
  });

  it("stacks instances inside their service without overlap", () => {
    const l = layoutTopology(topologyFromEvents(events));
    const p1 = l.byId.get("payments-1"), p2 = l.byId.get("payments-2");
    expect(p1?.x).toBe(l.byId.get("payments")?.x);
    expect(Math.abs((p1?.y ?? 0) - (p2?.y ?? 0))).toBeGreaterThanOrEqual(p1?.h ?? 0);
  });

  it("keeps fixed positions from the lab and anchors unknown instances on their service", () => {
    const l = layoutTopology({ nodes: [{ id: "a", kind: "service", label: "A", x: 100, y: 200 }, { id: "b", kind: "service", label: "B" }], edges: [{ from: "a", to: "b" }] });
    expect(l.byId.get("a")).toMatchObject({ x: 100, y: 200 });
    expect(anchorOf(l, "a-3")).toEqual({ x: 100, y: 200 });
  });

  it("adds instances under services and fits the viewBox around every node", () => {
    const topo = withInstances({ nodes: [{ id: "client", kind: "client", label: "client", x: 60, y: 300 }, { id: "pay", kind: "service", label: "pay", x: 620, y: 360 }], edges: [] }, ["pay-1", "pay-2", "ghost-1"]);
    expect(topo.nodes.map((n) => n.id)).toEqual(["client", "pay", "pay-1", "pay-2"]);
    const l = layoutTopology(topo);
    for (const n of l.nodes) {
      expect(n.x - n.w / 2).toBeGreaterThanOrEqual(l.viewBox.x);
      expect(n.x + n.w / 2).toBeLessThanOrEqual(l.viewBox.x + l.viewBox.width);
      expect(n.y - n.h / 2).toBeGreaterThanOrEqual(l.viewBox.y);
    }
  });
});

describe("layout fitted to a wide panel", () => {
  it("widens and flattens towards the panel's ratio without boxes in a column touching", () => {
    const topo = withInstances({ nodes: [
      { id: "client", kind: "client", label: "client", x: 60, y: 300 },
      { id: "a", kind: "service", label: "a", x: 300, y: 100 }, { id: "b", kind: "service", label: "b", x: 300, y: 500 },
      { id: "c", kind: "service", label: "c", x: 620, y: 300 },
    ], edges: [] }, ["a-1", "a-2", "b-1", "c-1"]);
    const plain = layoutTopology(topo), wide = layoutTopology(topo, { aspect: 3 });
    expect(wide.viewBox.width / wide.viewBox.height).toBeGreaterThan(plain.viewBox.width / plain.viewBox.height);
    const a = wide.byId.get("a")!, b = wide.byId.get("b")!;
    expect(b.y - a.y).toBeGreaterThanOrEqual((a.h + b.h) / 2);
    expect(wide.byId.get("a-1")!.y - a.y).toBeCloseTo(plain.byId.get("a-1")!.y - plain.byId.get("a")!.y);
  });
});

describe("collapsed instance groups", () => {
  // Lab 06's shape: 41 browsers (a client with fixed position) talking to a gateway with two instances.
  const browsers = Array.from({ length: 41 }, (_, i) => `browsers-${i + 1}`);
  const topo = withInstances({ nodes: [
    { id: "gw", kind: "service", label: "gw", x: 700, y: 200 },
    { id: "gw-1", kind: "instance", label: "gw-1", parent: "gw", x: 700, y: 170 },
    { id: "gw-2", kind: "instance", label: "gw-2", parent: "gw", x: 700, y: 230 },
    { id: "browsers", kind: "client", label: "browsers ×41", x: 920, y: 340 },
  ], edges: [{ from: "browsers", to: "gw" }] }, ["gw-1", "gw-2", ...browsers]);

  it("shows the first instances in numeric order and one summary box for the rest", () => {
    const l = layoutTopology(topo);
    const kids = l.nodes.filter((n) => n.parent === "browsers");
    expect(kids.map((n) => n.id)).toEqual([...browsers.slice(0, MAX_INSTANCES), summaryIdOf("browsers")]);
    const summary = l.byId.get(summaryIdOf("browsers"));
    expect(summary?.hidden).toEqual(browsers.slice(MAX_INSTANCES));
    expect(summary?.hidden).toHaveLength(35);
    for (const id of browsers.slice(MAX_INSTANCES)) {
      expect(l.byId.has(id)).toBe(false);
      expect(l.collapsed.get(id)).toBe(summaryIdOf("browsers"));
    }
    // Small groups are untouched.
    expect(l.nodes.filter((n) => n.parent === "gw").map((n) => n.id)).toEqual(["gw-1", "gw-2"]);
    expect(l.byId.get("gw-1")).toMatchObject({ x: 700, y: 170 });
    expect(l.nodes.some((n) => n.hidden && n.parent === "gw")).toBe(false);
  });

  it("stacks the group inside its service without overlap and within the viewBox", () => {
    for (const l of [layoutTopology(topo), layoutTopology(topo, { aspect: 2.5 })]) {
      const parent = l.byId.get("browsers")!;
      const kids = l.nodes.filter((n) => n.parent === "browsers");
      for (let i = 1; i < kids.length; i++) {
        const a = kids[i - 1]!, b = kids[i]!;
        expect(b.y - a.y).toBeGreaterThanOrEqual((a.h + b.h) / 2);
      }
      for (const k of kids) {
        expect(k.y - k.h / 2).toBeGreaterThanOrEqual(parent.y - parent.h / 2);
        expect(k.y + k.h / 2).toBeLessThanOrEqual(parent.y + parent.h / 2);
        expect(k.x).toBe(parent.x);
      }
      expect(parent.h).toBeLessThan(400);
      for (const n of l.nodes) {
        expect(n.y - n.h / 2).toBeGreaterThanOrEqual(l.viewBox.y);
        expect(n.y + n.h / 2).toBeLessThanOrEqual(l.viewBox.y + l.viewBox.height);
      }
    }
  });

  it("is deterministic whatever order the instances come in", () => {
    const shuffled = { nodes: [...topo.nodes].reverse(), edges: topo.edges };
    const a = layoutTopology(topo), b = layoutTopology(shuffled);
    const pick = (l: ReturnType<typeof layoutTopology>) => [...l.nodes].sort((x, y) => x.id.localeCompare(y.id));
    expect(pick(a)).toEqual(pick(b));
    expect([...a.collapsed].sort()).toEqual([...b.collapsed].sort());
  });

  it("routes hidden instances (and what hangs under them) to the summary box", () => {
    const withChild = { nodes: [...topo.nodes, { id: "browsers-40/tab", kind: "partition" as const, label: "tab", parent: "browsers-40" }], edges: topo.edges };
    const l = layoutTopology(withChild);
    const summary = l.byId.get(summaryIdOf("browsers"))!;
    expect(anchorOf(l, "browsers-41")).toEqual({ x: summary.x, y: summary.y });
    expect(drawnNodeOf(l, "browsers-17")?.id).toBe(summary.id);
    expect(l.byId.has("browsers-40/tab")).toBe(false);
    expect(drawnNodeOf(l, "browsers-40/tab")?.id).toBe(summary.id);
    // Visible instances keep their own boxes; unknown instances still fall back to their service.
    expect(anchorOf(l, "browsers-3")).toEqual({ x: l.byId.get("browsers-3")!.x, y: l.byId.get("browsers-3")!.y });
    expect(anchorOf(l, "gw-9")).toEqual({ x: l.byId.get("gw")!.x, y: l.byId.get("gw")!.y });
  });

  it("collapses at seven instances, not at six", () => {
    const group = (n: number) => layoutTopology(withInstances({ nodes: [{ id: "s", kind: "service", label: "s" }], edges: [] }, Array.from({ length: n }, (_, i) => `s-${i + 1}`)));
    expect(group(6).nodes.filter((n) => n.parent === "s")).toHaveLength(6);
    expect(group(6).collapsed.size).toBe(0);
    expect(group(7).nodes.filter((n) => n.parent === "s").map((n) => n.id)).toEqual(["s-1", "s-2", "s-3", "s-4", "s-5", "s-6", "s:more"]);
    expect(group(7).byId.get("s:more")?.hidden).toEqual(["s-7"]);
  });
});
