/**
 * The org data layer: org-wide, declarative enrichment applied to every event before the
 * pipeline's transformations — user-agent parsing (ua-parser-js), bot filtering (isbot), IP
 * truncation, PII rules on properties/traits keys, and envelope path renames.
 */
import { isbot } from 'isbot';
import { UAParser } from 'ua-parser-js';
import { linearRegex } from '../condition/index.js';
import type { OrgDataLayer } from '../config-store/types.js';
import { DataflyError, fieldError } from '../errors/index.js';
import type { TraceEntry } from '../topics.js';
import { hashValue } from './hash.js';
import { deleteAt, getAt, hasAt, parsePath, setAt } from './path.js';
import { OrgDataLayer as OrgDataLayerSchema } from './schema.js';
import { isRecord } from '../json/index.js';

type Obj = Record<string, unknown>;

export interface OrgLayerResult {
  /** `undefined` when the event was dropped (a bot). */
  event: Obj | undefined;
  trace: TraceEntry[];
}

export type CompiledOrgLayer = ((event: Obj) => OrgLayerResult) & {
  /** Whether the layer has renames (which may move values anywhere in the envelope). */
  readonly renames: boolean;
};

/**
 * Zero the host part: last octet of IPv4, last 80 bits of IPv6 (the first 48 kept).
 * Anything that is not an IP address is returned unchanged.
 *
 * @example truncateIp('203.0.113.77') // → '203.0.113.0'
 * @example truncateIp('2001:db8:85a3:8d3:1319:8a2e:370:7348') // → '2001:db8:85a3::'
 */
export function truncateIp(ip: string): string {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0`;
  if (!ip.includes(':')) return ip;
  const mapped = /^(.*:)(\d{1,3}\.\d{1,3}\.\d{1,3})\.\d{1,3}$/.exec(ip);
  if (mapped) return `${mapped[1]}${mapped[2]}.0`;
  const [head = '', tail] = ip.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  if (tail === undefined ? headGroups.length !== 8 : missing < 0) return ip;
  const groups = [...headGroups, ...Array<string>(Math.max(0, missing)).fill('0'), ...tailGroups];
  return `${groups
    .slice(0, 3)
    .map((g) => g.replace(/^0+(?=.)/, '').toLowerCase())
    .join(':')}::`;
}

interface UaFacts {
  bot: boolean;
  device: Obj;
  os: Obj;
  browser: Obj;
  summary: string;
}

/**
 * Parsing a user agent costs far more than the rest of the layer, and real traffic repeats a
 * small set of them: results are kept in a bounded map (oldest entries evicted first).
 */
const UA_CACHE_SIZE = 2000;
const uaCache = new Map<string, UaFacts>();

function uaFacts(ua: string): UaFacts {
  const hit = uaCache.get(ua);
  if (hit) return hit;
  const r = UAParser(ua);
  const compact = (o: Record<string, string | undefined>): Obj =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== ''));
  const facts: UaFacts = {
    bot: isbot(ua),
    device: compact({
      type: r.device.type ?? 'desktop',
      vendor: r.device.vendor,
      model: r.device.model,
    }),
    os: compact({ name: r.os.name, version: r.os.version }),
    browser: compact({ name: r.browser.name, version: r.browser.version, major: r.browser.major }),
    summary: [r.browser.name, r.os.name].filter(Boolean).join(' on ') || 'unknown',
  };
  if (uaCache.size >= UA_CACHE_SIZE) uaCache.delete(uaCache.keys().next().value!);
  uaCache.set(ua, facts);
  return facts;
}

/**
 * Glob (`*` = any run of characters), case-insensitive, over the whole key. On RE2 like every
 * configured pattern: `*a*a*a*b` against a long attacker-chosen key stays linear.
 */
function keyMatcher(glob: string): (key: string) => boolean {
  return linearRegex(
    `(?i)^${glob
      .split('*')
      .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
}

function applyPii(
  obj: Obj,
  rules: { test: (k: string) => boolean; action: 'drop' | 'hash' }[],
  hits: string[],
  prefix: string,
): void {
  for (const key of Object.keys(obj)) {
    const rule = rules.find((r) => r.test(key));
    if (rule?.action === 'drop') {
      delete obj[key];
      hits.push(`dropped ${prefix}${key}`);
    } else if (rule?.action === 'hash') {
      obj[key] = hashValue(obj[key]);
      hits.push(`hashed ${prefix}${key}`);
    } else if (isRecord(obj[key])) {
      applyPii(obj[key], rules, hits, `${prefix}${key}.`);
    }
  }
}

/**
 * Compile an org data layer into a function over one event (mutated in place).
 *
 * @example
 * const run = compileOrgDataLayer({ parse_user_agent: true, drop_bots: true, truncate_ip: true, pii_rules: [], renames: [] });
 * run(envelope).event?.context // → { ip: '203.0.113.0', device: { type: 'mobile', … }, … }
 */
export function compileOrgDataLayer(layer: OrgDataLayer): CompiledOrgLayer {
  const parsed = OrgDataLayerSchema.safeParse(layer);
  if (!parsed.success) {
    throw fieldError('config_error', parsed.error.issues, {
      prefix: 'org_data_layer',
      lead: 'invalid org data layer',
    });
  }
  const config = parsed.data;
  const pii = config.pii_rules.map((r) => ({ test: keyMatcher(r.match), action: r.action }));
  const renames = config.renames.map((r, i) => ({
    ...r,
    fromParts: parsePath(r.from, `org_data_layer.renames.${i}.from`),
    toParts: parsePath(r.to, `org_data_layer.renames.${i}.to`),
  }));

  const run = (event: Obj): OrgLayerResult => {
    const trace: TraceEntry[] = [];
    const context: Obj = isRecord(event.context) ? event.context : (event.context = {});
    const ua = typeof context.user_agent === 'string' ? context.user_agent : undefined;

    const facts = ua && (config.drop_bots || config.parse_user_agent) ? uaFacts(ua) : undefined;
    if (config.drop_bots && facts?.bot) {
      trace.push({ step: 'org.bot', result: 'dropped' });
      return { event: undefined, trace };
    }
    if (config.parse_user_agent && facts) {
      context.device = { ...facts.device, ...(isRecord(context.device) ? context.device : {}) };
      context.os = { ...facts.os, ...(isRecord(context.os) ? context.os : {}) };
      context.browser = { ...facts.browser, ...(isRecord(context.browser) ? context.browser : {}) };
      trace.push({ step: 'org.user_agent', result: facts.summary });
    }
    if (config.truncate_ip && typeof context.ip === 'string') {
      context.ip = truncateIp(context.ip);
      trace.push({ step: 'org.ip', result: 'truncated' });
    }
    if (pii.length > 0) {
      const hits: string[] = [];
      for (const section of ['properties', 'traits'] as const) {
        const obj = event[section];
        if (isRecord(obj)) applyPii(obj, pii, hits, `${section}.`);
      }
      if (hits.length > 0) trace.push({ step: 'org.pii', result: hits.join(', ') });
    }
    for (const r of renames) {
      if (!hasAt(event, r.fromParts)) continue;
      setAt(event, r.toParts, deleteAt(event, r.fromParts));
      trace.push({ step: 'org.rename', result: `${r.from} -> ${r.to}` });
    }
    return { event, trace };
  };
  return Object.assign(run, { renames: renames.length > 0 });
}
