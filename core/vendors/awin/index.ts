/**
 * Awin Conversion API (advertiser server-to-server), declared (facts: Awin's developer docs
 * "Conversion API", developer.awin.com/apidocs/conversion-api): `POST
 * https://api.awin.com/s2s/advertiser/{advertiser_id}/orders` with the API key in `x-api-key`, `{
 * orders: [...] }` of at most 1,000 orders, each `{ orderReference (≤ 50 characters), amount,
 * currency, channel, awc, voucher, commissionGroups: [{ code, amount }], isTest }`. An order is
 * attributed by its `awc` (the click reference Awin appends to the landing URL, kept in a first-party
 * cookie) or its voucher. `channel` names the last-click referrer: `aw` when the order carries an Awin
 * click, `other` otherwise, so Awin can de-duplicate orders that other channels drove (which is why
 * orders without an `awc` are still sent).
 *
 * Unverified: `other` as the channel value for non-Awin orders, answer shapes, rate limits.
 */
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import { SOURCES, standardEvents } from '../spec/standard.js';

const NOT_A_SALE = 'Awin records orders (sales) only';

/** What the registry holds for Awin. */
export const awin = declareVendor(
  {
    id: 'awin',
    name: 'Awin',
    category: 'attribution',
    description:
      'Reports orders to Awin so affiliate publishers are credited and commissions tracked.',
    api: 'Conversion API (/s2s/advertiser/{advertiser_id}/orders)',
    docs: 'https://developer.awin.com/apidocs/conversion-api',
    status: 'beta',
    keywords: ['affiliate', 'partnerships', 'awc', 'commission'],
    test_settings: { advertiser_id: '12345', api_key: 'test-awin-key' },
    settings: [
      {
        key: 'advertiser_id',
        label: 'Advertiser ID',
        type: 'string',
        help: 'Your Awin advertiser id (Account → Overview).',
        pattern: { regex: '^[0-9]+$', message: 'must be numeric' },
      },
      {
        key: 'api_key',
        label: 'API key',
        type: 'secret',
        help: 'The Conversion API key (sent as x-api-key).',
      },
      {
        key: 'commission_group',
        label: 'Commission group',
        type: 'string',
        required: false,
        default: 'DEFAULT',
        help: 'Commission group code the order amount is booked under.',
      },
    ],
    spec: {
      endpoint: {
        base_url: 'https://api.awin.com',
        path: '/s2s/advertiser/{{settings.advertiser_id}}/orders',
        test_mode: { item: { isTest: true } },
      },
      auth: { kind: 'api_key', in: 'header', name: 'x-api-key', value: '{{settings.api_key}}' },
      body: { wrapper: { orders: '{{items}}' } },
      item: { fields: { isTest: false } },
      batching: { max_events: 1000 },
      rate_limit_rps: 5,
      answer: { error_message: ['message', 'errors.0.message', 'error'] },
    },
    mapping: {
      fields: [
        {
          path: 'orderReference',
          required: true,
          description: 'Order id (truncated at 50 characters).',
        },
        {
          path: 'amount',
          required: true,
          description: 'Order subtotal after discounts, before tax and shipping.',
        },
        { path: 'currency', required: false, description: 'ISO 4217.' },
        {
          path: 'channel',
          required: true,
          auto: true,
          description: 'aw with an Awin click, other without.',
        },
        { path: 'awc', required: false, description: 'Awin click reference (awc).' },
        { path: 'voucher', required: false, description: 'Voucher code used.' },
        {
          path: 'commissionGroups',
          required: true,
          auto: true,
          description: 'Commission group code and amount.',
        },
      ],
      defaults: {
        global: [
          { source: ['context.click_ids.awc', 'context.vendor_ids.awc'], target: 'awc' },
          { source: ['properties.coupon', 'properties.voucher'], target: 'voucher' },
        ] satisfies MappingRow[],
        events: standardEvents({ purchase: 'sale' }, () => [
          { source: [...SOURCES.order_id], target: 'orderReference', transforms: ['to_string'] },
          { source: [...SOURCES.value], target: 'amount', transforms: ['to_number'] },
          { source: [...SOURCES.currency], target: 'currency', transforms: ['trim', 'uppercase'] },
        ]),
        defaults: { action: 'drop' },
      },
    },
    not_mapped: {
      page_view: NOT_A_SALE,
      view_item: NOT_A_SALE,
      add_to_cart: NOT_A_SALE,
      begin_checkout: NOT_A_SALE,
      lead: NOT_A_SALE,
      sign_up: NOT_A_SALE,
      search: NOT_A_SALE,
    },
    unverified: [
      'channel "other" for orders without an Awin click',
      'answer shapes',
      'rate limit (5 requests/s chosen)',
    ],
  },
  {
    hooks: {
      // The channel follows the click; the whole amount is booked under the integration's commission group.
      item: (item, _e, params) => {
        item.channel = typeof item.awc === 'string' && item.awc ? 'aw' : 'other';
        if (typeof item.orderReference === 'string')
          item.orderReference = item.orderReference.slice(0, 50);
        if (typeof item.amount === 'number')
          item.commissionGroups = [
            {
              code:
                typeof params.commission_group === 'string' ? params.commission_group : 'DEFAULT',
              amount: item.amount,
            },
          ];
      },
    },
  },
);
