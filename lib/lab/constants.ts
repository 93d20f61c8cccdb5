/**
 * Plain constants of the lab protocol, with no zod: the browser imports these values (protocol.ts
 * re-exports them for the server, which also builds its schemas from them).
 */
export const LAB_NAMESPACE = "/lab";
export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8, 16] as const;
