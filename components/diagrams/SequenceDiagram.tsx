import { DiagramFigure, diagramIdBase, type MarkerTone } from "./DiagramFigure";
import { parseDiagramProps } from "./parse-props";
import { layoutSequence, sequenceDiagramSchema, SEQ, type SeqArrow, type SeqNote, type SequenceDiagramProps } from "./sequence-layout";

const TONE: Record<SeqArrow["kind"], MarkerTone> = { request: "accent", self: "accent", response: "muted", event: "event", error: "error" };

function Arrow({ item, idBase }: { item: SeqArrow; idBase: string }) {
  const className = `dg-msg dg-msg-${item.kind}`;
  const marker = `url(#${idBase}-${TONE[item.kind]})`;
  if (item.kind === "self") {
    const { x1, y } = item;
    return (
      <g className={className}>
        <path d={`M${x1} ${y} h36 v18 h-34`} fill="none" markerEnd={marker} />
        <text x={x1 + 44} y={y + 13} className="dg-label">{item.label}</text>
      </g>
    );
  }
  const dir = item.x2 > item.x1 ? 1 : -1;
  return (
    <g className={className}>
      <line x1={item.x1} y1={item.y} x2={item.x2 - dir * 2} y2={item.y} markerEnd={marker} />
      <text x={(item.x1 + item.x2) / 2} y={item.y - 7} textAnchor="middle" className="dg-label">{item.label}</text>
    </g>
  );
}

function Note({ item }: { item: SeqNote }) {
  return (
    <g className="dg-note">
      <rect x={item.x} y={item.y} width={item.width} height={item.height} rx={4} />
      {item.lines.map((line, i) => (
        <text key={i} x={item.x + item.width / 2} y={item.y + 19 + i * SEQ.noteLine} textAnchor="middle" className="dg-label">{line}</text>
      ))}
    </g>
  );
}

/** A sequence diagram rendered to static SVG on the server: no client JavaScript. */
export function SequenceDiagram({ figureLabel = "图", ...props }: SequenceDiagramProps & { figureLabel?: string }) {
  const input = parseDiagramProps("SequenceDiagram", sequenceDiagramSchema, props);
  const layout = layoutSequence(input);
  const idBase = diagramIdBase(input.caption, input.number);
  const description = input.steps
    .map((s) => ("note" in s ? `（${s.note}）` : `${s.from} → ${s.to}：${s.label}`))
    .join("；");
  return (
    <DiagramFigure idBase={idBase} figureLabel={figureLabel} caption={input.caption} number={input.number} description={description} width={layout.width} height={layout.height}>
      {layout.participants.map((p) => (
        <g key={p.name} className="dg-participant">
          <line className="dg-lifeline" x1={p.x} y1={layout.lifelineTop} x2={p.x} y2={layout.lifelineBottom} />
          <rect x={p.x - p.width / 2} y={SEQ.top} width={p.width} height={SEQ.headerHeight - 6} rx={6} className="dg-box" />
          <text x={p.x} y={SEQ.top + 22} textAnchor="middle" className="dg-title">{p.name}</text>
        </g>
      ))}
      {layout.items.map((item, i) => (item.type === "arrow" ? <Arrow key={i} item={item} idBase={idBase} /> : <Note key={i} item={item} />))}
    </DiagramFigure>
  );
}
