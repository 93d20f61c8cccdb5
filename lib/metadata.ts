import type { Metadata, Viewport } from "next";
import { BOOK_TITLE, type Locale } from "@/content/outline";

export function siteMetadata(locale: Locale): Metadata {
  return {
    title: { default: BOOK_TITLE[locale], template: `%s · ${locale === "zh" ? "服务间通信" : "Service-to-Service Communication"}` },
    description: locale === "zh"
      ? "一本可以动手的交互式图书：微服务架构中的服务间通信，从入门到精通。"
      : "An interactive book on service-to-service communication in microservices, from beginner to expert.",
  };
}

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#0f1419" },
  ],
};
