/**
 * Nextdoor Conversions API, declared (facts: Nextdoor's developer reference (conversions/track), docs/vendors/more-vendors-and-catalog.md
 * §18, and Segment's Nextdoor CAPI destination read for the request shape): `POST
 * https://ads.nextdoor.com/v2/api/conversions/track`, Bearer API key, one conversion per request:
 * `event_name` (`purchase`, `lead`, `sign_up` or `custom_conversion_1…10`), `event_id`, `event_time`
 * (ISO-8601), `action_source`, the advertiser `client_id`, `action_source_url`, `delivery_optimization`,
 * `customer` (match keys SHA-256 except `click_id` (ndclid), `pixel_id` and `client_ip_address`),
 * `custom.order_value` as the currency code followed by the amount (`USD59.98`), `custom.order_id`,
 * `custom.product_context`, and `test_event` as the string `"true"`/`"false"`.
 *
 * Unverified: phone normalisation (Nextdoor asks for ten digits without country code: a US `+1` is
 * dropped before hashing), answer shapes, rate limits.
 */
import { createHash } from 'node:crypto';
import { identityRows } from '../../identity-kit/rows.js';
import { isRecord } from '../../json/index.js';
import type { MappingRow } from '../../mapping/config.js';
import type { TransformTable } from '../../mapping/transforms.js';
import { declareVendor } from '../spec/declared.js';
import { SOURCES, standardEvents, valueRows } from '../spec/standard.js';

/** SHA-256 of the ten-digit national number (a leading US/Canada `1` of an 11-digit number dropped); a digest passes through. */
const phoneSha256 = (v: unknown): string | undefined => {
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  const s = String(v).trim();
  if (/^[a-f0-9]{64}$/i.test(s)) return s.toLowerCase();
  let d = s.replace(/\D/g, '');
  if (d.length === 11 && d.startsWith('1')) d = d.slice(1);
  return d.length >= 7 ? createHash('sha256').update(d, 'utf8').digest('hex') : undefined;
};
const TRANSFORMS: TransformTable = { 'nextdoor.phone_sha256': { fn: phoneSha256 } };

const GLOBAL: MappingRow[] = [
  ...identityRows(
    'customer',
    {
      em: 'email_sha256',
      fn: 'name_sha256',
      ln: 'name_sha256',
      ct: 'city_sha256',
      st: 'state_sha256',
      zp: 'zip_sha256',
      country: 'country_sha256',
    },
    {
      targets: {
        em: 'email',
        fn: 'first_name',
        ln: 'last_name',
        ct: 'city',
        st: 'state',
        zp: 'zip_code',
      },
    },
  ),
  {
    source: ['traits.phone', 'properties.phone'],
    target: 'customer.phone_number',
    transforms: ['nextdoor.phone_sha256'],
  },
  {
    source: ['context.click_ids.ndclid', 'context.vendor_ids.ndclid'],
    target: 'customer.click_id',
  },
  { source: 'context.ip', target: 'customer.client_ip_address' },
  { source: 'context.page.url', target: 'action_source_url' },
];

const PRODUCTS: MappingRow = {
  source: 'properties.products',
  target: 'custom.product_context',
  items: [
    { source: ['product_id', 'sku'], target: 'id', transforms: ['to_string'] },
    { source: 'price', target: 'item_price', transforms: ['to_number'] },
    { source: 'quantity', target: 'quantity', transforms: ['to_number'] },
  ],
};

