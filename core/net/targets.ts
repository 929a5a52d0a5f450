/**
 * Where a configured URL may point. A webhook, a custom Delivery Spec or an endpoint override is
 * an outbound request the platform makes on a customer's behalf, so a saved URL must not reach
 * the platform's own network: loopback, private (RFC 1918), carrier-grade NAT, link-local (the
 * cloud metadata address 169.254.169.254 among them), unique-local IPv6, unspecified, multicast
 * and reserved ranges, and the names `localhost`, `*.localhost`, `*.internal`, `*.local`. An
 * operator allows named hosts (the local vendor sandbox, a private receiver) by listing them in
 * `ADMIN_ALLOW_PRIVATE_TARGETS` (docs/security.md). Names are judged as written; a public name
 * that resolves to a private address is for the egress firewall (docs/production.md).
 */
import ipaddr from 'ipaddr.js';

/** Hosts an operator allows even though they are private; `*` allows every host. */
export type TargetAllowList = readonly string[];

const INTERNAL_NAMES = /(^|\.)(localhost|internal|local)$/i;

/**
 * Why a URL's host is not a public target, or undefined when it is one (or is allowed).
 *
 * @example privateTargetReason(new URL('http://169.254.169.254/latest'), []) // → 'points at a link-local address (169.254.169.254)'
 * @example privateTargetReason(new URL('https://hooks.example.com/in'), []) // → undefined
 */
export function privateTargetReason(url: URL, allow: TargetAllowList): string | undefined {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (allow.includes('*') || allow.some((a) => a.toLowerCase().replace(/^\[|\]$/g, '') === host))
    return undefined;
  if (ipaddr.isValid(host)) {
    let address = ipaddr.parse(host);
    if (address instanceof ipaddr.IPv6 && address.isIPv4MappedAddress())
      address = address.toIPv4Address();
    const range = address.range();
    if (range === 'unicast') return undefined;
    return `points at a ${RANGE_NAMES[range] ?? range} address (${host})`;
  }
  if (INTERNAL_NAMES.test(host)) return `points at an internal host name (${host})`;
  return undefined;
}

const RANGE_NAMES: Record<string, string> = {
  loopback: 'loopback',
  private: 'private-network',
  linkLocal: 'link-local',
  uniqueLocal: 'unique-local',
  unspecified: 'unspecified',
  carrierGradeNat: 'carrier-grade NAT',
  multicast: 'multicast',
  broadcast: 'broadcast',
  reserved: 'reserved',
};

/**
 * The first string in a config (at any depth) that is an http(s) URL to a private target, with
 * its path (`spec.auth.token_url`), or undefined. Strings that are not absolute URLs (templates
 * with `{{…}}` in the host among them) are not judged.
 *
 * @example findPrivateTarget({ url: 'http://10.0.0.5/hook' }, []) // → { path: 'url', reason: 'points at a private-network address (10.0.0.5)' }
 */
export function findPrivateTarget(
  value: unknown,
  allow: TargetAllowList,
  path: string[] = [],
): { path: string; reason: string } | undefined {
  if (typeof value === 'string') {
    if (!/^https?:\/\//i.test(value) || !URL.canParse(value)) return undefined;
    const reason = privateTargetReason(new URL(value), allow);
    return reason ? { path: path.join('.'), reason } : undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value)) {
    const found = findPrivateTarget(child, allow, [...path, key]);
    if (found) return found;
  }
  return undefined;
}
