import type { Locale } from "@/content/outline";
import type { LabSummary, Localized } from "@/lib/lab/api-types";
import { LAB_DEFINITIONS } from "@/labs/index";

/** What the server-rendered placeholder shows before any lab code loads. */
export interface LabMeta { summary: LabSummary; title: string; description: string; goals: string[] }

interface DefinitionFields { id: string; chapter: string; section: string; title: Localized; description: Localized; goals: Localized[] }

/**
 * Read at build time straight from the lab definitions (labs/index.ts). Not through server/labs/registry:
 * that module finds starter files with `new URL(…, import.meta.url)`, which the app bundler cannot follow,
 * and the placeholder needs none of them.
 */
const definitions = LAB_DEFINITIONS as DefinitionFields[];

export function labMeta(id: string, locale: Locale): LabMeta | null {
  const def = definitions.find((d) => d.id === id);
  if (!def) return null;
  return {
    summary: { id: def.id, chapter: def.chapter, section: def.section, title: def.title },
    title: def.title[locale], description: def.description[locale], goals: def.goals.map((g) => g[locale]),
  };
}
