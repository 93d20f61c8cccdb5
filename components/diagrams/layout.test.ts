import { describe, expect, it } from "vitest";
import { flowDiagramSchema, layoutFlow } from "./flow-layout";
import { layoutSequence, sequenceDiagramSchema } from "./sequence-layout";
import { textWidth } from "./text-metrics";

describe("sequence layout", () => {
  const input = sequenceDiagramSchema.parse({
    caption: "c",
    participants: ["客户端", "订单服务", "支付服务"],
    steps: [
      { from: "客户端", to: "订单服务", label: "POST /orders" },
      { from: "订单服务", to: "支付服务", label: "一个相当长的标签，需要把两列之间撑开才能放得下" },
      { note: "等待 2 s", over: "订单服务" },
      { from: "支付服务", to: "订单服务", label: "超时", kind: "error" },
      { from: "订单服务", to: "订单服务", label: "记录日志" },
    ],
  });
  const layout = layoutSequence(input);

  it("widens a gap until its longest label fits", () => {
    const [, orders, payments] = layout.participants;
    expect(payments!.x - orders!.x).toBeGreaterThanOrEqual(textWidth("一个相当长的标签，需要把两列之间撑开才能放得下", 12));
  });

  it("places steps top to bottom and keeps everything inside the canvas", () => {
    const ys = layout.items.map((i) => i.y);
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
    for (const item of layout.items) {
      if (item.type === "note") expect(item.x + item.width).toBeLessThanOrEqual(layout.width);
      else expect(Math.max(item.x1, item.x2)).toBeLessThanOrEqual(layout.width);
    }
    expect(layout.lifelineBottom).toBeLessThanOrEqual(layout.height);
  });

  it("turns a message to oneself into a self arrow", () => {
    expect(layout.items.filter((i) => i.type === "arrow").map((i) => i.kind)).toEqual(["request", "request", "error", "self"]);
  });

  it("is deterministic", () => {
    expect(layoutSequence(input)).toEqual(layout);
  });
});

describe("flow layout", () => {
  const input = flowDiagramSchema.parse({
    caption: "c",
    nodes: [
      { id: "client", label: "浏览器", kind: "client" },
      { id: "gw", label: "API 网关", kind: "proxy" },
      { id: "orders", label: "订单服务" },
      { id: "payments", label: "支付服务" },
      { id: "mq", label: "消息代理", kind: "broker" },
      { id: "ship", label: "物流服务" },
    ],
    edges: [
      { from: "client", to: "gw", label: "HTTPS" },
      { from: "gw", to: "orders" },
      { from: "orders", to: "payments" },
      { from: "orders", to: "mq", label: "OrderPlaced", kind: "async" },
      { from: "mq", to: "ship", kind: "async" },
      { from: "payments", to: "orders", label: "回调" },
    ],
  });
  const layout = layoutFlow(input);
  const node = (id: string) => layout.nodes.find((n) => n.id === id)!;

  it("puts each node one layer after its furthest predecessor (LR)", () => {
    expect(node("client").x).toBeLessThan(node("gw").x);
    expect(node("gw").x).toBeLessThan(node("orders").x);
    expect(node("payments").x).toBe(node("mq").x);
    expect(node("ship").x).toBeGreaterThan(node("mq").x);
  });

  it("never overlaps two nodes", () => {
    for (const a of layout.nodes) for (const b of layout.nodes) {
      if (a === b) continue;
      const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
      expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
    }
  });

  it("routes back edges and keeps the canvas around every node", () => {
    expect(layout.edges).toHaveLength(6);
    for (const n of layout.nodes) {
      expect(n.x + n.width).toBeLessThanOrEqual(layout.width);
      expect(n.y + n.height).toBeLessThanOrEqual(layout.height);
    }
  });

  it("honours pinned layers and rows and the TB direction", () => {
    const tb = layoutFlow(flowDiagramSchema.parse({
      caption: "c", direction: "TB",
      nodes: [{ id: "a", label: "A" }, { id: "b", label: "B", layer: 2, row: 1 }],
      edges: [{ from: "a", to: "b" }],
    }));
    const [a, b] = tb.nodes;
    expect(b!.y).toBeGreaterThan(a!.y);
    expect(b!.x).toBeGreaterThan(a!.x);
  });

  it("rejects duplicate ids and unknown edge ends with the field named", () => {
    const result = flowDiagramSchema.safeParse({ caption: "c", nodes: [{ id: "a", label: "A" }, { id: "a", label: "B" }], edges: [{ from: "a", to: "x" }] });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join("."))).toEqual(["nodes.1.id", "edges.0.to"]);
  });
});
