import { getMDXComponent } from "mdx-bundler/client";
import type { Locale } from "@/content/outline";
import { mdxComponents } from "@/components/mdx/registry";

/** Renders compiled MDX on the server with the locale's component registry. */
export function MdxContent({ code, locale }: { code: string; locale: Locale }) {
  const Content = getMDXComponent(code);
  return <Content components={mdxComponents(locale) as never} />;
}
