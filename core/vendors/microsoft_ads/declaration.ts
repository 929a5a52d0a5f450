/**
 * Microsoft Advertising UET Conversions API, declared only (facts:
 * docs/vendors/more-vendors-and-catalog.md §2, cross-checked there against three open-source
 * senders): `POST https://capi.uet.microsoft.com/v1/{uetTagId}/events`, Bearer CAPI token
 * (generated on the UET tag), `{ data: [...], continueOnValidationError: true }`, `eventTime` in
 * Unix seconds, `eventType` `pageLoad` or `custom`. Only `em` and `ph` are hashed (SHA-256 hex).
 * With `continueOnValidationError`, invalid events are listed by index in `error.details` while the
 * rest are accepted.
 *
 * Unverified (see `unverified`): top-level placement of `continueOnValidationError`, the
 * 1,000-event batch limit, phone normalisation (E.164 digits chosen), rate limits, test mode (none).
 */
import { identityRows } from '../../identity-kit/rows.js';
import type { MappingRow } from '../../mapping/config.js';
import type { VendorField } from '../../mapping/coverage.js';
import type { VendorDeclaration } from '../spec/declaration.js';

const FIELDS: readonly VendorField[] = [
  { path: 'eventType', required: true, auto: true, description: 'pageLoad or custom.' },
  {
    path: 'eventTime',
    required: true,
    auto: true,
    description: 'Unix seconds; within the last 7 days.',
  },
  { path: 'eventId', required: true, auto: true, description: 'Dedup id shared with the UET tag.' },
  { path: 'eventName', required: false, description: 'Event action for custom conversion goals.' },
  {
    path: 'eventSourceUrl',
    required: false,
    requiredFor: ['pageLoad'],
    description: 'Page URL (required for pageLoad).',
  },
  { path: 'pageTitle', required: false, description: 'Page title.' },
  { path: 'referrerUrl', required: false, description: 'Referrer.' },
  { path: 'userData.em', required: false, description: 'SHA-256 email.' },
  { path: 'userData.ph', required: false, description: 'SHA-256 phone.' },
  { path: 'userData.msclkid', required: false, description: 'Microsoft click id, plain.' },
  { path: 'userData.anonymousId', required: false, description: 'First-party visitor id, plain.' },
  { path: 'userData.externalId', required: false, description: 'User id, plain.' },
  { path: 'userData.clientIpAddress', required: false, description: 'Client IP, plain.' },
  { path: 'userData.clientUserAgent', required: false, description: 'Client user agent, plain.' },
  { path: 'customData.value', required: false, description: 'Conversion value.' },
  { path: 'customData.currency', required: false, description: 'ISO 4217.' },
  { path: 'customData.transactionId', required: false, description: 'Order id.' },
  { path: 'customData.itemIds', required: false, description: 'Product ids.' },
  { path: 'customData.items', required: false, description: 'Items: id, name, price, quantity.' },
];

const GLOBAL: MappingRow[] = [
  ...identityRows('userData', { em: 'email_sha256', ph: 'phone_digits_sha256' }),
  { source: 'context.click_ids.msclkid', target: 'userData.msclkid' },
  { source: 'anonymous_id', target: 'userData.anonymousId' },
  { source: 'user_id', target: 'userData.externalId' },
  { source: 'context.ip', target: 'userData.clientIpAddress' },
  { source: 'context.user_agent', target: 'userData.clientUserAgent' },
  { source: 'context.page.url', target: 'eventSourceUrl' },
  { source: 'context.page.title', target: 'pageTitle' },
  { source: 'context.page.referrer', target: 'referrerUrl' },
];

const VALUE: MappingRow[] = [
  {
    source: ['properties.revenue', 'properties.value', 'properties.total', 'properties.price'],
    target: 'customData.value',
    transforms: ['to_number'],
  },
  {
    source: 'properties.currency',
    target: 'customData.currency',
    transforms: ['trim', 'uppercase'],
  },
];

const custom = (name: string): MappingRow => ({ target: 'eventName', value: name });

