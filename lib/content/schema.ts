import { z } from "zod";

/** Frontmatter of a chapter overview (`index.mdx`). Strict: unknown keys are errors. */
export const chapterFrontmatterSchema = z
  .object({
    title: z.string().min(1).max(80).describe("The chapter title as shown in the page heading"),
    description: z.string().min(10).max(200).describe("One sentence: the question the chapter answers"),
  })
  .strict();

/** Frontmatter of a section (`<section-slug>.mdx`). */
export const sectionFrontmatterSchema = z
  .object({
    title: z.string().min(1).max(80).describe("The section title as shown in the page heading"),
    description: z.string().min(10).max(200).describe("One sentence: the question the section answers"),
    // YAML reads an unquoted 2026-11-21 as a Date; both spellings mean the same day.
    updated: z
      .union([z.iso.date(), z.date().transform((d) => d.toISOString().slice(0, 10))])
      .optional()
      .describe("ISO date (YYYY-MM-DD) of the last substantive revision"),
  })
  .strict();

export type ChapterFrontmatter = z.infer<typeof chapterFrontmatterSchema>;
export type SectionFrontmatter = z.infer<typeof sectionFrontmatterSchema>;

/** "title: Too small: expected string to have >=1 characters" — one line per issue, naming the field. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join(".") : "(root)"}: ${issue.message}`)
    .join("; ");
}
