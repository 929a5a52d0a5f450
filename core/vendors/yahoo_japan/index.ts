/**
 * Yahoo! JAPAN Ads (LY Corporation) Conversion API, declared (facts: the vendor's Conversion API
 * reference, ads-developers.yahoo.co.jp/en/conversion-api/post/30590575.html, as quoted by callers):
 * `POST https://conversion-api.yahooapis.jp/v1/` with the `X-TagAccessToken` header, `{ tag_id, data:
 * [...] }` of at most 1,000 events, each `{ event: { event_type, event_time (Unix seconds), action_source:
 * "web", test_flag, transaction_id }, user: { hashed_email, hashed_phone_number, ly_c, ly_su, ly_r },
 * custom: { value, currency } }`. Email lowercased then SHA-256; phone in international form with `+`
 * then SHA-256. At least one user field is required. `transaction_id` (≤ 64 characters) deduplicates
 * against the Tracking Tag for seven days. A 202 acknowledges the request. Currency is JPY or USD.
 * Event types are the Tracking Tag's (`page_view`, `view_product`, `add_cart`, `check_out`, `purchase`,
 * `generate_lead`, `sign_up`, `search`, …).
 *
 * Unverified: the error answer shape and rate limit (a caller keeps under 500 requests/s).
 */
import { identityRows } from '../../identity-kit/rows.js';
import type { MappingRow } from '../../mapping/config.js';
import { isRecord } from '../../json/index.js';
import { declareVendor } from '../spec/declared.js';
import type { VendorDeclaration } from '../spec/declaration.js';
import { standardEvents, valueRows } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  ...identityRows(
    'user',
    { em: 'email_sha256', ph: 'phone_e164_sha256' },
    { targets: { em: 'hashed_email', ph: 'hashed_phone_number' } },
  ),
  { source: ['context.vendor_ids.ly_c', 'context.click_ids.ly_c'], target: 'user.ly_c' },
  { source: 'context.vendor_ids.ly_su', target: 'user.ly_su' },
  { source: 'context.vendor_ids.ly_r', target: 'user.ly_r' },
];

const EVENT = (test: boolean): Record<string, unknown> => ({
  event_type: '{{vendor_event}}',
  event_time: '{{event.timestamp | to_unix_seconds}}',
  action_source: 'web',
  test_flag: test,
  transaction_id: '{{event.event_id}}',
});

const declaration: VendorDeclaration = {
  id: 'yahoo_japan',
  name: 'Yahoo! JAPAN Ads',
  category: 'advertising',
  description: 'Sends conversions to Yahoo! JAPAN Ads (LY Corporation) alongside its Tracking Tag.',
  api: 'Conversion API (conversion-api.yahooapis.jp/v1/)',
  docs: 'https://ads-developers.yahoo.co.jp/en/conversion-api/post/30590575.html',
  status: 'beta',
  keywords: ['ly corporation', 'line yahoo', 'japan', 'capi', 'conversions'],
  test_settings: { tag_id: 'test-tag-1', access_token: 'test-yahoo-jp-token' },
  settings: [
    {
      key: 'tag_id',
      label: 'Tag ID',
      type: 'string',
      help: 'From the tracking tag management view of the Campaign Management Tool.',
    },
    {
      key: 'access_token',
      label: 'Tag access token',
      type: 'secret',
      help: 'The access token from the same view, sent as X-TagAccessToken.',
    },
  ],
  spec: {
    endpoint: {
      base_url: 'https://conversion-api.yahooapis.jp',
      path: '/v1/',
      test_mode: { item: { event: EVENT(true) } },
    },
    auth: {
      kind: 'api_key',
      in: 'header',
      name: 'X-TagAccessToken',
      value: '{{settings.access_token}}',
    },
    body: { wrapper: { tag_id: '{{settings.tag_id}}', data: '{{items}}' } },
    item: { fields: { event: EVENT(false) } },
    eligibility: {
      any_of: [
        ['user.hashed_email'],
        ['user.hashed_phone_number'],
        ['user.ly_c'],
        ['user.ly_su'],
        ['user.ly_r'],
      ],
      reason: 'Yahoo! JAPAN Ads needs an email, a phone or a _ly_c/_ly_su/_ly_r cookie',
    },
    batching: { max_events: 1000 },
    rate_limit_rps: 100,
    answer: { error_message: ['errors.0.message', 'error.message', 'message'] },
  },
  mapping: {
    fields: [
      {
        path: 'event.event_type',
        required: true,
        auto: true,
        description: 'Tracking Tag event type (from the event map).',
      },
      {
        path: 'event.event_time',
        required: true,
        auto: true,
        description: 'Unix seconds, at most 90 days old.',
      },
      { path: 'event.action_source', required: true, auto: true, description: 'Always web.' },
      {
        path: 'event.transaction_id',
        required: false,
        auto: true,
        description: 'Dedup id shared with the Tracking Tag (≤ 64 characters).',
      },
      {
        path: 'user.hashed_email',
        required: false,
        description: 'SHA-256 of the lowercased email.',
      },
      {
        path: 'user.hashed_phone_number',
        required: false,
        description: 'SHA-256 of the phone in international form (+81…).',
      },
      {
        path: 'user.ly_c',
        required: false,
        description: '_ly_c click cookie (timestamp.clickid).',
      },
      { path: 'user.ly_su', required: false, description: '_ly_su site-user cookie.' },
      { path: 'user.ly_r', required: false, description: '_ly_r cookie.' },
      {
        path: 'custom.value',
        required: false,
        requiredFor: ['purchase'],
        description: 'Conversion value.',
      },
      { path: 'custom.currency', required: false, description: 'JPY or USD.' },
    ],
    defaults: {
      global: GLOBAL,
      events: standardEvents(
        {
          page_view: 'page_view',
          view_item: 'view_product',
          add_to_cart: 'add_cart',
          begin_checkout: 'check_out',
          purchase: 'purchase',
          lead: 'generate_lead',
          sign_up: 'sign_up',
          search: 'search',
        },
        (e) =>
          e === 'purchase' || e === 'add_to_cart' || e === 'begin_checkout' || e === 'lead'
            ? valueRows('custom.value', 'custom.currency')
            : [],
      ),
      defaults: { action: 'drop' },
    },
  },
  unverified: ['error answer shape', 'rate limit (100 requests/s chosen)'],
};

/** What the registry holds for Yahoo! JAPAN Ads. */
export const yahooJapan = declareVendor(declaration, {
  // event_time is 10-digit Unix seconds and the only action source is web.
  extraCheck: (item) => {
    const e = isRecord(item.event) ? item.event : {};
    if (typeof e.event_time !== 'number' || String(e.event_time).length !== 10)
      return 'event.event_time must be 10-digit Unix seconds';
    return e.action_source === 'web' ? undefined : 'event.action_source must be web';
  },
});
