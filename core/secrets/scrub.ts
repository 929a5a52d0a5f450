/**
 * Secrets never reach the DLQ, logs or errors: settings' secret values and credentials in URLs
 * are replaced by `[redacted]` before anything is stored.
 */

/** Response bodies kept in DLQ records are cut to this many bytes. */
export const DLQ_BODY_LIMIT = 2048;

const QUERY_SECRET =
  /([?&](?:access_token|token|api_key|apikey|key|secret|password|auth|signature|sig|api_secret)=)[^&#\s"']+/gi;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g;
const URL_USERINFO = /(https?:\/\/)[^/\s:@]+:[^/\s@]+@/gi;

/**
 * The secret strings of a settings object, from its `secretKeys` (nested values included).
 *
 * @example secretValues({ token: 'abc', url: 'x' }, ['token']) // → ['abc']
 */
export function secretValues(settings: unknown, secretKeys: readonly string[]): string[] {
  const out: string[] = [];
  const keys = new Set(secretKeys);
  const visit = (value: unknown, underSecret: boolean): void => {
    if (typeof value === 'string' || typeof value === 'number') {
      const s = String(value);
      if (underSecret && s.length >= 4) out.push(s);
    } else if (Array.isArray(value)) value.forEach((v) => visit(v, underSecret));
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) visit(v, underSecret || keys.has(k));
  };
  visit(settings, false);
  return out.sort((a, b) => b.length - a.length);
}

/**
 * Replace known secret values, tokens in query strings, auth headers and URL credentials.
 *
 * @example scrub('https://x/?access_token=abc&a=1', []) // → 'https://x/?access_token=[redacted]&a=1'
 */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s) out = out.split(s).join('[redacted]');
  return out
    .replace(QUERY_SECRET, '$1[redacted]')
    .replace(BEARER, '$1 [redacted]')
    .replace(URL_USERINFO, '$1[redacted]@');
}

/**
 * Cut to `limit` bytes of UTF-8 (never splitting a character), marking the cut.
 *
 * @example truncate('abcdef', 3) // → 'abc…[truncated]'
 */
export function truncate(text: string, limit = DLQ_BODY_LIMIT): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= limit) return text;
  return (
    bytes
      .subarray(0, limit)
      .toString('utf8')
      .replace(/\uFFFD$/, '') + '…[truncated]'
  );
}
