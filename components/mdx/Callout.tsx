import type { ReactNode } from "react";
import type { Dictionary } from "@/lib/i18n";

const ICONS = { note: "ℹ", tip: "✓", warning: "!", danger: "✕" } as const;
type CalloutType = keyof typeof ICONS;

interface Props { type?: CalloutType; title?: string; children: ReactNode; labels: Dictionary["callout"] }

/** A boxed aside. Its kind is written out in words as well as shown by colour. */
export function Callout({ type = "note", title, children, labels }: Props) {
  const kind: CalloutType = type in ICONS ? type : "note";
  return (
    <aside className={`callout callout-${kind}`} aria-label={title ? `${labels[kind]}：${title}` : labels[kind]}>
      <p className="callout-title">
        <span className="callout-icon" aria-hidden="true">{ICONS[kind]}</span>
        <span className="callout-kind">{labels[kind]}</span>
        {title ? <span className="callout-heading">{title}</span> : null}
      </p>
      <div className="callout-body">{children}</div>
    </aside>
  );
}
