/**
 * How a fill-in answer is compared: NFKC folds full-width letters, digits and punctuation to their ASCII
 * forms (`２０１` → `201`), case is folded, and all whitespace is dropped — readers of a mixed CJK/Latin
 * text disagree about the space in `HTTP 超时` versus `HTTP超时`, and neither should be marked wrong.
 */
export function normalizeFill(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/gu, "");
}