/** What the registry holds for Nextdoor. */
export const nextdoor = declareVendor(
  {
    id: 'nextdoor',
    name: 'Nextdoor Ads',
    category: 'advertising',
    description:
      'Sends purchases, leads and sign-ups to Nextdoor Ads to measure and optimise campaigns.',
    api: 'Conversions API (/v2/api/conversions/track)',
    docs: 'https://developer.nextdoor.com/reference/conversions-track',
    status: 'beta',
    keywords: ['capi', 'conversions', 'local', 'ndclid'],
    logo: { pack: 'simple-icons', name: 'nextdoor' },
    test_settings: { api_key: 'test-nextdoor-key', client_id: '1234567' },
    settings: [
      {
        key: 'api_key',
        label: 'API key',
        type: 'secret',
        help: 'The Conversions API key from Nextdoor Ads Manager (Bearer).',
      },
      {
        key: 'client_id',
        label: 'Advertiser ID',
        type: 'string',
        help: 'Your Nextdoor advertiser (client) id.',
      },
      {
        key: 'pixel_id',
        label: 'Pixel ID',
        type: 'string',
        required: false,
        help: 'The Nextdoor pixel id, to deduplicate with browser events.',
      },
      {
        key: 'action_source',
        label: 'Action source',
        type: 'select',
        required: false,
        options: [
          'website',
          'app',
          'email',
          'phone_call',
          'chat',
          'physical_store',
          'system_generated',
        ],
        default: 'website',
        help: 'Where the conversions happen.',
      },
      {
        key: 'delivery_optimization',
        label: 'Use for optimisation',
        type: 'boolean',
        required: false,
        default: true,
        help: 'Off: the conversions serve attribution only.',
      },
    ],
    spec: {
      endpoint: {
        base_url: 'https://ads.nextdoor.com',
        path: '/v2/api/conversions/track',
        test_mode: { item: { test_event: 'true' } },
      },
      auth: { kind: 'bearer', token: '{{settings.api_key}}' },
      body: { wrapper: '{{item}}' },
      item: {
        fields: {
          event_name: '{{vendor_event}}',
          event_id: '{{event.event_id}}',
          event_time: '{{event.timestamp | to_iso8601}}',
          action_source: '{{settings.action_source}}',
          client_id: '{{settings.client_id}}',
          delivery_optimization: '{{settings.delivery_optimization}}',
          test_event: 'false',
          partner_id: 'datafly',
        },
      },
      eligibility: {
        any_of: [['customer.click_id'], ['customer.email'], ['customer.phone_number']],
        reason: 'Nextdoor needs an ndclid click id, an email or a phone number',
      },
      batching: { max_events: 1 },
      rate_limit_rps: 10,
      answer: { error_message: ['message', 'error.message', 'errors.0.message', 'error'] },
    },
    mapping: {
      fields: [
        {
          path: 'event_name',
          required: true,
          auto: true,
          description: 'purchase, lead, sign_up or custom_conversion_1…10.',
        },
        { path: 'event_time', required: true, auto: true, description: 'ISO-8601 UTC.' },
        {
          path: 'event_id',
          required: false,
          auto: true,
          description: 'Dedup id shared with the pixel.',
        },
        {
          path: 'action_source_url',
          required: false,
          description: 'Page URL (required for website events).',
        },
        {
          path: 'customer.email',
          required: false,
          description: 'SHA-256 of the trimmed, lowercased email.',
        },
        {
          path: 'customer.phone_number',
          required: false,
          description: 'SHA-256 of the ten-digit number.',
        },
        { path: 'customer.first_name', required: false, description: 'SHA-256.' },
        { path: 'customer.last_name', required: false, description: 'SHA-256.' },
        { path: 'customer.click_id', required: false, description: 'ndclid click id, plain.' },
        { path: 'customer.client_ip_address', required: false, description: 'Client IP, plain.' },
        {
          path: 'custom.order_value',
          required: false,
          requiredFor: ['purchase'],
          description: 'Amount (the currency is prefixed when sent).',
        },
        {
          path: 'custom.currency',
          required: false,
          description: 'ISO 4217, prefixed to the amount.',
        },
        { path: 'custom.order_id', required: false, description: 'Order id.' },
        {
          path: 'custom.product_context',
          required: false,
          description: 'Products: id, item_price, quantity.',
        },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents({ purchase: 'purchase', lead: 'lead', sign_up: 'sign_up' }, (e) =>
          e === 'purchase'
            ? [
                ...valueRows('custom.order_value', 'custom.currency'),
                {
                  source: [...SOURCES.order_id],
                  target: 'custom.order_id',
                  transforms: ['to_string'],
                },
                PRODUCTS,
              ]
            : [],
        ),
        defaults: { action: 'drop' },
      },
    },
    variants: [
      {
        key: 'attribution_only',
        name: 'Attribution only',
        description: 'Conversions measure campaigns but do not steer delivery.',
        defaults: { delivery_optimization: false },
      },
    ],
    not_mapped: {
      page_view:
        'Nextdoor takes purchases, leads, sign-ups and numbered custom conversions; map it to a custom_conversion_N yourself',
      view_item: 'no standard Nextdoor event; map it to a custom_conversion_N yourself',
      add_to_cart: 'no standard Nextdoor event; map it to a custom_conversion_N yourself',
      begin_checkout: 'no standard Nextdoor event; map it to a custom_conversion_N yourself',
      search: 'no standard Nextdoor event; map it to a custom_conversion_N yourself',
    },
    unverified: [
      'phone hashed as ten national digits',
      'answer shapes',
      'rate limit (10 requests/s chosen)',
    ],
  },
  {
    transforms: TRANSFORMS,
    hooks: {
      // Nextdoor writes the order value as currency + amount; the pixel id belongs with the match keys.
      item: (item, _e, params) => {
        if (isRecord(item.custom)) {
          const { currency, order_value: value, ...rest } = item.custom;
          item.custom =
            value !== undefined
              ? {
                  ...rest,
                  order_value: `${typeof currency === 'string' ? currency : ''}${String(value as number)}`,
                }
              : rest;
        }
        if (typeof params.pixel_id === 'string' && params.pixel_id)
          item.customer = {
            ...(isRecord(item.customer) ? item.customer : {}),
            pixel_id: params.pixel_id,
          };
      },
    },
  },
);
