/**
 * Dub conversion tracking, declared (facts: Dub's API reference, dub.co/docs/api-reference/track/lead
 * and /track/sale): Bearer API key; leads go to `POST https://api.dub.co/track/lead` as `{ clickId,
 * eventName, customerExternalId, customerName, customerEmail }` — `clickId` is the `dub_id` cookie, or
 * an empty string for deferred lead tracking (Dub then uses the click of the customer it already knows
 * by `customerExternalId`); sales go to `POST https://api.dub.co/track/sale` as `{ customerExternalId,
 * amount (integer, minor units), currency (lower case), eventName, paymentProcessor, invoiceId }`. Leads
 * are deduplicated by customer and event name, sales by `invoiceId`. One event per request.
 *
 * Which endpoint an event goes to is the mapped `dub_event_type` (`lead` or `sale`), taken out of the
 * body before sending.
 *
 * Unverified: answer shapes beyond the documented 200, rate limits, zero-decimal currencies.
 */
import { isRecord } from '../../json/index.js';
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import { SOURCES, standardEvents } from '../spec/standard.js';

const ZERO_DECIMAL = new Set(['jpy', 'krw', 'vnd', 'clp', 'isk', 'ugx', 'xaf', 'xof', 'pyg']);
const ONLY_CONVERSIONS = 'Dub tracks leads and sales';

const GLOBAL: MappingRow[] = [
  { source: 'user_id', target: 'customerExternalId', transforms: ['to_string'] },
  { source: ['traits.email', 'properties.email'], target: 'customerEmail', transforms: ['trim'] },
  { source: ['traits.name', 'traits.first_name'], target: 'customerName' },
];

/** What the registry holds for Dub. */
export const dub = declareVendor(
  {
    id: 'dub',
    name: 'Dub',
    category: 'attribution',
    description:
      'Attributes sign-ups and sales to Dub short links and partner (affiliate) programs.',
    api: 'Track API (/track/lead, /track/sale)',
    docs: 'https://dub.co/docs/api-reference/track/lead',
    status: 'beta',
    keywords: ['short links', 'affiliate', 'partners', 'dub_id'],
    test_settings: { api_key: 'dub_test_key' },
    settings: [
      {
        key: 'api_key',
        label: 'API key',
        type: 'secret',
        help: 'A Dub workspace API key with conversion tracking write access (Settings → API Keys).',
      },
    ],
    spec: {
      endpoint: { base_url: 'https://api.dub.co', path: '/track/{{item.dub_event_type}}' },
      auth: { kind: 'bearer', token: '{{settings.api_key}}' },
      body: { wrapper: '{{item}}' },
      item: { fields: { eventName: '{{vendor_event}}' } },
      eligibility: {
        any_of: [['customerExternalId']],
        reason: 'Dub needs your user id as the customer’s external id',
      },
      batching: { max_events: 1 },
      rate_limit_rps: 10,
      answer: { error_message: ['error.message', 'message'] },
    },
    mapping: {
      fields: [
        {
          path: 'dub_event_type',
          required: false,
          description: 'lead or sale: which Dub endpoint the event goes to (not sent).',
        },
        {
          path: 'eventName',
          required: true,
          auto: true,
          description: 'Event name (from the event map).',
        },
        {
          path: 'customerExternalId',
          required: false,
          description: 'Your user id (required by Dub).',
        },
        {
          path: 'clickId',
          required: false,
          description: 'dub_id cookie (leads); empty for deferred lead tracking.',
        },
        { path: 'customerEmail', required: false, description: 'Customer email (leads).' },
        { path: 'customerName', required: false, description: 'Customer name (leads).' },
        {
          path: 'amount',
          required: false,
          requiredFor: ['Purchase'],
          description: 'Sale amount (sent in minor units).',
        },
        { path: 'currency', required: false, description: 'ISO 4217 (sent lower case).' },
        { path: 'invoiceId', required: false, description: 'Order id; deduplicates sales.' },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents({ purchase: 'Purchase', lead: 'Lead', sign_up: 'Sign Up' }, (e) =>
          e === 'purchase'
            ? [
                { value: 'sale', target: 'dub_event_type' },
                { source: [...SOURCES.value], target: 'amount', transforms: ['to_number'] },
                {
                  source: [...SOURCES.currency],
                  target: 'currency',
                  transforms: ['trim', 'lowercase'],
                },
                { source: [...SOURCES.order_id], target: 'invoiceId', transforms: ['to_string'] },
                { value: 'custom', target: 'paymentProcessor' },
              ]
            : [
                { value: 'lead', target: 'dub_event_type' },
                {
                  source: ['context.click_ids.dub_id', 'context.vendor_ids.dub_id'],
                  target: 'clickId',
                },
              ],
        ),
        defaults: { action: 'drop' },
      },
    },
    not_mapped: {
      page_view: ONLY_CONVERSIONS,
      view_item: ONLY_CONVERSIONS,
      add_to_cart: ONLY_CONVERSIONS,
      begin_checkout: ONLY_CONVERSIONS,
      search: ONLY_CONVERSIONS,
    },
    unverified: [
      'answer shapes',
      'rate limit (10 requests/s chosen)',
      'zero-decimal currencies sent as is',
    ],
  },
  {
    hooks: {
      // Sales carry integer minor units; leads carry no sale fields.
      item: (item) => {
        if (item.dub_event_type !== 'lead' && item.dub_event_type !== 'sale')
          return 'Dub needs dub_event_type lead or sale';
        if (item.dub_event_type === 'sale' && typeof item.amount === 'number') {
          item.amount = Math.round(
            ZERO_DECIMAL.has(String(item.currency)) ? item.amount : item.amount * 100,
          );
        }
        if (item.dub_event_type === 'sale') {
          delete item.customerEmail;
          delete item.customerName;
        } else if (typeof item.clickId !== 'string') {
          // Deferred lead tracking: Dub uses the click of the customer it already knows.
          item.clickId = '';
        }
      },
      // The endpoint is chosen; the routing field is not Dub's.
      body: (body) => {
        if (!isRecord(body)) return body;
        const { dub_event_type: _route, ...rest } = body;
        return rest;
      },
    },
  },
);
