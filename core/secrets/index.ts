/**
 * Secrets that hide inside ordinary config values: the user-info of a URL
 * (`https://user:pass@host`), secret-looking query parameters (`?api_key=…`) and custom header
 * values. Admin masks them on every read path; the preview masks them in the requests it shows.
 */

/** The mask shown instead of a secret. */
const SECRET_MASK = '••••';

/** Query parameter names whose values are treated as secrets. */
const SECRET_QUERY_NAME =
  /(key|token|secret|password|passwd|pwd|auth|signature|sig|credential|session|code)/i;

const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)([^@/?#]*)@/i;

/**
 * The secret strings inside a URL: user-info parts and secret query values (decoded and raw).
 *
 * @example urlSecrets('https://u:p4ss@x.example/h?api_key=abc123&x=1') // → ['u', 'p4ss', 'abc123']
 */
export function urlSecrets(url: string): string[] {
  const out: string[] = [];
  const info = USERINFO.exec(url)?.[2];
  if (info) for (const part of info.split(':')) if (part) out.push(part, safeDecode(part));
  for (const [name, value] of queryPairs(url))
    if (value && SECRET_QUERY_NAME.test(safeDecode(name))) out.push(value, safeDecode(value));
  return [...new Set(out)];
}

/**
 * The URL with its user-info and secret query values replaced by the mask.
 *
 * @example maskUrl('https://u:p@x.example/h?api_key=abc&x=1') // → 'https://••••@x.example/h?api_key=••••&x=1'
 */
export function maskUrl(url: string): string {
  let out = url.replace(USERINFO, (_m, scheme: string) => `${scheme}${SECRET_MASK}@`);
  const q = out.indexOf('?');
  if (q < 0) return out;
  const hash = out.indexOf('#', q);
  const query = out.slice(q + 1, hash < 0 ? undefined : hash);
  const masked = query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      const name = pair.slice(0, eq);
      return SECRET_QUERY_NAME.test(safeDecode(name)) && pair.length > eq + 1
        ? `${name}=${SECRET_MASK}`
        : pair;
    })
    .join('&');
  out = out.slice(0, q + 1) + masked + (hash < 0 ? '' : out.slice(hash));
  return out;
}

function queryPairs(url: string): [string, string][] {
  const q = url.indexOf('?');
  if (q < 0) return [];
  const hash = url.indexOf('#', q);
  return url
    .slice(q + 1, hash < 0 ? undefined : hash)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      return eq < 0 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)];
    });
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replaceAll('+', ' '));
  } catch {
    return s;
  }
}
