/**
 * The WAI-ARIA tabs pattern's keys: Left/Right move to the previous/next tab (wrapping), Home/End to the
 * first/last. Returns the tab to select, or null when the key is not one of them (let it through).
 */
export function tabAfterKey<T>(tabs: readonly T[], current: T, key: string): T | null {
  if (!tabs.length) return null;
  const at = Math.max(0, tabs.indexOf(current));
  const n = tabs.length;
  switch (key) {
    case "ArrowRight": return tabs[(at + 1) % n] as T;
    case "ArrowLeft": return tabs[(at - 1 + n) % n] as T;
    case "Home": return tabs[0] as T;
    case "End": return tabs[n - 1] as T;
    default: return null;
  }
}
