/**
 * Mixpanel Ingestion API `/import`, declared (facts: docs/vendors/more-vendors-and-catalog.md §6, from
 * Mixpanel's reference "Import Events"): `POST https://api.mixpanel.com/import?strict=1&project_id=…`
 * (EU `api-eu.mixpanel.com`, India `api-in.mixpanel.com`), a JSON array of
 * `{ event, properties: { time, distinct_id, $insert_id, … } }`, at most 2,000 events and 10 MB
 * uncompressed per request (older pages say 2 MB: we keep 2 MB, which is safe under both).
 *
 * Auth choice: HTTP Basic with a service account (`username:secret`) plus `project_id`, the way
 * Mixpanel recommends for `/import` (the project token as Basic username is the older form; a
 * service account can be revoked alone and names who sent the data). `/track` is not used: it
 * refuses events older than 5 days, which a retrying server-side pipeline cannot promise.
 *
 * Properties are flat in Mixpanel: the envelope's properties are mapped whole to `event_properties`
 * and spread into `properties` by the item hook, the mapped Mixpanel keys winning. `$insert_id` is
 * the event id (Mixpanel accepts up to 36 characters of letters, digits and `-`).
 */
import { createHash } from 'node:crypto';
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import { isRecord } from '../../json/index.js';
import { jsonBody } from '../outcomes.js';
import { standardEvents, SOURCES } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  { source: 'timestamp', target: 'properties.time', transforms: ['to_unix_ms'] },
  { source: 'event_id', target: 'properties.$insert_id', transforms: ['to_string'] },
  {
    source: ['user_id', 'anonymous_id'],
    target: 'properties.distinct_id',
    transforms: ['to_string'],
  },
  { source: 'user_id', target: 'properties.$user_id', transforms: ['to_string'] },
  { source: 'anonymous_id', target: 'properties.$device_id', transforms: ['to_string'] },
  { source: 'context.ip', target: 'properties.ip' },
  { source: 'context.page.url', target: 'properties.$current_url' },
  { source: 'context.page.referrer', target: 'properties.$referrer' },
  { source: 'properties', target: 'properties.event_properties' },
];

const INSERT_ID = /^[A-Za-z0-9-]{1,36}$/;

/**
 * The whole properties object is spread under the mapped keys (a new object: the envelope is not
 * touched); an event id Mixpanel would refuse as `$insert_id` (an underscore, over 36 characters)
 * becomes the first 36 hex digits of its SHA-256, as Mixpanel's import reference suggests.
 */
function flatten(item: Record<string, unknown>): void {
  const props = isRecord(item.properties) ? item.properties : {};
  const { event_properties: extra, ...mapped } = props;
  const id = mapped.$insert_id;
  if (typeof id === 'string' && !INSERT_ID.test(id))
    mapped.$insert_id = createHash('sha256').update(id).digest('hex').slice(0, 36);
  item.properties = { ...(isRecord(extra) ? extra : {}), ...mapped };
}

/** Mixpanel's strict mode: `time` in the past (after 1971) as epoch ms, `$insert_id` ≤ 36 of [A-Za-z0-9-]. */
function strictCheck(item: Record<string, unknown>): string | undefined {
  const p = isRecord(item.properties) ? item.properties : {};
  if (typeof p.time !== 'number' || p.time < 31_536_000_000)
    return 'properties.time must be epoch milliseconds after 1971';
  if (typeof p.$insert_id !== 'string' || !INSERT_ID.test(p.$insert_id))
    return 'properties.$insert_id must be 1–36 letters, digits or dashes';
  if (typeof p.distinct_id !== 'string') return 'properties.distinct_id is required';
  return undefined;
}

