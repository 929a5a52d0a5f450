/** Postgres error codes → the error taxonomy (both drivers wrap the server error in `cause`). */
import { DataflyError } from '../../core/errors/index.js';

/** The SQLSTATE of a database error, looking through Drizzle's wrapper. */
export function sqlState(e: unknown): string | undefined {
  for (let cur: unknown = e, depth = 0; cur && depth < 5; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Map constraint violations to 409; everything else passes through unchanged.
 *
 * @example catch (e) { throw asConflict(e, 'a pipeline already uses this template') }
 */
export function asConflict(e: unknown, message: string, field?: string): unknown {
  const state = sqlState(e);
  if (state === '23505' || state === '23503' || state === '23514') {
    return new DataflyError('conflict', message, { cause: e, ...(field ? { field } : {}) });
  }
  return e;
}
