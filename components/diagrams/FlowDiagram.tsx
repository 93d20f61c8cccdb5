import { DiagramFigure, diagramIdBase, type MarkerTone } from "./DiagramFigure";
import { flowDiagramSchema, layoutFlow, type FlowDiagramProps, type PlacedNode, type RoutedEdge } from "./flow-layout";
import { parseDiagramProps } from "./parse-props";
import { textWidth } from "./text-metrics";

const TONE: Record<RoutedEdge["kind"], MarkerTone> = { sync: "accent", async: "event", error: "error" };

function NodeShape({ n }: { n: PlacedNode }) {
  const { x, y, width: w, height: h } = n;
  switch (n.kind) {
    case "database":
      return <path className="dg-box" d={`M${x} ${y + 8} a${w / 2} 8 0 0 0 ${w} 0 a${w / 2} 8 0 0 0 ${-w} 0 v${h - 16} a${w / 2} 8 0 0 0 ${w} 0 v${-(h - 16)}`} />;
    case "proxy":
      return <path className="dg-box" d={`M${x + 10} ${y} h${w - 20} l10 ${h / 2} l-10 ${h / 2} h${-(w - 20)} l-10 ${-h / 2} z`} />;
    case "client":
      return <rect className="dg-box" x={x} y={y} width={w} height={h} rx={h / 2} />;
    case "external":
    case "group":
      return <rect className="dg-box dg-dashed" x={x} y={y} width={w} height={h} rx={6} />;
    case "queue":
    case "broker":
      return (
        <g>
          <rect className="dg-box dg-box-broker" x={x} y={y} width={w} height={h} rx={6} />
          {[1, 2, 3].map((i) => <line key={i} className="dg-slot" x1={x + w - 6 - i * 6} y1={y + 6} x2={x + w - 6 - i * 6} y2={y + h - 6} />)}
        </g>
      );
    default:
      return <rect className="dg-box" x={x} y={y} width={w} height={h} rx={8} />;
  }
}

function EdgeLabel({ e }: { e: RoutedEdge }) {
  if (!e.label) return null;
  const w = textWidth(e.label, 12) + 10;
  return (
    <g className="dg-edge-label">
      <rect x={e.labelX - w / 2} y={e.labelY - 10} width={w} height={18} rx={3} />
      <text x={e.labelX} y={e.labelY + 3} textAnchor="middle" className="dg-label">{e.label}</text>
    </g>
  );
}

/** A flow/topology diagram rendered to static SVG on the server: no client JavaScript. */
export function FlowDiagram({ figureLabel = "图", ...props }: FlowDiagramProps & { figureLabel?: string }) {
  const input = parseDiagramProps("FlowDiagram", flowDiagramSchema, props);
  const layout = layoutFlow(input);
  const idBase = diagramIdBase(input.caption, input.number);
  const label = new Map(input.nodes.map((n) => [n.id, n.label.replace(/\n/g, " ")]));
  const description = [
    `节点 Nodes: ${input.nodes.map((n) => n.label.replace(/\n/g, " ")).join(", ")}`,
    ...input.edges.map((e) => `${label.get(e.from)} → ${label.get(e.to)}${e.label ? ` (${e.label})` : ""}${e.kind === "async" ? " [async]" : ""}`),
  ].join("; ");
  return (
    <DiagramFigure idBase={idBase} figureLabel={figureLabel} caption={input.caption} number={input.number} description={description} width={layout.width} height={layout.height}>
      {layout.edges.map((e, i) => (
        <path key={i} d={e.path} className={`dg-edge dg-edge-${e.kind}`} fill="none" markerEnd={`url(#${idBase}-${TONE[e.kind]})`} />
      ))}
      {layout.nodes.map((n) => (
        <g key={n.id} className={`dg-node dg-node-${n.kind}`}>
          <NodeShape n={n} />
          {n.label.map((line, i) => (
            <text key={i} x={n.x + n.width / 2} y={n.y + n.height / 2 + 5 + (i - (n.label.length - 1) / 2) * 16} textAnchor="middle" className="dg-title">{line}</text>
          ))}
        </g>
      ))}
      {layout.edges.map((e, i) => <EdgeLabel key={i} e={e} />)}
    </DiagramFigure>
  );
}