/** What the registry holds for Mixpanel. */
export const mixpanel = declareVendor(
  {
    id: 'mixpanel',
    name: 'Mixpanel',
    category: 'analytics',
    description:
      'Product analytics: every event with its properties, imported server-side into your Mixpanel project.',
    api: 'Ingestion API (/import)',
    docs: 'https://developer.mixpanel.com/reference/import-events',
    status: 'ga',
    keywords: ['product analytics', 'events', 'funnels'],
    logo: { pack: 'logos', name: 'mixpanel' },
    test_settings: {
      project_id: '1234567',
      service_account_username: 'datafly.test.mp-service-account',
      service_account_secret: 'test-mixpanel-secret',
    },
    settings: [
      {
        key: 'project_id',
        label: 'Project ID',
        type: 'string',
        pattern: {
          regex: '^[0-9]+$',
          message: 'the numeric project id (Project Settings → Overview)',
        },
        help: 'The numeric project id (Project Settings → Overview).',
      },
      {
        key: 'service_account_username',
        label: 'Service account username',
        type: 'string',
        help: 'An Owner or Admin service account of the project (Organization Settings → Service Accounts).',
      },
      {
        key: 'service_account_secret',
        label: 'Service account secret',
        type: 'secret',
        help: 'The service account’s secret, shown once when it is created.',
      },
      {
        key: 'region',
        label: 'Data residency',
        type: 'select',
        required: false,
        options: ['us', 'eu', 'in'],
        default: 'us',
        help: 'Where the project’s data lives (US, EU or India).',
      },
    ],
    spec: {
      endpoint: {
        base_url: 'https://api.mixpanel.com',
        regions: {
          setting: 'region',
          hosts: {
            us: 'https://api.mixpanel.com',
            eu: 'https://api-eu.mixpanel.com',
            in: 'https://api-in.mixpanel.com',
          },
        },
        path: '/import',
        query: { strict: '1', project_id: '{{settings.project_id}}' },
      },
      auth: {
        kind: 'basic',
        username: '{{settings.service_account_username}}',
        password: '{{settings.service_account_secret}}',
      },
      body: { wrapper: '{{items}}' },
      item: { fields: { event: '{{vendor_event}}' } },
      batching: { max_events: 2000, max_bytes: 2_000_000 },
      rate_limit_rps: 50,
      // 400 is a partial success (`failed_records[{ index, insert_id, field, message }]`, the others stored): read by the classify hook.
      answer: { error_message: ['error'], reason: 'Mixpanel {{status}}: {{body.error}}' },
    },
    mapping: {
      fields: [
        { path: 'event', required: true, auto: true, description: 'The event’s name.' },
        { path: 'properties.time', required: true, description: 'Epoch milliseconds.' },
        {
          path: 'properties.$insert_id',
          required: true,
          description: 'Deduplication id (the event id).',
        },
        {
          path: 'properties.distinct_id',
          required: true,
          description: 'The user id, else the anonymous id.',
        },
        {
          path: 'properties.$user_id',
          required: false,
          description: 'Your user id (simplified ID merge).',
        },
        {
          path: 'properties.$device_id',
          required: false,
          description: 'The anonymous id (simplified ID merge).',
        },
        { path: 'properties.ip', required: false, description: 'IP for geolocation.' },
        {
          path: 'properties.revenue',
          required: false,
          requiredFor: ['purchase'],
          description: 'Revenue of a purchase.',
        },
        { path: 'properties.currency', required: false, description: 'Currency (ISO 4217).' },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents(
          {
            page_view: '$mp_web_page_view',
            view_item: 'Product Viewed',
            add_to_cart: 'Product Added',
            begin_checkout: 'Checkout Started',
            purchase: 'Order Completed',
            lead: 'Lead Generated',
            sign_up: 'Signed Up',
            search: 'Products Searched',
          },
          (e) =>
            e === 'purchase' || e === 'begin_checkout'
              ? [
                  {
                    source: [...SOURCES.value],
                    target: 'properties.revenue',
                    transforms: ['to_number'],
                  },
                  {
                    source: [...SOURCES.currency],
                    target: 'properties.currency',
                    transforms: ['trim', 'uppercase'],
                  },
                ]
              : e === 'page_view'
                ? [
                    {
                      source: ['properties.title', 'context.page.title'],
                      target: 'properties.current_page_title',
                    },
                  ]
                : [],
        ),
        defaults: { action: 'pass_through' },
      },
    },
    variants: [
      {
        key: 'eu',
        name: 'EU data residency',
        description: 'Projects stored in Mixpanel’s EU data center.',
        defaults: { region: 'eu' },
      },
      {
        key: 'in',
        name: 'India data residency',
        description: 'Projects stored in Mixpanel’s India data center.',
        defaults: { region: 'in' },
      },
    ],
  },
  {
    hooks: {
      item: flatten,
      // A 400 with `failed_records` is a partial success: the records it names failed, the others were stored.
      classify(response, request) {
        if (response.status !== 400) return undefined;
        const body = jsonBody(response.body);
        if (!isRecord(body) || !Array.isArray(body.failed_records)) return undefined;
        const failed = new Map<number, string>();
        for (const r of body.failed_records)
          if (isRecord(r) && typeof r.index === 'number')
            failed.set(
              r.index,
              `Mixpanel 400: ${String(r.field ?? 'event')}: ${String(r.message ?? 'failed validation')}`,
            );
        if (failed.size === 0) return undefined;
        return request.event_ids.map((event_id, i) => {
          const reason = failed.get(i);
          return reason
            ? { event_id, status: 'failed', code: 'vendor_rejected', reason }
            : { event_id, status: 'delivered' };
        });
      },
    },
    extraCheck: strictCheck,
  },
);
