import type { ReactNode } from "react";
import { RootHtml } from "@/components/site/RootHtml";
import { siteMetadata } from "@/lib/metadata";

export const metadata = siteMetadata("zh");
export { viewport } from "@/lib/metadata";

export default function ZhLayout({ children }: { children: ReactNode }) {
  return <RootHtml locale="zh">{children}</RootHtml>;
}
