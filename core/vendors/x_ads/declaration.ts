/**
 * X (Twitter) Ads Conversion API for web conversions, declared only (facts:
 * docs/vendors/more-vendors-and-catalog.md §1): `POST
 * https://ads-api.x.com/12/measurement/conversions/{pixel_id}`, OAuth 1.0a user context signed
 * HMAC-SHA1 (the JSON body is not signed), `{ conversions: [...] }` of at most 500,
 * `conversion_time` ISO-8601, `event_id` the id of an event created in Events Manager (one per
 * canonical event, from the settings), `identifiers` objects each with one primary key (`twclid`,
 * `hashed_email`, `hashed_phone_number`; IP and user agent only beside another key, built by
 * hooks.ts). A request is atomic: one bad conversion fails it with 400.
 *
 * Unverified (see `unverified`): whether the phone hash includes the `+` (E.164 digits without `+`
 * chosen, as in one X contract page), the error envelope `{"errors":[{code,message}]}`, no test mode.
 */
import { identityRows } from '../../identity-kit/rows.js';
import type { MappingRow } from '../../mapping/config.js';
import type { VendorField } from '../../mapping/coverage.js';
import type { VendorDeclaration } from '../spec/declaration.js';

/** Most conversions per request. */
const X_MAX_BATCH = 500;

const FIELDS: readonly VendorField[] = [
  { path: 'conversion_time', required: true, auto: true, description: 'ISO-8601 time.' },
  {
    path: 'event_id',
    required: true,
    description: 'Events Manager event id for this conversion (from the settings).',
  },
  {
    path: 'identifiers',
    required: true,
    auto: true,
    description:
      'Identifier objects: twclid, hashed_email, hashed_phone_number (+ ip_address, user_agent).',
  },
  { path: 'conversion_id', required: false, description: 'Dedup id shared with the pixel.' },
  { path: 'value', required: false, description: 'Conversion value.' },
  { path: 'price_currency', required: false, description: 'ISO 4217.' },
  { path: 'number_items', required: false, description: 'Item count.' },
  {
    path: 'contents',
    required: false,
    description: 'Items: content_id, content_name, content_price, num_items.',
  },
];

const GLOBAL: MappingRow[] = [
  ...identityRows(
    'ids',
    { em: 'email_sha256', ph: 'phone_digits_sha256' },
    { targets: { em: 'hashed_email', ph: 'hashed_phone_number' } },
  ),
  { source: ['context.click_ids.twclid', 'context.vendor_ids.twclid'], target: 'ids.twclid' },
  { source: 'context.ip', target: 'ids.ip_address', transforms: ['trim'] },
  { source: 'context.user_agent', target: 'ids.user_agent', transforms: ['trim'] },
  { source: 'event_id', target: 'conversion_id' },
];

const VALUE: MappingRow[] = [
  {
    source: ['properties.revenue', 'properties.value', 'properties.total', 'properties.price'],
    target: 'value',
    transforms: ['to_number'],
  },
  { source: 'properties.currency', target: 'price_currency', transforms: ['trim', 'uppercase'] },
];

const eventId = (setting: string): MappingRow => ({
  source: `parameters.${setting}`,
  target: 'event_id',
});

