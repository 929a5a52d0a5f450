/**
 * Rokt Conversions API (through mParticle's server-to-server Events API), declared (facts: the vendor
 * catalog, docs/vendors/more-vendors-and-catalog.md §18, and Segment's Rokt CAPI destination read for the
 * request shape): `POST https://inbound.mparticle.com/s2s/v2/events`, HTTP Basic with the API key and
 * secret Rokt issues, one batch per user: `{ environment, device_info: { http_header_user_agent },
 * user_identities: { other (SHA-256 email), customerid, other2 (Rokt click id) }, user_attributes: {
 * firstnamesha256, lastnamesha256, billingzipsha256 }, integration_attributes: { "1277": {
 * passbackconversiontrackingid } }, ip, events: [{ event_type: "custom_event", data: { custom_event_type:
 * "transaction", event_name: "conversion", source_message_id, timestamp_unixtime_ms, custom_attributes:
 * { conversiontype, confirmationref, amount, currency } } }] }`. At least one of email, customer id or
 * Rokt click id (`rtid`) is needed. Only conversions are sent.
 *
 * Unverified: answer shapes, rate limits, `environment: development` in test mode.
 */
import { identityRows } from '../../identity-kit/rows.js';
import { isRecord } from '../../json/index.js';
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import { standardEvents, valueRows } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  ...identityRows('user_identities', { em: 'email_sha256' }, { targets: { em: 'other' } }),
  { source: 'user_id', target: 'user_identities.customerid', transforms: ['to_string'] },
  {
    source: ['context.click_ids.rtid', 'context.vendor_ids.rokt_click_id'],
    target: 'user_identities.other2',
  },
  {
    source: ['context.click_ids.rtid', 'context.vendor_ids.rokt_click_id'],
    target: 'integration_attributes.1277.passbackconversiontrackingid',
  },
  ...identityRows(
    'user_attributes',
    { fn: 'name_sha256', ln: 'name_sha256', zp: 'zip_sha256' },
    { targets: { fn: 'firstnamesha256', ln: 'lastnamesha256', zp: 'billingzipsha256' } },
  ),
  { source: 'context.user_agent', target: 'device_info.http_header_user_agent' },
  { source: 'context.ip', target: 'ip' },
  {
    source: ['properties.order_id', 'properties.transaction_id', 'event_id'],
    target: 'conversion.confirmationref',
    transforms: ['to_string'],
  },
];

const NOT_A_CONVERSION = 'Rokt takes conversions only (purchases, leads, sign-ups)';

/** What the registry holds for Rokt. */
export const rokt = declareVendor(
  {
    id: 'rokt',
    name: 'Rokt',
    category: 'advertising',
    description:
      'Reports purchases, leads and sign-ups to Rokt so ecommerce offers are attributed and optimised.',
    api: 'Conversions API via mParticle Events API (/s2s/v2/events)',
    docs: 'https://docs.rokt.com/developers/integration-guides/rokt-ads/conversions-api/',
    status: 'beta',
    keywords: ['capi', 'conversions', 'ecommerce offers', 'mparticle'],
    test_settings: { api_key: 'test-rokt-key', api_secret: 'test-rokt-secret' },
    settings: [
      {
        key: 'api_key',
        label: 'API key',
        type: 'secret',
        help: 'The Conversions API key Rokt issues (Basic auth user).',
      },
      {
        key: 'api_secret',
        label: 'API secret',
        type: 'secret',
        help: 'The matching secret (Basic auth password).',
      },
    ],
    spec: {
      endpoint: {
        base_url: 'https://inbound.mparticle.com',
        path: '/s2s/v2/events',
        test_mode: { item: { environment: 'development' } },
      },
      auth: {
        kind: 'basic',
        username: '{{settings.api_key}}',
        password: '{{settings.api_secret}}',
      },
      body: { wrapper: '{{item}}' },
      item: { fields: { environment: 'production' } },
      eligibility: {
        any_of: [
          ['user_identities.other'],
          ['user_identities.customerid'],
          ['user_identities.other2'],
        ],
        reason: 'Rokt needs an email, a customer id or a Rokt click id',
      },
      batching: { max_events: 1 },
      rate_limit_rps: 10,
      answer: { error_message: ['errors.0.message', 'message', 'error'] },
    },
    mapping: {
      fields: [
        {
          path: 'events',
          required: true,
          auto: true,
          description:
            'The conversion event (built from conversiontype and the conversion fields).',
        },
        {
          path: 'conversion.confirmationref',
          required: false,
          description: 'Unique conversion id (order id; the event id otherwise).',
        },
        {
          path: 'conversion.amount',
          required: false,
          requiredFor: ['purchase'],
          description: 'Amount.',
        },
        { path: 'conversion.currency', required: false, description: 'ISO 4217.' },
        {
          path: 'user_identities.other',
          required: false,
          description: 'SHA-256 of the trimmed, lowercased email.',
        },
        { path: 'user_identities.customerid', required: false, description: 'Your customer id.' },
        { path: 'user_identities.other2', required: false, description: 'Rokt click id (rtid).' },
        {
          path: 'user_attributes.firstnamesha256',
          required: false,
          description: 'SHA-256 first name.',
        },
        {
          path: 'user_attributes.lastnamesha256',
          required: false,
          description: 'SHA-256 last name.',
        },
        {
          path: 'user_attributes.billingzipsha256',
          required: false,
          description: 'SHA-256 billing zip.',
        },
        { path: 'device_info.http_header_user_agent', required: false, description: 'User agent.' },
        { path: 'ip', required: false, description: 'Client IP.' },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents({ purchase: 'purchase', lead: 'lead', sign_up: 'signup' }, (e) =>
          e === 'purchase' || e === 'lead'
            ? valueRows('conversion.amount', 'conversion.currency')
            : [],
        ),
        defaults: { action: 'drop' },
      },
    },
    not_mapped: {
      page_view: NOT_A_CONVERSION,
      view_item: NOT_A_CONVERSION,
      add_to_cart: NOT_A_CONVERSION,
      begin_checkout: NOT_A_CONVERSION,
      search: NOT_A_CONVERSION,
    },
    unverified: [
      'answer shapes',
      'rate limit (10 requests/s chosen)',
      'environment development in test mode',
    ],
  },
  {
    hooks: {
      // The conversion fields become mParticle's custom "conversion" event.
      item: (item, event, _p, _t, _n, mapped) => {
        const conversion = isRecord(item.conversion) ? item.conversion : {};
        delete item.conversion;
        item.events = [
          {
            event_type: 'custom_event',
            data: {
              custom_event_type: 'transaction',
              event_name: 'conversion',
              source_message_id: event.event_id,
              timestamp_unixtime_ms: Date.parse(event.timestamp),
              custom_attributes: { conversiontype: mapped.vendor_event, ...conversion },
            },
          },
        ];
      },
    },
  },
);
