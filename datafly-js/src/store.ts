/**
 * JSON in localStorage that never throws: storage may be blocked (sandboxed frames, privacy
 * modes) or full, and then the collector keeps working for the page without persistence.
 *
 * @example write(window, '_df_c', { analytics: true }); read(window, '_df_c') // → { analytics: true }
 */
export function read<T>(w: Window, key: string): T | undefined {
  try {
    return (JSON.parse(w.localStorage.getItem(key) as string) as T | null) || undefined;
  } catch {
    return undefined;
  }
}

/** Store a value as JSON; quietly does nothing when storage refuses. */
export function write(w: Window, key: string, value: unknown): void {
  try {
    w.localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // blocked or full: the value lives for this page only
  }
}
