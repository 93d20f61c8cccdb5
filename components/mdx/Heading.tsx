import type { ComponentProps } from "react";
import { toPlainText } from "./plain-text";

/** h2–h4 with a visible, keyboard-reachable anchor link after the text. */
export function makeHeading(Tag: "h2" | "h3" | "h4", anchorLabel: (text: string) => string) {
  function Heading({ id, children, ...rest }: ComponentProps<"h2">) {
    return (
      <Tag id={id} {...rest}>
        {children}
        {id ? <a className="heading-anchor" href={`#${id}`} aria-label={anchorLabel(toPlainText(children))}>#</a> : null}
      </Tag>
    );
  }
  Heading.displayName = `Heading(${Tag})`;
  return Heading;
}
