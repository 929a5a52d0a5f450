/** CleverTap golden cases as data (record shape: CleverTap's Upload Events reference; see index.ts). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { account_id: 'W9R-486-4W5Z', passcode: 'pc-1', region: 'us1' };
const SEC = Date.parse(FIXED_TIME) / 1000;

export const cases: VendorCase[] = [
  {
    name: 'A purchase is a Charged event with Amount, Charged ID and Items, sent with the account id and passcode headers',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: 'https://us1.api.clevertap.com/1/upload',
          headers: { 'x-clevertap-account-id': 'W9R-486-4W5Z', 'x-clevertap-passcode': 'pc-1' },
          event_ids: ['ORD-1001'],
          body: {
            d: [
              {
                type: 'event',
                evtName: 'Charged',
                ts: SEC,
                identity: 'user-123',
                evtData: {
                  order_id: 'ORD-1001',
                  revenue: 59.98,
                  currency: 'USD',
                  products: [
                    {
                      product_id: 'SKU-1',
                      name: 'Tee',
                      price: 29.99,
                      quantity: 2,
                      brand: 'Acme',
                      category: 'Apparel',
                    },
                  ],
                  Amount: 59.98,
                  'Charged ID': 'ORD-1001',
                  Items: [{ product_id: 'SKU-1', name: 'Tee', price: 29.99, quantity: 2 }],
                },
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'An event with only an email uses it as identity; one with neither is skipped',
    settings: SETTINGS,
    input: [
      makeEvent({ event_id: 'e1', event: 'Video Played', traits: { email: 'a@example.com' } }),
      makeEvent({ event_id: 'e2', event: 'Video Played' }),
    ],
    expected: {
      requests: [
        {
          url: 'https://us1.api.clevertap.com/1/upload',
          event_ids: ['e1'],
          body: {
            d: [
              {
                type: 'event',
                evtName: 'Video Played',
                ts: SEC,
                identity: 'a@example.com',
                evtData: {},
              },
            ],
          },
        },
      ],
      skipped: [{ event_id: 'e2', reason: 'CleverTap needs an identity (user id or email)' }],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A 200 with status fail is final',
    request: { event_ids: ['a'] },
    response: { status: 200, body: { status: 'fail', error: 'Invalid timestamp', code: 509 } },
    expected: [
      {
        status: 'failed',
        code: 'vendor_rejected',
        reason: 'CleverTap status fail: Invalid timestamp',
      },
    ],
  },
  {
    name: 'A wrong passcode (401) is a credential failure',
    request: { event_ids: ['a'] },
    response: {
      status: 401,
      body: { status: 'fail', error: 'Account Id and Passcode do not match', code: 401 },
    },
    expected: [{ status: 'failed', code: 'vendor_auth' }],
  },
];