/** The X Ads declaration. */
export const xAdsDeclaration: VendorDeclaration = {
  id: 'x_ads',
  name: 'X (Twitter) Ads',
  category: 'advertising',
  description:
    'Web conversions sent to X (Twitter) Ads, matched on the twclid and hashed email or phone.',
  api: 'Ads API v12 (/12/measurement/conversions/{pixel_id})',
  docs: 'https://developer.x.com/en/docs/x-ads-api/measurement/web-conversions/conversions',
  status: 'beta',
  test_settings: {
    pixel_id: 'o8z6j',
    consumer_key: 'test-ck',
    consumer_secret: 'test-cs',
    access_token: 'test-at',
    access_token_secret: 'test-ats',
    purchase_event_id: 'o87ne',
    page_view_event_id: 'o87pv',
    add_to_cart_event_id: 'o87ac',
    lead_event_id: 'o87ld',
    view_item_event_id: 'o87vi',
    begin_checkout_event_id: 'o87bc',
    sign_up_event_id: 'o87su',
    search_event_id: 'o87se',
  },
  logo: { pack: 'simple-icons', name: 'x' },
  settings: [
    {
      key: 'pixel_id',
      label: 'Pixel ID',
      type: 'string',
      help: 'Base-36 id of the X pixel (UWT) of the ad account.',
      pattern: { regex: '^[a-z0-9]+$', message: 'must be the base-36 pixel id' },
    },
    {
      key: 'consumer_key',
      label: 'Consumer key',
      type: 'string',
      help: 'API key of the Ads API app.',
    },
    {
      key: 'consumer_secret',
      label: 'Consumer secret',
      type: 'secret',
      help: 'API key secret of the Ads API app.',
    },
    {
      key: 'access_token',
      label: 'Access token',
      type: 'secret',
      help: 'Access token of a user with AD_MANAGER or ACCOUNT_ADMIN on the ad account.',
    },
    {
      key: 'access_token_secret',
      label: 'Access token secret',
      type: 'secret',
      help: "That access token's secret.",
    },
    {
      key: 'purchase_event_id',
      label: 'Purchase event ID',
      type: 'string',
      help: 'Events Manager id of the purchase event (e.g. o87ne).',
    },
    {
      key: 'page_view_event_id',
      label: 'Page view event ID',
      type: 'string',
      required: false,
      help: 'Events Manager id of the page view event.',
    },
    {
      key: 'add_to_cart_event_id',
      label: 'Add to cart event ID',
      type: 'string',
      required: false,
      help: 'Events Manager id of the add to cart event.',
    },
    {
      key: 'lead_event_id',
      label: 'Lead event ID',
      type: 'string',
      required: false,
      help: 'Events Manager id of the lead event.',
    },
    {
      key: 'view_item_event_id',
      label: 'View item event ID',
      type: 'string',
      required: false,
      help: 'Events Manager id of the product view event.',
    },
    {
      key: 'begin_checkout_event_id',
      label: 'Begin checkout event ID',
      type: 'string',
      required: false,
      help: 'Events Manager id of the checkout start event.',
    },
    {
      key: 'sign_up_event_id',
      label: 'Sign up event ID',
      type: 'string',
      required: false,
      help: 'Events Manager id of the sign-up event.',
    },
    {
      key: 'search_event_id',
      label: 'Search event ID',
      type: 'string',
      required: false,
      help: 'Events Manager id of the search event.',
    },
  ],
  spec: {
    endpoint: {
      base_url: 'https://ads-api.x.com',
      path: '/12/measurement/conversions/{{settings.pixel_id}}',
    },
    auth: {
      kind: 'oauth1',
      consumer_key: '{{settings.consumer_key}}',
      consumer_secret: '{{settings.consumer_secret}}',
      token: '{{settings.access_token}}',
      token_secret: '{{settings.access_token_secret}}',
    },
    body: { wrapper: { conversions: '{{items}}' } },
    item: { fields: { conversion_time: '{{event.timestamp | to_iso8601}}' } },
    eligibility: {
      any_of: [['event_id', 'identifiers']],
      reason: 'X needs an event id configured for this event and a twclid, email or phone',
    },
    batching: { max_events: X_MAX_BATCH },
    // 100,000 requests per 15 minutes per ad account ≈ 111/s.
    rate_limit_rps: 100,
    answer: { error_message: ['errors[0].message', 'message'] },
  },
  mapping: {
    fields: FIELDS,
    defaults: {
      global: GLOBAL,
      events: {
        page_view: { vendor_event: 'page_view', mappings: [eventId('page_view_event_id')] },
        add_to_cart: {
          match: ['add_to_cart', 'Product Added'],
          vendor_event: 'add_to_cart',
          mappings: [
            eventId('add_to_cart_event_id'),
            ...VALUE,
            { source: 'properties.quantity', target: 'number_items', transforms: ['to_number'] },
          ],
        },
        purchase: {
          match: ['purchase', 'Order Completed'],
          vendor_event: 'purchase',
          mappings: [
            eventId('purchase_event_id'),
            ...VALUE,
            { source: 'properties.order_id', target: 'conversion_id', transforms: ['to_string'] },
            {
              source: 'properties.products',
              target: 'contents',
              items: [
                { source: ['product_id', 'sku'], target: 'content_id', transforms: ['to_string'] },
                { source: 'name', target: 'content_name' },
                { source: 'price', target: 'content_price', transforms: ['to_number'] },
                { source: 'quantity', target: 'num_items', transforms: ['to_number'] },
              ],
            },
          ],
        },
        lead: {
          match: ['lead', 'Generate Lead', 'Lead Submitted'],
          vendor_event: 'lead',
          mappings: [eventId('lead_event_id'), ...VALUE],
        },
        view_item: {
          match: ['view_item', 'Product Viewed'],
          vendor_event: 'view_item',
          mappings: [eventId('view_item_event_id'), ...VALUE],
        },
        begin_checkout: {
          match: ['begin_checkout', 'Checkout Started'],
          vendor_event: 'begin_checkout',
          mappings: [eventId('begin_checkout_event_id'), ...VALUE],
        },
        sign_up: {
          match: ['sign_up', 'Signed Up'],
          vendor_event: 'sign_up',
          mappings: [eventId('sign_up_event_id')],
        },
        search: {
          match: ['search', 'Products Searched'],
          vendor_event: 'search',
          mappings: [eventId('search_event_id')],
        },
      },
      defaults: { action: 'drop' },
    },
  },
  unverified: [
    'phone hashed without the +',
    'error envelope {"errors":[{"code","message"}]}',
    'no test mode',
  ],
};
