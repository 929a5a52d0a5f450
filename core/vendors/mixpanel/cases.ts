/** Mixpanel golden cases as data (endpoint, auth and answers: docs/vendors/more-vendors-and-catalog.md §6). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = {
  project_id: '424242',
  service_account_username: 'sa.user',
  service_account_secret: 'sa-secret',
};
const PAGE = {
  $current_url: 'https://shop.example.com/checkout/thanks',
  $referrer: 'https://shop.example.com/cart',
  ip: '203.0.113.7',
};

export const cases: VendorCase[] = [
  {
    name:
      'A purchase is imported as Order Completed with service-account Basic auth, the project ' +
      'id, flat properties, millisecond time and the event id as $insert_id',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: 'https://api.mixpanel.com/import?strict=1&project_id=424242',
          headers: {
            authorization: `Basic ${Buffer.from('sa.user:sa-secret').toString('base64')}`,
            'content-type': 'application/json',
          },
          event_ids: ['ORD-1001'],
          body: [
            {
              event: 'Order Completed',
              properties: {
                time: Date.parse(FIXED_TIME),
                $insert_id: 'ORD-1001',
                distinct_id: 'user-123',
                $user_id: 'user-123',
                $device_id: 'anon-1',
                ...PAGE,
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
              },
            },
          ],
        },
      ],
    },
  },
  {
    name:
      'An EU project imports to the EU host; an anonymous custom event passes through with the ' +
      'anonymous id as distinct_id, and its id, which Mixpanel would refuse, becomes 36 hex ' +
      'digits of its SHA-256',
    settings: { ...SETTINGS, region: 'eu' },
    input: [
      makeEvent({ event_id: 'evt_1', event: 'Video Played', properties: { video_id: 'v1' } }),
    ],
    expected: {
      requests: [
        {
          url: 'https://api-eu.mixpanel.com/import?strict=1&project_id=424242',
          body: [
            {
              event: 'Video Played',
              properties: {
                time: Date.parse(FIXED_TIME),
                $insert_id: '7d4e5a76eae6d8c165410ac19fe6756521ba',
                distinct_id: 'anon-1',
                $device_id: 'anon-1',
                ...PAGE,
                video_id: 'v1',
              },
            },
          ],
        },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A 400 naming failed records is a partial success: the named record fails with its field and message, the others were stored',
    request: { event_ids: ['a', 'b'] },
    response: {
      status: 400,
      body: {
        code: 400,
        error: 'some data points in the request failed validation',
        status: 'Bad Request',
        num_records_imported: 1,
        failed_records: [
          {
            index: 1,
            insert_id: 'b',
            field: 'properties.time',
            message: "'properties.time' is invalid",
          },
        ],
      },
    },
    expected: [
      { event_id: 'a', status: 'delivered' },
      {
        event_id: 'b',
        status: 'failed',
        code: 'vendor_rejected',
        reason: "Mixpanel 400: properties.time: 'properties.time' is invalid",
      },
    ],
  },
  {
    name: 'A 400 without failed records is final, quoting Mixpanel’s error',
    request: { event_ids: ['a'] },
    response: {
      status: 400,
      body: { code: 400, error: 'request body must be a JSON array', status: 'Bad Request' },
    },
    expected: [
      {
        status: 'failed',
        code: 'vendor_rejected',
        reason: 'Mixpanel 400: request body must be a JSON array',
      },
    ],
  },
  {
    name: 'Wrong service-account credentials (401) fail as an auth problem',
    request: { event_ids: ['a'] },
    response: { status: 401, body: { code: 401, error: 'Invalid credentials', status: 'error' } },
    expected: [{ status: 'failed', code: 'vendor_auth' }],
  },
];
