/** Awin golden cases as data (request shape: Awin's Conversion API docs, see index.ts). */
import { fullPurchase } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const URL = 'https://api.awin.com/s2s/advertiser/1001/orders';

export const cases: VendorCase[] = [
  {
    name: 'A purchase with an Awin click is an aw-channel order with its awc, amount and the default commission group',
    settings: { advertiser_id: '1001', api_key: 'aw-key' },
    input: [fullPurchase({ context: { click_ids: { awc: '1001_1767268000_abc' } } })],
    expected: {
      requests: [
        {
          url: URL,
          headers: { 'x-api-key': 'aw-key' },
          event_ids: ['ORD-1001'],
          body: {
            orders: [
              {
                isTest: false,
                awc: '1001_1767268000_abc',
                orderReference: 'ORD-1001',
                amount: 59.98,
                currency: 'USD',
                channel: 'aw',
                commissionGroups: [{ code: 'DEFAULT', amount: 59.98 }],
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'In test mode an order without an Awin click still goes, flagged as a test, on the other channel, with its voucher and commission group',
    settings: {
      advertiser_id: '1001',
      api_key: 'aw-key',
      commission_group: 'NEW',
      test_mode: true,
    },
    input: [
      fullPurchase({
        properties: { order_id: 'ORD-2', revenue: 20, currency: 'eur', coupon: 'SPRING10' },
      }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          body: {
            orders: [
              {
                isTest: true,
                voucher: 'SPRING10',
                orderReference: 'ORD-2',
                amount: 20,
                currency: 'EUR',
                channel: 'other',
                commissionGroups: [{ code: 'NEW', amount: 20 }],
              },
            ],
          },
        },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A bad API key (403) is a credentials failure',
    request: { event_ids: ['a'] },
    response: { status: 403, body: { message: 'Forbidden' } },
    expected: [{ status: 'failed', code: 'vendor_auth' }],
  },
  {
    name: 'A 400 is final and quotes Awin',
    request: { event_ids: ['a'] },
    response: { status: 400, body: { message: 'amount must be a number' } },
    expected: [
      { status: 'failed', code: 'vendor_rejected', reason: 'HTTP 400: amount must be a number' },
    ],
  },
];
