/**
 * Static SVG has no layout engine at build time, so widths are estimated: CJK glyphs are a full em,
 * Latin glyphs about 0.6 em in the UI font. Good enough to size boxes and gaps; never used for wrapping prose.
 */
export function textWidth(text: string, fontSizePx: number): number {
  let ems = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0x2e80 || (code >= 0xff00 && code <= 0xffef)) ems += 1;
    else if (/[A-Z0-9MW@%]/.test(char)) ems += 0.66;
    else if (/[il.,:;'|!() ]/.test(char)) ems += 0.32;
    else ems += 0.56;
  }
  return ems * fontSizePx;
}

/** Splits a label on explicit "\n" so authors control line breaks in boxes and notes. */
export function lines(text: string): string[] {
  return text.split("\n");
}
