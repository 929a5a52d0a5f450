/**
 * TikTok Events API 2.0 as a declaration (docs/vendors/ads-analytics-warehouse.md §4): `POST
 * {base}/open_api/v1.3/event/track/` with the `Access-Token` header, up to 1000 events in `data[]`,
 * `event_time` in Unix seconds. TikTok answers HTTP 200 even for errors: the body's `code` decides
 * (0 ok, 20001 partial ok, 40100 throttled, 40001 no permission, other 4xxxx rejected, 5xxxx
 * server). A bad row fails the whole batch. Test mode sends `test_event_code` (events show under
 * Test Events, nothing counts). TikTok's own rules: phones hashed from E.164 *with* `+`, names lose
 * their spaces, city/state/country travel in clear as ASCII letters and digits.
 */
import { identityFields, identityRows } from '../../identity-kit/rows.js';
import type { MappingRow } from '../../mapping/config.js';
import { adSettings, optional, setting, type VendorDeclaration } from '../spec/declaration.js';
import { declareVendor } from '../spec/declared.js';
import {
  PIXEL_EVENT_NAMES,
  commerceRows,
  fieldTable,
  standardEvents,
  valueRows,
} from '../spec/standard.js';
import { TIKTOK_CODES, tiktokDouble } from './double.js';
import { TIKTOK_BLUEPRINTS } from './blueprints.js';

/** A rule on the in-body `code` (HTTP 200 even for errors), quoted as "TikTok code N" in reasons. */
const CODE = { path: 'code', statuses: 'non_error', label: 'TikTok code' } as const;

/** TikTok's hashing rules and names, by identity field (phones with +, names without spaces, places in clear). */
const USER_RULES = {
  em: ['email_sha256', 'email'],
  ph: ['phone_e164_sha256', 'phone'],
  external_id: 'external_id_sha256',
  fn: ['name_compact_sha256', 'first_name'],
  ln: ['name_compact_sha256', 'last_name'],
  zp: ['zip_sha256', 'zip_code'],
  ct: ['place_ascii', 'city'],
  st: ['place_ascii', 'state'],
  country: 'place_ascii',
} as const;

/** The fields of one TikTok `data[]` item. */
export const TIKTOK_FIELDS = [
  ...fieldTable([
    ['event', 'required auto', 'Event name (from the event map).'],
    ['event_time', 'required auto', 'Unix seconds (from the envelope timestamp).'],
    ['event_id', 'auto', 'Dedup id (the envelope event_id).'],
  ]),
  ...identityFields('user', USER_RULES),
  ...fieldTable([
    ['user.ttclid', '', 'ttclid click id, plain.'],
    ['user.ttp', '', '_ttp cookie, plain.'],
    ['user.ip', '', 'Client IP, plain.'],
    ['user.user_agent', '', 'Client user agent, plain.'],
    ['user.locale', '', 'e.g. en-US.'],
    ['page.url', '', 'Page URL.'],
    ['page.referrer', '', 'Referrer URL.'],
    ['properties.value', 'for Purchase', 'Order value (number).'],
    ['properties.currency', 'for Purchase', 'ISO 4217.'],
    ['properties.contents', '', 'Items: content_id (string), content_name, price, quantity.'],
    ['properties.content_type', '', 'product | product_group.'],
    ['properties.order_id', '', 'Order id.'],
    ['limited_data_use', '', 'Limited data use flag.'],
  ]),
];

const GLOBAL: MappingRow[] = [
  ...identityRows('user', USER_RULES),
  { source: 'context.click_ids.ttclid', target: 'user.ttclid' },
  { source: 'context.vendor_ids.ttp', target: 'user.ttp' },
  { source: 'context.ip', target: 'user.ip' },
  { source: 'context.user_agent', target: 'user.user_agent' },
  { source: 'context.locale', target: 'user.locale' },
  { source: 'context.page.url', target: 'page.url' },
  { source: 'context.page.referrer', target: 'page.referrer' },
];

