/**
 * Kochava server-to-server post-install events, declared (facts: the vendor catalog,
 * docs/vendors/more-vendors-and-catalog.md §18, and RudderStack's Kochava destination read for the
 * request shape): `POST https://control.kochava.com/track/json`, the app GUID in the body
 * (`kochava_app_id`), one event per request: `{ action: "event", kochava_app_id, kochava_device_id,
 * data: { event_name, usertime, device_ids: { idfa | adid }, device_ua, origination_ip, currency,
 * event_data: {…} } }`. The device id is the one the Kochava SDK reports at install
 * (`context.vendor_ids.kochava_device_id`); like RudderStack we fall back to the anonymous id for
 * apps whose installs are reported server-side too. Standard event names: `View`, `Add to Cart`,
 * `Checkout Start`, `Purchase`, `Registration Complete`, `Search`; other names are custom events.
 *
 * Unverified: `usertime` in Unix seconds, the anonymous-id fallback matching an install, answer
 * shapes, rate limits.
 */
import { isRecord } from '../../json/index.js';
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import { SOURCES, standardEvents } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  { source: ['context.vendor_ids.kochava_device_id', 'anonymous_id'], target: 'kochava_device_id' },
  { source: 'context.user_agent', target: 'data.device_ua' },
  { source: 'context.ip', target: 'data.origination_ip' },
  { source: [...SOURCES.currency], target: 'data.currency', transforms: ['trim', 'uppercase'] },
  { source: 'user_id', target: 'data.event_data.user_id', transforms: ['to_string'] },
];

const rows = (e: string): MappingRow[] => {
  switch (e) {
    case 'view_item':
    case 'add_to_cart':
      return [
        {
          source: [...SOURCES.product_id],
          target: 'data.event_data.product_id',
          transforms: ['to_string'],
        },
        { source: 'properties.name', target: 'data.event_data.name' },
        { source: 'properties.price', target: 'data.event_data.price', transforms: ['to_number'] },
        {
          source: 'properties.quantity',
          target: 'data.event_data.quantity',
          transforms: ['to_number'],
        },
      ];
    case 'begin_checkout':
    case 'purchase':
    case 'lead':
      return [
        { source: [...SOURCES.value], target: 'data.event_data.sum', transforms: ['to_number'] },
        {
          source: [...SOURCES.order_id],
          target: 'data.event_data.order_id',
          transforms: ['to_string'],
        },
      ];
    case 'search':
      return [{ source: [...SOURCES.query], target: 'data.event_data.name' }];
    default:
      return [];
  }
};

/** Mobile advertising id under Kochava's name for the platform. */
function deviceIds(ctx: Record<string, unknown>): Record<string, string> {
  const device = isRecord(ctx.device) ? ctx.device : {};
  const id =
    typeof device.advertising_id === 'string' && device.advertising_id
      ? device.advertising_id
      : undefined;
  const os = String((isRecord(ctx.os) ? ctx.os.name : undefined) ?? '').toLowerCase();
  if (!id) return {};
  if (os === 'ios' || os === 'ipados') return { idfa: id };
  if (os === 'android') return { adid: id };
  return {};
}

/** What the registry holds for Kochava. */
export const kochava = declareVendor(
  {
    id: 'kochava',
    name: 'Kochava',
    category: 'attribution',
    description: 'Sends in-app and web events to Kochava for mobile attribution and measurement.',
    api: 'Server-to-server events (control.kochava.com/track/json)',
    docs: 'https://support.kochava.com/server-to-server-integration/post-install-event-setup/',
    status: 'beta',
    keywords: ['mmp', 'mobile attribution', 's2s'],
    test_settings: { app_guid: 'kotest-app-abc123' },
    settings: [
      {
        key: 'app_guid',
        label: 'App GUID',
        type: 'string',
        help: 'The Kochava App GUID (kochava_app_id) from the app’s settings in Kochava.',
      },
    ],
    spec: {
      endpoint: { base_url: 'https://control.kochava.com', path: '/track/json' },
      auth: { kind: 'api_key', in: 'body', name: 'kochava_app_id', value: '{{settings.app_guid}}' },
      body: { wrapper: '{{item}}' },
      item: { fields: { action: 'event' } },
      eligibility: { any_of: [['kochava_device_id']], reason: 'Kochava needs a device id' },
      batching: { max_events: 1 },
      rate_limit_rps: 10,
      answer: { error_message: ['error', 'message', 'error.message'] },
    },
    mapping: {
      fields: [
        {
          path: 'kochava_device_id',
          required: false,
          description: 'Kochava device id (the SDK’s, else the anonymous id).',
        },
        {
          path: 'data.event_name',
          required: true,
          auto: true,
          description: 'Kochava standard or custom event name.',
        },
        { path: 'data.usertime', required: true, auto: true, description: 'Unix seconds.' },
        { path: 'data.device_ids', required: false, description: 'idfa (iOS) or adid (Android).' },
        { path: 'data.device_ua', required: false, description: 'User agent.' },
        { path: 'data.origination_ip', required: false, description: 'Device IP.' },
        { path: 'data.currency', required: false, description: 'ISO 4217.' },
        {
          path: 'data.event_data',
          required: false,
          description: 'Event details: sum, order_id, product_id, name, price, quantity, user_id.',
        },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents(
          {
            page_view: 'Page View',
            view_item: 'View',
            add_to_cart: 'Add to Cart',
            begin_checkout: 'Checkout Start',
            purchase: 'Purchase',
            lead: 'Lead',
            sign_up: 'Registration Complete',
            search: 'Search',
          },
          rows,
        ),
        defaults: { action: 'drop' },
      },
    },
    unverified: [
      'usertime in Unix seconds',
      'anonymous id accepted as kochava_device_id',
      'answer shapes',
      'rate limit (10 requests/s chosen)',
    ],
  },
  {
    hooks: {
      // The event name and time sit inside `data`, next to the mapped fields; mobile advertising ids go in `data.device_ids`.
      item: (item, event, _p, _t, _n, mapped) => {
        const data = isRecord(item.data) ? item.data : {};
        const ids = deviceIds(event.context as Record<string, unknown>);
        item.data = {
          event_name: mapped.vendor_event,
          usertime: Math.floor(Date.parse(event.timestamp) / 1000),
          ...data,
          ...(Object.keys(ids).length ? { device_ids: ids } : {}),
        };
      },
    },
  },
);
