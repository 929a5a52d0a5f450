/**
 * Quora Conversion API, declared (facts: the vendor catalog, docs/vendors/more-vendors-and-catalog.md §18,
 * and Quora's own server-side GTM template plus Stape's, read for the request shape): `POST
 * https://api.quora.com/ads/v0/conversion`, Bearer conversion API token, one conversion per request:
 * `{ account_id, conversion: { event_name, timestamp (µs), event_id, value, click_id }, user: {…},
 * device: { user_agent, referer, language } }`. Event names are Quora's pixel categories (`Generic`,
 * `ViewContent`, `AddToCart`, `InitiateCheckout`, `Purchase`, `GenerateLead`, `CompleteRegistration`,
 * `Search`). The click id is `qclid`.
 *
 * Unverified (see `unverified`): whether Quora wants the email hashed (callers send it plain, so do
 * we), the error answer shape, rate limits, the `referer` spelling (one caller writes `referrer`).
 */
import { isRecord } from '../../json/index.js';
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import { SOURCES, standardEvents } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  { source: 'timestamp', target: 'conversion.timestamp', transforms: ['to_unix_micros'] },
  { source: 'event_id', target: 'conversion.event_id' },
  {
    source: ['context.click_ids.qclid', 'context.vendor_ids.quora_qclid'],
    target: 'conversion.click_id',
  },
  { source: ['traits.email', 'properties.email'], target: 'user.email', transforms: ['id.email'] },
  { source: 'context.ip', target: 'user.ip' },
  { source: 'context.user_agent', target: 'device.user_agent' },
  { source: 'context.page.referrer', target: 'device.referer' },
  { source: ['context.locale', 'context.language'], target: 'device.language' },
];

/** What the registry holds for Quora. */
export const quora = declareVendor(
  {
    id: 'quora',
    name: 'Quora Ads',
    category: 'advertising',
    description: 'Sends conversions (purchases, leads, sign-ups…) to Quora Ads from your server.',
    api: 'Conversion API (/ads/v0/conversion)',
    docs: 'https://www.quora.com/ads/conversion_api_doc',
    status: 'beta',
    keywords: ['capi', 'conversions', 'qclid'],
    logo: { pack: 'logos', name: 'quora' },
    test_settings: { account_id: '123456', access_token: 'test-quora-token' },
    settings: [
      {
        key: 'account_id',
        label: 'Ads account ID',
        type: 'string',
        help: 'Your Quora Ads account id.',
        pattern: { regex: '^[0-9]+$', message: 'must be numeric' },
      },
      {
        key: 'access_token',
        label: 'Conversion API token',
        type: 'secret',
        help: 'Generated in the Conversion API section of Quora Ads Manager (Bearer).',
      },
    ],
    spec: {
      endpoint: { base_url: 'https://api.quora.com', path: '/ads/v0/conversion' },
      auth: { kind: 'bearer', token: '{{settings.access_token}}' },
      body: { wrapper: '{{item}}' },
      item: { fields: { account_id: '{{settings.account_id | to_number}}' } },
      eligibility: {
        any_of: [['conversion.click_id'], ['user.email']],
        reason: 'Quora needs a qclid click id or an email',
      },
      batching: { max_events: 1 },
      rate_limit_rps: 10,
      answer: { error_message: ['message', 'error.message', 'error'] },
    },
    mapping: {
      fields: [
        {
          path: 'conversion.event_name',
          required: true,
          auto: true,
          description: 'Quora pixel category (from the event map).',
        },
        {
          path: 'conversion.timestamp',
          required: true,
          auto: true,
          description: 'Microseconds since the epoch.',
        },
        {
          path: 'conversion.event_id',
          required: false,
          auto: true,
          description: 'Dedup id shared with the pixel.',
        },
        { path: 'conversion.click_id', required: false, description: 'qclid click id.' },
        {
          path: 'conversion.value',
          required: false,
          requiredFor: ['Purchase'],
          description: 'Conversion value.',
        },
        { path: 'user.email', required: false, description: 'Email (trimmed, lowercased).' },
        { path: 'user.ip', required: false, description: 'Client IP.' },
        { path: 'device.user_agent', required: false, description: 'Client user agent.' },
        { path: 'device.referer', required: false, description: 'Referrer URL.' },
        { path: 'device.language', required: false, description: 'Browser language.' },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents(
          {
            page_view: 'Generic',
            view_item: 'ViewContent',
            add_to_cart: 'AddToCart',
            begin_checkout: 'InitiateCheckout',
            purchase: 'Purchase',
            lead: 'GenerateLead',
            sign_up: 'CompleteRegistration',
            search: 'Search',
          },
          (e) =>
            e === 'purchase' || e === 'lead' || e === 'add_to_cart' || e === 'begin_checkout'
              ? [
                  {
                    source: [...SOURCES.value],
                    target: 'conversion.value',
                    transforms: ['to_number'],
                  },
                ]
              : [],
        ),
        defaults: { action: 'drop' },
      },
    },
    unverified: [
      'email sent plain (trimmed, lowercased), not hashed',
      'error answer shape',
      'rate limit (10 requests/s chosen)',
      'device.referer spelling',
    ],
  },
  {
    // Quora's timestamp is in microseconds: a value in seconds or milliseconds would land in 1970.
    extraCheck: (item) => {
      const ts = isRecord(item.conversion) ? item.conversion.timestamp : undefined;
      return typeof ts === 'number' && ts > 1e15
        ? undefined
        : 'conversion.timestamp must be microseconds since the epoch';
    },
    hooks: {
      // The event name joins the mapped conversion fields.
      item: (item, _e, _p, _t, _n, mapped) => {
        item.conversion = {
          event_name: mapped.vendor_event,
          ...(isRecord(item.conversion) ? item.conversion : {}),
        };
      },
    },
  },
);
