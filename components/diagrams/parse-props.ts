import type { z } from "zod";
import { describeZodError } from "@/lib/content/schema";

/** Diagram props are validated at build time; a bad one fails the build with the component and field named. */
export function parseDiagramProps<S extends z.ZodType>(component: string, schema: S, props: unknown): z.output<S> {
  const result = schema.safeParse(props);
  if (!result.success) throw new Error(`<${component}>: ${describeZodError(result.error)}`);
  return result.data;
}