/** The Microsoft Advertising declaration. */
export const microsoftAdsDeclaration: VendorDeclaration = {
  id: 'microsoft_ads',
  name: 'Microsoft Advertising',
  category: 'advertising',
  description:
    'Conversions sent to Microsoft Advertising (Bing) through the UET tag’s server-side API, matched on the msclkid and hashed email.',
  api: 'UET Conversions API (/v1/{uetTagId}/events)',
  docs: 'https://learn.microsoft.com/en-us/advertising/guides/uet-conversion-api-integration',
  status: 'beta',
  test_settings: { tag_id: '343000123', access_token: 'test-ms-token' },
  logo: { pack: 'logos', name: 'bing' },
  settings: [
    {
      key: 'tag_id',
      label: 'UET tag ID',
      type: 'string',
      help: 'The numeric UET tag id.',
      pattern: { regex: '^\\d{4,12}$', message: 'must be the numeric UET tag id' },
    },
    {
      key: 'access_token',
      label: 'CAPI token',
      type: 'secret',
      help: 'Conversions API token generated on the UET tag (Bearer auth); not the Ads API token.',
    },
  ],
  spec: {
    endpoint: {
      base_url: 'https://capi.uet.microsoft.com',
      path: '/v1/{{settings.tag_id}}/events',
    },
    auth: { kind: 'bearer', token: '{{settings.access_token}}' },
    body: { wrapper: { data: '{{items}}', continueOnValidationError: true } },
    item: {
      fields: {
        eventType: 'custom',
        eventTime: '{{event.timestamp | to_unix_seconds}}',
        eventId: '{{event.event_id}}',
      },
    },
    eligibility: {
      any_of: [
        ['userData.msclkid'],
        ['userData.em'],
        ['userData.ph'],
        ['userData.anonymousId'],
        ['userData.externalId'],
        ['userData.clientIpAddress'],
      ],
      reason: 'Microsoft needs at least one userData identifier',
    },
    batching: { max_events: 1000 },
    rate_limit_rps: 10,
    answer: {
      error_message: ['error.message', 'message'],
      per_event: {
        path: 'error.details',
        match: 'listed_index',
        id_field: 'index',
        status_field: 'isWarning',
        ok_values: [true],
        message_field: 'errorMessage',
      },
    },
  },
  mapping: {
    fields: FIELDS,
    defaults: {
      global: GLOBAL,
      events: {
        page_view: {
          vendor_event: 'page_view',
          mappings: [{ target: 'eventType', value: 'pageLoad' }],
        },
        add_to_cart: {
          match: ['add_to_cart', 'Product Added'],
          vendor_event: 'add_to_cart',
          mappings: [
            custom('add_to_cart'),
            ...VALUE,
            {
              source: ['properties.product_id', 'properties.sku'],
              target: 'customData.itemIds',
              transforms: ['to_string', 'to_array'],
            },
          ],
        },
        purchase: {
          match: ['purchase', 'Order Completed'],
          vendor_event: 'purchase',
          mappings: [
            custom('purchase'),
            ...VALUE,
            {
              source: 'properties.order_id',
              target: 'customData.transactionId',
              transforms: ['to_string'],
            },
            {
              source: ['properties.products[].product_id', 'properties.products[].sku'],
              target: 'customData.itemIds',
              transforms: ['to_string'],
            },
            {
              source: 'properties.products',
              target: 'customData.items',
              items: [
                { source: ['product_id', 'sku'], target: 'id', transforms: ['to_string'] },
                { source: 'name', target: 'name' },
                { source: 'price', target: 'price', transforms: ['to_number'] },
                { source: 'quantity', target: 'quantity', transforms: ['to_number'] },
              ],
            },
          ],
        },
        lead: {
          match: ['lead', 'Generate Lead', 'Lead Submitted'],
          vendor_event: 'lead',
          mappings: [custom('lead'), ...VALUE],
        },
        view_item: {
          match: ['view_item', 'Product Viewed'],
          vendor_event: 'view_item',
          mappings: [
            custom('view_item'),
            ...VALUE,
            {
              source: ['properties.product_id', 'properties.sku'],
              target: 'customData.itemIds',
              transforms: ['to_string', 'to_array'],
            },
          ],
        },
        begin_checkout: {
          match: ['begin_checkout', 'Checkout Started'],
          vendor_event: 'begin_checkout',
          mappings: [custom('begin_checkout'), ...VALUE],
        },
        sign_up: {
          match: ['sign_up', 'Signed Up'],
          vendor_event: 'sign_up',
          mappings: [custom('sign_up')],
        },
        search: {
          match: ['search', 'Products Searched'],
          vendor_event: 'search',
          mappings: [custom('search')],
        },
      },
      defaults: { action: 'drop' },
    },
  },
  unverified: [
    'continueOnValidationError at the top level',
    'max 1000 events per request',
    'phone hashed as E.164 digits without +',
    'rate limit (10 requests/s chosen)',
    'no test mode',
  ],
};
