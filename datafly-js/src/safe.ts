/**
 * Wrap a function so that nothing it throws reaches the host page (it returns undefined then).
 *
 * @example safe(() => JSON.parse('{'))() // → undefined, no exception
 */
export function safe<A extends unknown[], R>(f: (...a: A) => R): (...a: A) => R | undefined {
  return (...a) => {
    try {
      return f(...a);
    } catch {
      return undefined;
    }
  };
}
