/**
 * SIGINT/SIGTERM handling for the Node services' `main.ts`: close what the process opened, in
 * order, once, then exit (0, or 1 if closing failed). A second signal while closing is ignored.
 */
import type { Logger } from '../log/index.js';

/**
 * @example closeOnSignal(log, [() => processor.close(), () => bus.close(), () => database.close()]);
 */
export function closeOnSignal(
  log: Logger,
  closers: readonly (() => Promise<void> | void)[],
  details?: () => Record<string, unknown>,
): void {
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log('info', 'shutting down', { signal, ...details?.() });
    (async () => {
      for (const close of closers) await close();
    })().then(
      () => process.exit(0),
      (error: unknown) => {
        log('error', 'shutdown failed', {
          error: error instanceof Error ? error.message : String(error),
        });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
