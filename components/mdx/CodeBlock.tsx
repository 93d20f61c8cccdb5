import type { ComponentProps } from "react";
import { CopyButton } from "./CopyButton";

export type PreProps = ComponentProps<"pre"> & { "data-title"?: string; "data-language"?: string };
interface Labels { copy: string; copied: string; copyCode: string }

/** Shiki's <pre> (highlighted at build time) with a header: title, language and a copy button. */
export function CodeBlock({ "data-title": title, "data-language": language, title: _nativeTitle, children, labels, ...rest }: PreProps & { labels: Labels }) {
  return (
    <div className="code-block">
      <div className="code-header">
        <span className="code-title">{title ?? ""}</span>
        {language && language !== "text" ? <span className="code-lang">{language}</span> : null}
        <CopyButton labels={labels} />
      </div>
      <pre {...rest}>{children}</pre>
    </div>
  );
}
