import type { Dictionary } from "@/lib/i18n";

/** Colour and glyph key for the flow view. */
export function Legend({ labels }: { labels: Dictionary["lab"]["legend"] }) {
  return (
    <ul className="lab-legend">
      {(["request", "response", "event", "error"] as const).map((k) => <li key={k}><span className={`lab-dot msg-${k}`} aria-hidden="true" />{labels[k]}</li>)}
      <li><span aria-hidden="true" className="marker-drop">✕</span>{labels.drop}</li>
      <li><span aria-hidden="true" className="marker-timeout">⏱</span>{labels.timeout}</li>
      <li><span aria-hidden="true" className="marker-retry">↻</span>{labels.retry}</li>
    </ul>
  );
}
