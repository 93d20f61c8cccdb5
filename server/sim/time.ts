/**
 * Simulated time. Branded so a wall-clock number (read from the host clock) can never be passed
 * where virtual time is expected without an explicit, greppable cast.
 */
export type SimTimeMs = number & { readonly __brand: "SimTimeMs" };

export function simTimeMs(valueMs: number): SimTimeMs {
  return valueMs as SimTimeMs;
}

export const SIM_TIME_ZERO = simTimeMs(0);

/** Parses "200ms", "1.5s", "2m" or a bare number (milliseconds). Used by the terminal commands. */
export function parseDurationMs(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!match) return undefined;
  const value = Number(match[1]);
  const unit = match[2] ?? "ms";
  if (unit === "s") return value * 1000;
  if (unit === "m") return value * 60_000;
  return value;
}
