/**
 * Start-up against dependencies that may be away (Kafka, PostgreSQL): a service never exits
 * because one is down; it tries again with a backoff capped at 2 s, so it serves again within
 * seconds of the dependency's return.
 */
import type { Logger } from '../log/index.js';

/** The longest wait between two tries. */
const RETRY_MAX_WAIT_MS = 2_000;

/**
 * Run `fn` until it succeeds (or `stopped()` turns true, when the last error is thrown).
 *
 * @example const database = await retryUntil('opening the database', () => openDatabase(options), { log });
 */
export async function retryUntil<T>(
  what: string,
  fn: () => Promise<T>,
  options: { log: Logger; stopped?: () => boolean },
): Promise<T> {
  for (let attempt = 1, wait = 100; ; attempt++, wait = Math.min(wait * 2, RETRY_MAX_WAIT_MS)) {
    try {
      return await fn();
    } catch (error) {
      if (options.stopped?.()) throw error;
      // The first failures are routine during a restart; say so once, then every 30 tries.
      if (attempt === 1 || attempt % 30 === 0) {
        options.log('warn', `${what} failed; trying again`, {
          attempt,
          error: error instanceof Error ? error.message : String(error),
        });
      }
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}
