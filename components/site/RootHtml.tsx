import type { ReactNode } from "react";
import type { Locale } from "@/content/outline";
import { HTML_LANG } from "@/lib/i18n";
import { themeScript } from "./theme-script";
import "katex/dist/katex.min.css";
import "@/app/globals.css";

/** The <html> of each locale's root layout: language, and the theme applied before first paint. */
export function RootHtml({ locale, children }: { locale: Locale; children: ReactNode }) {
  return (
    <html lang={HTML_LANG[locale]} suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body>{children}</body>
    </html>
  );
}
