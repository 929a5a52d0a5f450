/**
 * Pirsch Analytics API, declared (facts: docs/vendors/more-vendors-and-catalog.md §18 catalog row `pirsch`,
 * evidence U; Pirsch's docs "API" and "Tracking Events", and a schema derived from them): page views `POST
 * https://api.pirsch.io/api/v1/hit`, other events `POST /api/v1/event`, one per request, an access
 * key (`pa_…`) as Bearer token. Both take the visitor's `url`, `ip`, `user_agent`,
 * `accept_language`, `referrer`, `title`; events add `event_name` and `event_meta` (text values,
 * at most 20 pairs, keys up to 100 and values up to 2,000 characters). Pirsch counts visitors from
 * IP and user agent (no cookies), so both are required. Pirsch asks that metadata carry no
 * personal data: only the event's properties go there, never traits.
 *
 * Unverified: the `/api/v1/hit` and `/api/v1/event` paths (the docs' token endpoint is under `/api/v1`).
 */
import type { MappingRow } from '../../mapping/config.js';
import { isRecord } from '../../json/index.js';
import { declareVendor } from '../spec/declared.js';
import { specEventNames, standardEvents } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  { source: 'context.page.url', target: 'url' },
  { source: 'context.ip', target: 'ip' },
  { source: 'context.user_agent', target: 'user_agent' },
  { source: ['context.locale', 'context.language'], target: 'accept_language' },
  { source: 'context.page.referrer', target: 'referrer' },
  { source: ['properties.title', 'context.page.title'], target: 'title' },
  { source: 'properties', target: 'event_meta' },
];

/** What the registry holds for Pirsch. */
export const pirsch = declareVendor(
  {
    id: 'pirsch',
    name: 'Pirsch Analytics',
    category: 'analytics',
    description: 'Cookieless, privacy-friendly web analytics: server-side page views and events.',
    api: 'Pirsch API (/api/v1/hit, /api/v1/event)',
    docs: 'https://docs.pirsch.io/api-sdks/api',
    status: 'beta',
    keywords: ['web analytics', 'privacy', 'cookieless'],
    test_settings: { access_key: 'pa_test_access_key' },
    settings: [
      {
        key: 'access_key',
        label: 'Access key',
        type: 'secret',
        help: 'A write-only access key of the domain (pa_…, Settings → Integration).',
      },
    ],
    spec: {
      endpoint: { base_url: 'https://api.pirsch.io', path: '/api/v1/{{item.kind}}' },
      auth: { kind: 'bearer', token: '{{settings.access_key}}' },
      body: { wrapper: '{{item}}' },
      item: { fields: { kind: 'event', event_name: '{{vendor_event}}' } },
      eligibility: {
        any_of: [['url', 'ip', 'user_agent']],
        reason: 'Pirsch needs the page URL, the visitor’s IP and user agent',
      },
      batching: { max_events: 1 },
      rate_limit_rps: 20,
      answer: { error_message: ['error', 'validation'] },
    },
    mapping: {
      fields: [
        { path: 'url', required: true, description: 'Page URL.' },
        { path: 'ip', required: true, description: 'Visitor IP.' },
        { path: 'user_agent', required: true, description: 'Visitor user agent.' },
        {
          path: 'event_name',
          required: false,
          auto: true,
          description: 'The event’s name (events).',
        },
        { path: 'event_meta', required: false, description: 'Event metadata (text values).' },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents({ ...specEventNames(), page_view: 'page view' }),
        defaults: { action: 'pass_through' },
      },
    },
    unverified: ['paths /api/v1/hit and /api/v1/event'],
  },
  {
    hooks: {
      // Page views are hits (no event fields); metadata: text values, Pirsch's limits (20 pairs, 100/2,000 characters).
      item(item, event) {
        if (event.type === 'page') {
          item.kind = 'hit';
          delete item.event_name;
          delete item.event_meta;
          return;
        }
        if (!isRecord(item.event_meta)) return;
        const meta = Object.entries(item.event_meta)
          .filter(
            ([k, v]) =>
              k.length <= 100 &&
              (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'),
          )
          .slice(0, 20)
          .map(([k, v]) => [k, String(v as string | number | boolean).slice(0, 2000)]);
        if (meta.length) item.event_meta = Object.fromEntries(meta);
        else delete item.event_meta;
      },
      body: (body) => {
        if (isRecord(body)) delete body.kind;
        return body;
      },
    },
    extraCheck: (item) =>
      'kind' in item
        ? 'unexpected kind field'
        : isRecord(item.event_meta) &&
            Object.values(item.event_meta).some((v) => typeof v !== 'string')
          ? 'event_meta values must be text'
          : undefined,
  },
);
