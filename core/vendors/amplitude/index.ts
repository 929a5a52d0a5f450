/**
 * Amplitude HTTP V2 API, declared only (facts: docs/vendors/more-vendors-and-catalog.md §5, from
 * Amplitude's developer docs): `POST https://api2.amplitude.com/2/httpapi` (EU:
 * `api.eu.amplitude.com`), the project API key in the body, `{ api_key, events: [...] }`, `time`
 * in epoch milliseconds, `insert_id` deduplicating repeats for 7 days, at most 2,000 events and
 * under 1 MB per request, `user_id` or `device_id` required. Every event is sent under its own
 * name (page views as `[Amplitude] Page Viewed`, the browser SDK's name).
 */
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import { standardEvents, valueRows } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  { source: 'user_id', target: 'user_id', transforms: ['to_string'] },
  { source: 'anonymous_id', target: 'device_id', transforms: ['to_string'] },
  { source: 'properties', target: 'event_properties' },
  { source: 'traits', target: 'user_properties' },
  { source: 'context.ip', target: 'ip' },
  { source: ['context.locale', 'context.language'], target: 'language' },
];

/** What the registry holds for Amplitude. */
export const amplitude = declareVendor({
  id: 'amplitude',
  name: 'Amplitude',
  category: 'analytics',
  description: 'Product analytics: every event with its properties and the user’s traits.',
  api: 'HTTP V2 API (/2/httpapi)',
  docs: 'https://amplitude.com/docs/apis/analytics/http-v2',
  status: 'ga',
  keywords: ['product analytics', 'events'],
  logo: { pack: 'logos', name: 'amplitude-icon' },
  test_settings: { api_key: 'test-amplitude-key' },
  settings: [
    {
      key: 'api_key',
      label: 'API key',
      type: 'secret',
      help: 'The project’s API key (Settings → Projects → General).',
    },
    {
      key: 'region',
      label: 'Data region',
      type: 'select',
      required: false,
      options: ['us', 'eu'],
      default: 'us',
      help: 'Where the project’s data lives.',
    },
  ],
  spec: {
    endpoint: {
      base_url: 'https://api2.amplitude.com',
      regions: {
        setting: 'region',
        hosts: { us: 'https://api2.amplitude.com', eu: 'https://api.eu.amplitude.com' },
      },
      path: '/2/httpapi',
    },
    auth: { kind: 'api_key', in: 'body', name: 'api_key', value: '{{settings.api_key}}' },
    body: { wrapper: { events: '{{items}}' } },
    item: {
      fields: {
        event_type: '{{vendor_event}}',
        time: '{{event.timestamp | to_unix_ms}}',
        insert_id: '{{event.event_id}}',
      },
    },
    eligibility: {
      any_of: [['user_id'], ['device_id']],
      reason: 'Amplitude needs a user id or a device id',
    },
    batching: { max_events: 2000, max_bytes: 1_000_000 },
    rate_limit_rps: 100,
    // 400 {"code":400,"error":"Invalid API key","missing_field":…}; 413 payload too large; 429 throttled per device/user.
    answer: { error_message: ['error'] },
  },
  mapping: {
    fields: [
      { path: 'event_type', required: true, auto: true, description: 'The event’s name.' },
      { path: 'user_id', required: false, description: 'Your user id (at least 5 characters).' },
      { path: 'device_id', required: false, description: 'Anonymous id (at least 5 characters).' },
      { path: 'time', required: true, auto: true, description: 'Epoch milliseconds.' },
      { path: 'insert_id', required: true, auto: true, description: 'Deduplication id (7 days).' },
      { path: 'event_properties', required: false, description: 'Event properties.' },
      { path: 'user_properties', required: false, description: 'User traits.' },
      {
        path: 'revenue',
        required: false,
        requiredFor: ['purchase'],
        description: 'Revenue of a purchase.',
      },
      { path: 'productId', required: false, description: 'Product id.' },
    ],
    defaults: {
      global: GLOBAL,
      events: standardEvents(
        {
          page_view: '[Amplitude] Page Viewed',
          view_item: 'Product Viewed',
          add_to_cart: 'Product Added',
          begin_checkout: 'Checkout Started',
          purchase: 'Order Completed',
          lead: 'Lead Generated',
          sign_up: 'Signed Up',
          search: 'Products Searched',
        },
        (e) =>
          e === 'purchase'
            ? [
                ...valueRows('revenue', 'event_properties.currency'),
                {
                  source: 'properties.order_id',
                  target: 'event_properties.order_id',
                  transforms: ['to_string'],
                },
              ]
            : e === 'view_item' || e === 'add_to_cart'
              ? [
                  {
                    source: ['properties.product_id', 'properties.sku'],
                    target: 'productId',
                    transforms: ['to_string'],
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
      name: 'EU data center',
      description: 'Projects hosted in Amplitude’s EU region.',
      defaults: { region: 'eu' },
    },
  ],
});
