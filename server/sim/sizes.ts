/** Byte counts for the wire, computed without allocating (no TextEncoder, no Buffer). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) { bytes += 4; i++; } // surrogate pair → one 4-byte code point
    else bytes += 3;
  }
  return bytes;
}

/**
 * Size of a body whose size the caller did not state: strings as UTF-8, anything else as its JSON.
 * This is the one place JSON touches a message path; pass bodyBytes to skip it.
 */
export function measureBytes(body: unknown): number {
  if (body === undefined || body === null) return 0;
  if (typeof body === "string") return utf8Length(body);
  const json = JSON.stringify(body);
  return json === undefined ? 0 : utf8Length(json);
}

/** HTTP/1.1 header block: "name: value\r\n" per header plus the final blank line. */
export function headerBytes(headers: Record<string, string>): number {
  let bytes = 2;
  for (const name in headers) bytes += utf8Length(name) + utf8Length(headers[name]!) + 4;
  return bytes;
}
