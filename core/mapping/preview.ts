/**
 * Preview (dry run): sample events + a revision config → the exact requests a vendor would be
 * sent, secrets masked, nothing sent. Used by `POST /v1/admin/integration-templates/{id}/preview`.
 */
import { Envelope } from '../event/index.js';
import { DataflyError } from '../errors/index.js';
import type { VendorDefinition } from '../vendors/types.js';
import { urlSecrets } from '../secrets/index.js';
import { formatPath } from './config.js';
import { mappingCoverage, type Coverage } from './coverage.js';

const MASK = '***';
/** Stands in for an OAuth access token in previews (no token is fetched). */
const PREVIEW_TOKEN = 'preview-access-token';
export const MAX_PREVIEW_EVENTS = 100;

interface PreviewRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** Parsed JSON when the body is JSON, else the raw string. */
  body?: unknown;
  event_ids: string[];
}

interface PreviewResult {
  requests: PreviewRequest[];
  skipped: { event_id: string; reason: string }[];
  invalid_events: { index: number; field: string; message: string }[];
  coverage?: Coverage;
}

function secretStrings(value: unknown, out: Set<string>): void {
  if (typeof value === 'string' && value.length >= 4) out.add(value);
  else if (Array.isArray(value)) value.forEach((v) => secretStrings(v, out));
  else if (value && typeof value === 'object')
    Object.values(value).forEach((v) => secretStrings(v, out));
}

function mask(text: string, secrets: readonly string[]): string {
  let t = text;
  for (const s of secrets) {
    for (const form of [s, encodeURIComponent(s), JSON.stringify(s).slice(1, -1)])
      if (form) t = t.split(form).join(MASK);
  }
  return t;
}

/**
 * A sample event → envelope, filling what a hand-written sample usually lacks (ids, times, source).
 *
 * @example
 * sampleEnvelope({ type: 'track', event: 'Order Completed' }, 0, '2026-01-01T00:00:00Z')
 */
function sampleEnvelope(
  raw: unknown,
  index: number,
  now: string,
): ReturnType<typeof Envelope.safeParse> {
  const r =
    raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  return Envelope.safeParse({
    v: 1,
    event_id: `preview-${index + 1}`,
    timestamp: now,
    received_at: typeof r.timestamp === 'string' ? r.timestamp : now,
    source: { kind: 'server', pipeline_id: 'preview', org_id: 'preview', source_id: 'preview' },
    ...r,
  });
}

/**
 * Run a vendor's parse + format over sample events without sending; secrets masked.
 *
 * @example
 * previewRequests(metaCapi, { pixel_id: '1', access_token: 'EAAB…' }, [{ type: 'page' }], { now: '2026-01-01T00:00:00Z' })
 *   // → { requests: [{ url: 'https://graph.facebook.com/v24.0/1/events?access_token=***', … }], … }
 */
export function previewRequests(
  def: VendorDefinition<unknown>,
  config: Record<string, unknown>,
  samples: readonly unknown[],
  opts: { now: string; testMode?: boolean },
): PreviewResult {
  if (samples.length > MAX_PREVIEW_EVENTS)
    throw new DataflyError('invalid_request', `at most ${MAX_PREVIEW_EVENTS} sample events`, {
      field: 'events',
    });
  const settings = def.parseSettings(config);
  const invalid: PreviewResult['invalid_events'] = [];
  const events: Envelope[] = [];
  samples.forEach((raw, index) => {
    const parsed = sampleEnvelope(raw, index, opts.now);
    if (parsed.success) events.push(parsed.data);
    else
      for (const i of parsed.error.issues)
        invalid.push({
          index,
          field: `events[${index}].${formatPath(i.path)}`,
          message: i.message,
        });
  });
  const secrets = new Set<string>([PREVIEW_TOKEN]);
  const params =
    (settings as { params?: Record<string, unknown> }).params ??
    (settings as Record<string, unknown>);
  for (const key of def.secretKeys) {
    secretStrings(params[key], secrets);
    secretStrings(config[key], secrets);
    secretStrings((config.parameters as Record<string, unknown> | undefined)?.[key], secrets);
  }
  // Secrets inside ordinary settings: URL user-info and secret query values, custom header values.
  for (const source of [config, params]) {
    if (typeof source.url === 'string')
      for (const secret of urlSecrets(source.url)) if (secret.length >= 4) secrets.add(secret);
    if (source.headers && typeof source.headers === 'object')
      secretStrings(Object.values(source.headers), secrets);
  }
  const list = [...secrets].sort((a, b) => b.length - a.length);
  const { requests, skipped } = def.format(events, settings, {
    testMode: opts.testMode ?? false,
    ...(def.authorize ? { accessToken: PREVIEW_TOKEN } : {}),
  });
  const out: PreviewResult = {
    requests: requests.map((r) => {
      let body: unknown = r.body === undefined ? undefined : mask(r.body, list);
      if (typeof body === 'string') {
        try {
          body = JSON.parse(body);
        } catch {
          // not JSON: keep the masked text
        }
      }
      return {
        method: r.method,
        url: mask(r.url, list),
        headers: Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, mask(v, list)])),
        ...(body === undefined ? {} : { body }),
        event_ids: r.event_ids,
      };
    }),
    skipped,
    invalid_events: invalid,
  };
  const mapping = (settings as { mapping?: { config?: unknown } }).mapping;
  if (def.mapping && mapping?.config)
    out.coverage = mappingCoverage(
      mapping.config as Parameters<typeof mappingCoverage>[0],
      def.mapping.fields,
    );
  return out;
}
