/** Quiz text is plain text with `inline code`: backticks become <code>, nothing else is interpreted. */
export function InlineText({ text }: { text: string }) {
  const parts = text.split("`");
  return <>{parts.map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))}</>;
}
