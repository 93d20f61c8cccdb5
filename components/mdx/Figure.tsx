import type { ReactNode } from "react";

interface Props { caption: string; number?: string; children: ReactNode; figureLabel: string }

export function Figure({ caption, number, children, figureLabel }: Props) {
  return (
    <figure className="figure">
      {children}
      <figcaption>
        {number ? <span className="figure-number">{`${figureLabel} ${number}`}</span> : null}
        {caption}
      </figcaption>
    </figure>
  );
}
