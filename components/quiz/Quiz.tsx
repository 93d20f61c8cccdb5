import type { Locale } from "@/content/outline";
import { describeZodError } from "@/lib/content/schema";
import { quizSchema, type QuizProps } from "@/lib/quiz/schema";
import { QuizClient } from "./QuizClient";

/**
 * Server side of `<Quiz>`: validates the inline data with zod at build time (a bad quiz fails the build
 * with its fields named) and hands the client plain, parsed data — zod never reaches the browser.
 */
export function Quiz({ locale, ...props }: QuizProps & { locale: Locale }) {
  const parsed = quizSchema.safeParse(props);
  if (!parsed.success) throw new Error(`<Quiz id="${String(props.id)}">: ${describeZodError(parsed.error)}`);
  return <QuizClient quiz={parsed.data} locale={locale} />;
}
