import Link from "next/link";
import type { ComponentProps } from "react";

interface Props extends ComponentProps<"a"> {
  /** URLs (without anchors) of the published pages of this locale. */
  published: ReadonlySet<string>;
  /** Already formatted for the locale, e.g. "（尚未发布）" or " (not yet available)". */
  notYetAvailable: string;
}

/**
 * Internal links use next/link. A link to a chapter that is planned but not yet published is a forward
 * reference: shown as text marked "not yet available", never as a link to a 404.
 */
export function MdxLink({ href = "", children, published, notYetAvailable, ...rest }: Props) {
  if (href.startsWith("/")) {
    const target = href.split("#")[0]!.replace(/(.)\/$/, "$1");
    if (!published.has(target) && target !== "/" && target !== "/en") {
      return (
        <span className="forward-ref" title={notYetAvailable}>
          {children}
          <span className="forward-ref-note">{notYetAvailable}</span>
        </span>
      );
    }
    return <Link href={href} {...rest}>{children}</Link>;
  }
  if (href.startsWith("#")) return <a href={href} {...rest}>{children}</a>;
  return <a href={href} rel="noreferrer" {...rest}>{children}</a>;
}
