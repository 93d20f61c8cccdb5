import type { Metadata } from "next";
import Link from "next/link";
import { themeScript } from "@/components/site/theme-script";
import { t } from "@/lib/i18n";
import "./globals.css";

export const metadata: Metadata = { title: "404 · 页面不存在 / Page not found" };

/** Unmatched URLs of either locale: the URL doesn't say which language the reader wants, so say both. */
export default function GlobalNotFound() {
  const zh = t("zh");
  const en = t("en");
  return (
    <html lang="zh-CN" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body>
        <main id="main" className="not-found">
          <h1>404 · {zh.notFoundTitle}</h1>
          <p>{zh.notFoundBody}</p>
          <p><Link href="/">{zh.backHome}</Link></p>
          <h2 lang="en">{en.notFoundTitle}</h2>
          <p lang="en">{en.notFoundBody}</p>
          <p lang="en"><Link href="/en">{en.backHome}</Link></p>
        </main>
      </body>
    </html>
  );
}
