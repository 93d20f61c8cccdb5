import { describe, expect, it } from "vitest";
import { callChainEvents } from "../fixtures/sim-fixture";
import { anchorOf, layoutTopology, topologyFromEvents, withInstances } from "./layout";

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