const rows = commerceRows({
  value: valueRows('properties.value', 'properties.currency'),
  contentType: 'properties.content_type',
  orderId: 'properties.order_id',
  products: {
    target: 'properties.contents',
    id: ['product_id', 'sku', 'id'],
    keys: {
      id: 'content_id',
      name: 'content_name',
      category: 'content_category',
      brand: 'brand',
      price: 'price',
      quantity: 'quantity',
    },
  },
  search: 'properties.query',
  pageTitle: 'properties.description',
});

export const tiktokDeclaration: VendorDeclaration = {
  id: 'tiktok',
  name: 'TikTok',
  category: 'advertising',
  description:
    'Web conversions sent to TikTok Ads for attribution and optimisation, matched on hashed email, phone and the ttclid.',
  api: 'Events API 2.0 (/open_api/v1.3/event/track/)',
  docs: 'https://business-api.tiktok.com/portal/docs?id=1771100865818625',
  status: 'ga',
  test_settings: { pixel_code: 'C1234567890ABCDEFG', access_token: 'test-tiktok-token' },
  blueprints: TIKTOK_BLUEPRINTS,
  logo: { pack: 'simple-icons', name: 'tiktok' },
  settings: [
    setting(
      'pixel_code',
      'Pixel code',
      'string',
      'The pixel code (sent as event_source_id) from Events Manager.',
    ),
    adSettings.accessToken(
      'Events API access token generated per pixel in Events Manager → Settings (Access-Token header).',
    ),
    adSettings.testEventCode('Events Manager → Test events code.'),
    optional(
      'event_source',
      'Event source',
      'select',
      'The kind of event set the pixel code names.',
      { options: ['web', 'app', 'offline', 'crm'], default: 'web' },
    ),
    adSettings.partnerName('TikTok'),
  ],
  variants: [
    {
      key: 'retail',
      name: 'Retail',
      description: 'Ecommerce events; marketing consent.',
      defaults: { consent_categories: ['marketing'], batch_size: 1000 },
    },
  ],
  spec: {
    endpoint: {
      base_url: 'https://business-api.tiktok.com',
      path: '/open_api/v1.3/event/track/', // the trailing slash is part of it
      test_mode: {
        body: { test_event_code: '{{settings.test_event_code}}' },
        requires: ['test_event_code'],
      },
    },
    auth: {
      kind: 'api_key',
      in: 'header',
      name: 'access-token',
      value: '{{settings.access_token}}',
    },
    body: {
      wrapper: {
        event_source: '{{settings.event_source}}',
        event_source_id: '{{settings.pixel_code}}',
        partner_name: '{{settings.partner_name}}',
        data: '{{items}}',
      },
    },
    item: {
      fields: {
        event: '{{vendor_event}}',
        event_time: '{{event.timestamp | to_unix_seconds}}',
        event_id: '{{event.event_id}}',
      },
    },
    batching: { max_events: 1000 },
    // TikTok publishes no quota; throttling shows as code 40100.
    rate_limit_rps: 10,
    answer: {
      error_message: ['message'],
      body_required: 'code',
      body_codes: [
        { ...CODE, values: [TIKTOK_CODES.tooManyRequests], outcome: 'throttle', statuses: 'any' },
        { ...CODE, values: [TIKTOK_CODES.ok, TIKTOK_CODES.partialOk], outcome: 'ok' },
        { ...CODE, values: [TIKTOK_CODES.noPermission], outcome: 'reauth' },
        { ...CODE, min: 50000, outcome: 'retry' },
        { ...CODE, not_values: [], outcome: 'reject' },
      ],
    },
  },
  mapping: {
    fields: TIKTOK_FIELDS,
    defaults: {
      global: GLOBAL,
      // Events 2.0 names: `Purchase`/`Lead` replace the legacy `CompletePayment`/`SubmitForm`.
      events: standardEvents({ ...PIXEL_EVENT_NAMES, page_view: 'ViewContent' }, rows),
      defaults: { action: 'drop' },
    },
  },
};

export const tiktok = declareVendor(tiktokDeclaration, { style: tiktokDouble });
