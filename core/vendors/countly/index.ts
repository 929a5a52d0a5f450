/**
 * Countly write API `/i`, declared (facts: docs/vendors/more-vendors-and-catalog.md §18 catalog row
 * `countly`, evidence U; parameters confirmed in Countly's API reference for `/i`): `POST
 * {server}/i` as a form, `app_key`, `device_id`, `timestamp` (ms) and `events`, a JSON array of
 * `{ key, count, sum, segmentation, timestamp }`, one event per request here. The server is your
 * own Countly (self-hosted or Countly's cloud host for your account). Answers `{"result":"Success"}`,
 * errors `{"result":"<message>"}` with a 400.
 *
 * (`/i/bulk` would batch, but one request per event keeps each event's outcome its own.)
 *
 * Unverified: the answer shape; page views as the `[CLY]_view` event with a `name` segment.
 */
import type { MappingRow } from '../../mapping/config.js';
import { isRecord } from '../../json/index.js';
import { DataflyError } from '../../errors/index.js';
import { declareVendor } from '../spec/declared.js';
import { SOURCES, standardEvents } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  { source: ['user_id', 'anonymous_id'], target: 'device_id', transforms: ['to_string'] },
  { source: 'context.ip', target: 'ip_address' },
  { source: 'properties', target: 'segmentation' },
];

/** Segmentation values Countly keeps: text, numbers and booleans. */
const scalars = (v: unknown): Record<string, string | number | boolean> =>
  Object.fromEntries(
    Object.entries(isRecord(v) ? v : {}).filter(
      ([, x]) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean',
    ),
  ) as Record<string, string | number | boolean>;

/** What the registry holds for Countly. */
export const countly = declareVendor(
  {
    id: 'countly',
    name: 'Countly',
    category: 'analytics',
    description:
      'Product analytics you can host yourself: every event with its segmentation and sum.',
    api: 'Write API (/i)',
    docs: 'https://api.count.ly/reference/i',
    status: 'beta',
    keywords: ['product analytics', 'self-hosted', 'open source'],
    test_settings: { server_url: 'https://countly.example.com', app_key: 'test-countly-app-key' },
    settings: [
      {
        key: 'server_url',
        label: 'Server URL',
        type: 'url',
        help: 'Your Countly server (https://countly.example.com or your Countly cloud host).',
      },
      {
        key: 'app_key',
        label: 'App key',
        type: 'secret',
        help: 'The app’s key (Management → Applications).',
      },
    ],
    spec: {
      // The host is the customer's server: the settings hook points the request at it.
      endpoint: { base_url: 'https://countly.example.com', path: '/i' },
      auth: { kind: 'api_key', in: 'body', name: 'app_key', value: '{{settings.app_key}}' },
      body: { encoding: 'form', wrapper: '{{item}}' },
      item: { fields: { key: '{{vendor_event}}', timestamp: '{{event.timestamp | to_unix_ms}}' } },
      eligibility: {
        any_of: [['device_id']],
        reason: 'Countly needs a device id (user or anonymous id)',
      },
      batching: { max_events: 1 },
      rate_limit_rps: 20,
      answer: { error_message: ['result'] },
    },
    mapping: {
      fields: [
        { path: 'key', required: false, auto: true, description: 'The event’s key (its name).' },
        { path: 'device_id', required: true, description: 'The user id, else the anonymous id.' },
        {
          path: 'segmentation',
          required: false,
          description: 'Event segmentation (text, numbers).',
        },
        { path: 'sum', required: false, description: 'Sum (revenue of a purchase).' },
        { path: 'count', required: false, description: 'Count (1 when absent).' },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents(
          {
            page_view: '[CLY]_view',
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
              ? [{ source: [...SOURCES.value], target: 'sum', transforms: ['to_number'] }]
              : e === 'page_view'
                ? [{ source: ['context.page.path', 'context.page.url'], target: 'view_name' }]
                : [],
        ),
        defaults: { action: 'pass_through' },
      },
    },
    unverified: [
      'answer shape {"result":…}',
      'page views as the [CLY]_view event with segmentation name',
    ],
  },
  {
    hooks: {
      settings(params) {
        if (typeof params.server_url === 'string' && !params.endpoint_override)
          params.endpoint_override = params.server_url;
        if (!params.endpoint_override)
          throw new DataflyError('config_error', 'server_url is required', {
            field: 'parameters.server_url',
          });
      },
      // The request carries the device; the event (key, count, sum, segmentation, time) goes in `events`.
      item(item) {
        const segmentation = scalars(item.segmentation);
        if (typeof item.view_name === 'string') segmentation.name = item.view_name;
        const ev: Record<string, unknown> = {
          key: item.key,
          count: typeof item.count === 'number' ? item.count : 1,
          timestamp: item.timestamp,
          segmentation,
        };
        if (typeof item.sum === 'number') ev.sum = item.sum;
        const out: Record<string, unknown> = {
          device_id: item.device_id,
          timestamp: item.timestamp,
          events: [ev],
        };
        if (item.ip_address !== undefined) out.ip_address = item.ip_address;
        return out;
      },
    },
    extraCheck: (item) => {
      try {
        const events = JSON.parse(String(item.events)) as unknown;
        return Array.isArray(events) &&
          events.every(
            (e) => isRecord(e) && typeof e.key === 'string' && typeof e.count === 'number',
          )
          ? undefined
          : 'events must be a JSON array of { key, count }';
      } catch {
        return 'events must be JSON';
      }
    },
  },
);
