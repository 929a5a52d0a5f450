/**
 * Snowplow collector, tracker protocol POST (`tp2`), declared (facts:
 * docs/vendors/more-vendors-and-catalog.md §18 catalog row `snowplow`, evidence U; endpoint,
 * `payload_data` 1-0-4 wrapper and text values confirmed in Snowplow's docs "Example tracker HTTP
 * requests" and its Python tracker's notes): `POST {collector}/com.snowplowanalytics.snowplow/tp2`,
 * no auth, `{ schema: 'iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4', data:
 * [event…] }`, every event a flat map of text values: `e` (`pv` page view, `se` structured event),
 * `p` `srv`, `tv`, `aid`, `eid` (a UUID), `dtm` / `ttm` (epoch ms), `uid`, `duid`, `ip`, `ua`,
 * `url`, `page`, `refr`, `lang`; structured events `se_ca` (category), `se_ac` (action = the
 * event's name), `se_la`, `se_pr`, `se_va` (a number). `eid` is the event id when it is a UUID,
 * else a stable SHA-256-based UUID (Snowplow deduplicates on it).
 *
 * Unverified: 100 events and 1 MB per request as safe sizes (the collector's limit is configurable).
 */
import { createHash } from 'node:crypto';
import type { MappingRow } from '../../mapping/config.js';
import { DataflyError } from '../../errors/index.js';
import { declareVendor } from '../spec/declared.js';
import { SOURCES, standardEvents } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  { source: 'timestamp', target: 'dtm', transforms: ['to_unix_ms', 'to_string'] },
  { source: 'timestamp', target: 'ttm', transforms: ['to_unix_ms', 'to_string'] },
  { source: 'user_id', target: 'uid', transforms: ['to_string'] },
  { source: 'anonymous_id', target: 'duid', transforms: ['to_string'] },
  { source: 'context.ip', target: 'ip' },
  { source: 'context.user_agent', target: 'ua' },
  { source: 'context.page.url', target: 'url' },
  { source: ['properties.title', 'context.page.title'], target: 'page' },
  { source: 'context.page.referrer', target: 'refr' },
  { source: ['context.locale', 'context.language'], target: 'lang' },
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuidOf = (id: string): string => {
  if (UUID.test(id)) return id;
  const h = createHash('sha256').update(id).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/** What the registry holds for Snowplow. */
export const snowplow = declareVendor(
  {
    id: 'snowplow',
    name: 'Snowplow',
    category: 'analytics',
    description:
      'Behavioral data platform: page views and structured events sent to your own Snowplow collector.',
    api: 'Collector, tracker protocol POST (tp2)',
    docs: 'https://docs.snowplow.io/docs/sources/trackers/snowplow-tracker-protocol/',
    status: 'beta',
    keywords: ['behavioral data', 'collector', 'data pipeline', 'open source'],
    test_settings: { collector_url: 'https://collector.example.com', app_id: 'shop' },
    settings: [
      {
        key: 'collector_url',
        label: 'Collector URL',
        type: 'url',
        help: 'Your Snowplow collector (https://collector.example.com).',
      },
      {
        key: 'app_id',
        label: 'App ID',
        type: 'string',
        help: 'The application id the events carry (aid).',
      },
      {
        key: 'event_category',
        label: 'Event category',
        type: 'string',
        required: false,
        default: 'datafly',
        help: 'The category (se_ca) of structured events.',
      },
    ],
    spec: {
      // The host is the customer's collector: the settings hook points the request at it.
      endpoint: {
        base_url: 'https://collector.example.com',
        path: '/com.snowplowanalytics.snowplow/tp2',
      },
      auth: { kind: 'none' },
      body: {
        wrapper: {
          schema: 'iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4',
          data: '{{items}}',
        },
      },
      item: {
        fields: {
          e: 'se',
          p: 'srv',
          tv: 'datafly-1',
          aid: '{{settings.app_id}}',
          eid: '{{event.event_id}}',
          se_ca: '{{settings.event_category}}',
          se_ac: '{{vendor_event}}',
        },
      },
      batching: { max_events: 100, max_bytes: 1_000_000 },
      rate_limit_rps: 50,
    },
    mapping: {
      fields: [
        {
          path: 'e',
          required: true,
          auto: true,
          description: 'Event type: pv (page view) or se (structured).',
        },
        { path: 'eid', required: true, auto: true, description: 'Event id (a UUID).' },
        { path: 'aid', required: false, auto: true, description: 'App id (from the settings).' },
        { path: 'dtm', required: false, description: 'Created time (epoch ms).' },
        { path: 'uid', required: false, description: 'Your user id.' },
        { path: 'duid', required: false, description: 'Domain user id (the anonymous id).' },
        { path: 'url', required: false, description: 'Page URL.' },
        {
          path: 'se_ac',
          required: false,
          auto: true,
          description: 'Structured event action (the event’s name).',
        },
        { path: 'se_la', required: false, description: 'Structured event label.' },
        { path: 'se_pr', required: false, description: 'Structured event property.' },
        { path: 'se_va', required: false, description: 'Structured event value (a number).' },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents(
          {
            page_view: 'page view',
            view_item: 'Product Viewed',
            add_to_cart: 'Product Added',
            begin_checkout: 'Checkout Started',
            purchase: 'Order Completed',
            lead: 'Lead Generated',
            sign_up: 'Signed Up',
            search: 'Products Searched',
          },
          (e): MappingRow[] => {
            const value: MappingRow = {
              source: [...SOURCES.value],
              target: 'se_va',
              transforms: ['to_number', 'to_string'],
            };
            switch (e) {
              case 'page_view':
                return [];
              case 'purchase':
              case 'begin_checkout':
                return [
                  { source: [...SOURCES.order_id], target: 'se_la', transforms: ['to_string'] },
                  value,
                ];
              case 'view_item':
              case 'add_to_cart':
                return [
                  { source: [...SOURCES.product_id], target: 'se_la', transforms: ['to_string'] },
                  value,
                ];
              case 'search':
                return [{ source: [...SOURCES.query], target: 'se_la' }];
              default:
                return [value];
            }
          },
        ),
        defaults: { action: 'pass_through' },
      },
    },
    unverified: ['100 events and 1 MB per request as safe sizes'],
  },
  {
    hooks: {
      settings(params) {
        if (typeof params.collector_url === 'string' && !params.endpoint_override)
          params.endpoint_override = params.collector_url;
        if (!params.endpoint_override)
          throw new DataflyError('config_error', 'collector_url is required', {
            field: 'parameters.collector_url',
          });
      },
      item(item, event) {
        if (typeof item.eid === 'string') item.eid = uuidOf(item.eid);
        // A page event is a page view, without the structured-event fields.
        if (event.type === 'page') {
          item.e = 'pv';
          for (const k of ['se_ca', 'se_ac', 'se_la', 'se_pr', 'se_va']) delete item[k];
        }
      },
    },
    extraCheck: (item) =>
      Object.values(item).some((v) => typeof v !== 'string')
        ? 'every tracker protocol value is text'
        : !UUID.test(String(item.eid))
          ? 'eid must be a UUID'
          : item.e === 'se' && !item.se_ca
            ? 'se_ca is required for structured events'
            : undefined,
  },
);
