import type { ReactNode } from "react";
import { RootHtml } from "@/components/site/RootHtml";
import { siteMetadata } from "@/lib/metadata";

export const metadata = siteMetadata("en");
export { viewport } from "@/lib/metadata";

export default function EnLayout({ children }: { children: ReactNode }) {
  return <RootHtml locale="en">{children}</RootHtml>;
}
