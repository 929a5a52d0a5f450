/**
 * The database settings every service's environment carries, parsed the same way by each config
 * schema (admin, processor, delivery, the local stack) and turned into `openDatabase`'s options.
 */
import { z } from 'zod';

/** PGlite in a worker thread of its own (`0`: in the main thread; docs/local-stack.md). */
export const PgliteThreadSetting = z
  .enum(['0', '1'])
  .default('1')
  .transform((v) => v === '1');

/**
 * `openDatabase`'s options from a parsed config.
 *
 * @example await openDatabase(databaseOptions(loadConfig()))
 */
export function databaseOptions(config: {
  DATABASE_URL?: string | undefined;
  DATAFLY_DATA_DIR: string;
  DATAFLY_PGLITE_THREAD: boolean;
}): { url: string | undefined; dataDir: string; thread: boolean } {
  return {
    url: config.DATABASE_URL,
    dataDir: config.DATAFLY_DATA_DIR,
    thread: config.DATAFLY_PGLITE_THREAD,
  };
}
