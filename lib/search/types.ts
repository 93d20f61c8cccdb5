import { z } from "zod";

/** One searchable chunk: the text under one heading of one page. */
export const searchEntrySchema = z.object({
  url: z.string(),
  page: z.string(),
  heading: z.string(),
  text: z.string(),
});
export const searchIndexSchema = z.object({
  locale: z.enum(["zh", "en"]),
  builtAt: z.string(),
  entries: z.array(searchEntrySchema),
});
export type SearchEntry = z.infer<typeof searchEntrySchema>;
export type SearchIndex = z.infer<typeof searchIndexSchema>;
