import Link from "next/link";

interface Target { href: string; title: string }
interface Props { prev?: Target; next?: Target; labels: { previous: string; next: string } }

export function PrevNext({ prev, next, labels }: Props) {
  if (!prev && !next) return null;
  return (
    <nav className="prev-next" aria-label={`${labels.previous} / ${labels.next}`}>
      {prev ? (
        <Link href={prev.href} rel="prev" className="prev">
          <span className="pn-label">← {labels.previous}</span>
          <span className="pn-title">{prev.title}</span>
        </Link>
      ) : <span />}
      {next ? (
        <Link href={next.href} rel="next" className="next">
          <span className="pn-label">{labels.next} →</span>
          <span className="pn-title">{next.title}</span>
        </Link>
      ) : <span />}
    </nav>
  );
}
