import type { ComponentProps, ReactNode } from "react";
import type { Locale } from "@/content/outline";
import { FlowDiagram } from "@/components/diagrams/FlowDiagram";
import { SequenceDiagram } from "@/components/diagrams/SequenceDiagram";
import { publishedPages } from "@/lib/content/repo";
import { t } from "@/lib/i18n";
import { Lab } from "@/components/lab/Lab";
import { Quiz } from "@/components/quiz/Quiz";
import type { QuizProps } from "@/lib/quiz/schema";
import { Callout } from "./Callout";
import { CodeBlock, type PreProps } from "./CodeBlock";
import { Figure } from "./Figure";
import { makeHeading } from "./Heading";
import { MdxLink } from "./MdxLink";

/**
 * The one registry mapping MDX tags to components, bound to a locale for UI strings.
 * MDX files never import: everything arrives through `components`.
 */
export function mdxComponents(locale: Locale) {
  const dict = t(locale);
  const labels = { copy: dict.copy, copied: dict.copied, copyCode: dict.copyCode };
  const published = new Set(publishedPages(locale).map((p) => p.url));
  return {
    a: (props: ComponentProps<"a">) => <MdxLink {...props} published={published} notYetAvailable={locale === "zh" ? `（${dict.notYetAvailable}）` : ` (${dict.notYetAvailable.toLowerCase()})`} />,
    pre: (props: PreProps) => <CodeBlock {...props} labels={labels} />,
    table: (props: ComponentProps<"table">) => (
      <div className="table-scroll" role="region" aria-label={dict.table} tabIndex={0}>
        <table {...props} />
      </div>
    ),
    h2: makeHeading("h2", dict.anchorTo),
    h3: makeHeading("h3", dict.anchorTo),
    h4: makeHeading("h4", dict.anchorTo),
    Callout: (props: { type?: "note" | "tip" | "warning" | "danger"; title?: string; children: ReactNode }) => (
      <Callout {...props} labels={dict.callout} />
    ),
    Figure: (props: { caption: string; number?: string; children: ReactNode }) => <Figure {...props} figureLabel={dict.figure} />,
    SequenceDiagram: (props: ComponentProps<typeof SequenceDiagram>) => <SequenceDiagram {...props} figureLabel={dict.figure} />,
    FlowDiagram: (props: ComponentProps<typeof FlowDiagram>) => <FlowDiagram {...props} figureLabel={dict.figure} />,
    Quiz: (props: QuizProps) => <Quiz {...props} locale={locale} />,
    Lab: (props: { id: string }) => <Lab id={props.id} locale={locale} />,
  };
}
