/**
 * JSON-lines logging for the Node services of the backbone (bridge, processor). One line per
 * event on stderr; callers never pass secrets (tokens, authorization headers, full URLs).
 */
export type LogLevel = 'error' | 'warn' | 'info' | 'debug';
export type Logger = (level: LogLevel, message: string, extra?: Record<string, unknown>) => void;

const ORDER: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

/**
 * A logger that writes `{"level","component","message",…}` lines at `minLevel` and above.
 *
 * @example const log = createLogger('bridge'); log('info', 'listening', { port: 8083 });
 */
export function createLogger(component: string, minLevel: LogLevel = 'info'): Logger {
  return (level, message, extra) => {
    if (ORDER[level] > ORDER[minLevel]) return;
    process.stderr.write(
      `${JSON.stringify({ time: new Date().toISOString(), level, component, message, ...extra })}\n`,
    );
  };
}

/** A logger that drops everything (tests). */
export const silentLogger: Logger = () => undefined;
