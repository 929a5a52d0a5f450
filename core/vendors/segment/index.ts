/**
 * Segment as a destination: the HTTP Tracking API, declared (facts:
 * docs/vendors/more-vendors-and-catalog.md §10, from Segment's docs): `POST
 * https://api.segment.io/v1/batch` (EU workspaces: `events.eu1.segmentapis.com`, the US host
 * silently drops their data), HTTP Basic with the source's write key as user and an empty password,
 * `{ batch: [...] }` of `track` / `page` calls with `userId` and/or `anonymousId`, `messageId`
 * deduplicating, ISO-8601 `timestamp`. At most 32 KB per call and 500 KB per request; a 200 does
 * not mean every call was kept (calls without ids are dropped silently, so they are skipped here).
 * Events go under Segment-spec names (Order Completed, Product Viewed…), which Segment's own
 * destinations understand.
 */
import { declareVendor } from '../spec/declared.js';
import { batchCallMapping, batchCallSpec, pageCalls } from '../spec/segment-calls.js';

/** What the registry holds for Segment. */
export const segment = declareVendor(
  {
    id: 'segment',
    name: 'Segment',
    category: 'cdp',
    description:
      'Customer data platform: every event as a Segment track or page call, for Segment’s own destinations and profiles.',
    api: 'HTTP Tracking API (/v1/batch)',
    docs: 'https://segment.com/docs/connections/sources/catalog/libraries/server/http-api/',
    status: 'ga',
    keywords: ['twilio segment', 'cdp', 'tracking api', 'write key'],
    logo: { pack: 'logos', name: 'segment-icon' },
    test_settings: { write_key: 'test-segment-write-key' },
    settings: [
      {
        key: 'write_key',
        label: 'Write key',
        type: 'secret',
        help: 'The write key of an HTTP API source (Connections → Sources → the source → Settings → API Keys).',
      },
      {
        key: 'region',
        label: 'Workspace region',
        type: 'select',
        required: false,
        options: ['us', 'eu'],
        default: 'us',
        help: 'Where the workspace lives: EU workspaces must use the EU host.',
      },
    ],
    spec: {
      endpoint: {
        base_url: 'https://api.segment.io',
        regions: {
          setting: 'region',
          hosts: { us: 'https://api.segment.io', eu: 'https://events.eu1.segmentapis.com' },
        },
        path: '/v1/batch',
      },
      auth: { kind: 'basic', username: '{{settings.write_key}}', password: '' },
      ...batchCallSpec('Segment drops calls without a userId or an anonymousId'),
      batching: { max_events: 100, max_bytes: 500_000 },
      rate_limit_rps: 100,
      // 400 for oversized or invalid JSON; 429 with Retry-After above ~1,000 requests/s.
    },
    mapping: batchCallMapping,
    variants: [
      {
        key: 'eu',
        name: 'EU workspace',
        description: 'Workspaces hosted in Segment’s EU region.',
        defaults: { region: 'eu' },
      },
    ],
  },
  { hooks: pageCalls },
);
