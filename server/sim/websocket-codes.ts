/** WebSocket close codes (RFC 6455 §7.4.1, plus 1012–1014 from the IANA registry). */
export const WsCloseCode = {
  NORMAL_CLOSURE: 1000,
  GOING_AWAY: 1001,
  PROTOCOL_ERROR: 1002,
  UNSUPPORTED_DATA: 1003,
  /** Reserved: never sent in a close frame; reported when a close frame carried no code. */
  NO_STATUS_RECEIVED: 1005,
  /** Reserved: never sent; reported when the connection dropped without a close frame. */
  ABNORMAL_CLOSURE: 1006,
  INVALID_FRAME_PAYLOAD_DATA: 1007,
  POLICY_VIOLATION: 1008,
  MESSAGE_TOO_BIG: 1009,
  MANDATORY_EXTENSION: 1010,
  INTERNAL_ERROR: 1011,
  SERVICE_RESTART: 1012,
  TRY_AGAIN_LATER: 1013,
  BAD_GATEWAY: 1014,
  /** Reserved: never sent; reported when the TLS handshake failed. */
  TLS_HANDSHAKE: 1015,
} as const;

const NAMES = new Map<number, string>(Object.entries(WsCloseCode).map(([name, code]) => [code, name]));

export function wsCloseCodeName(code: number): string {
  if (NAMES.has(code)) return NAMES.get(code)!;
  if (code >= 3000 && code <= 3999) return "REGISTERED";
  if (code >= 4000 && code <= 4999) return "PRIVATE";
  return "UNKNOWN";
}

/** Codes an endpoint may put in a close frame (RFC 6455 §7.4.1–7.4.2): not 1005/1006/1015, not < 1000. */
export function isSendableCloseCode(code: number): boolean {
  if (code === 1005 || code === 1006 || code === 1015) return false;
  return (code >= 1000 && code <= 1014) || (code >= 3000 && code <= 4999);
}
