import type { ReactNode } from "react";

/** Ids must be unique across the page and stable across builds: derive them from the caption. */
export function diagramIdBase(caption: string, number?: string): string {
  let hash = 2166136261;
  for (const char of `${number ?? ""}|${caption}`) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 16777619);
  return `dg${(hash >>> 0).toString(36)}`;
}

/** Arrowhead tones: one marker each, since a marker cannot take its colour from the line that uses it. */
export const MARKERS = ["accent", "muted", "error", "event"] as const;
export type MarkerTone = (typeof MARKERS)[number];

interface Props {
  idBase: string;
  figureLabel: string;
  caption: string;
  number?: string;
  description: string;
  width: number;
  height: number;
  children: ReactNode;
}

/** The figure around a static diagram: numbered caption, an accessible name and a text description. */
export function DiagramFigure({ idBase: id, figureLabel, caption, number, description, width, height, children }: Props) {
  return (
    <figure className="figure diagram">
      {/* Focusable so a keyboard user can scroll a wide diagram on a narrow screen. */}
      <div className="diagram-scroll" tabIndex={0} role="group" aria-label={caption}>
        <svg
          role="img"
          aria-labelledby={`${id}-t ${id}-d`}
          viewBox={`0 0 ${width} ${height}`}
          width={width}
          height={height}
          className="diagram-svg"
        >
          <title id={`${id}-t`}>{caption}</title>
          <desc id={`${id}-d`}>{description}</desc>
          <defs>
            {MARKERS.map((tone) => (
              <marker key={tone} id={`${id}-${tone}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
                <path d={tone === "event" ? "M0 0 L10 5 L0 10" : "M0 0 L10 5 L0 10 z"} className={`dg-head dg-head-${tone}`} />
              </marker>
            ))}
          </defs>
          {children}
        </svg>
      </div>
      <figcaption>
        {number ? <span className="figure-number">{`${figureLabel} ${number}`}</span> : null}
        {caption}
      </figcaption>
    </figure>
  );
}
