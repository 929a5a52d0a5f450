/** OneSignal golden cases as data (request and answer shapes: OneSignal's Create custom events reference). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const APP = '8a1c3f2e-1111-4222-8333-444455556666';
const SETTINGS = { app_id: APP, api_key: 'os_key' };

export const cases: VendorCase[] = [
  {
    name:
      'A purchase is an order_completed custom event for the External ID, its id turned into a ' +
      'UUID idempotency key, with the REST key as Authorization Key',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: `https://api.onesignal.com/apps/${APP}/custom_events`,
          headers: { authorization: 'Key os_key' },
          event_ids: ['ORD-1001'],
          body: {
            events: [
              {
                name: 'order_completed',
                timestamp: FIXED_TIME,
                idempotency_key: '67b6d3c8-b967-556d-a1aa-fa5af7b7bc2c',
                external_id: 'user-123',
                properties: {
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
        },
      ],
    },
  },
  {
    name: 'An event id that already is a UUID is its own idempotency key (lower case)',
    settings: SETTINGS,
    input: [
      makeEvent({
        event_id: 'C0FFEE00-1234-4ABC-8DEF-0123456789AB',
        event: 'Video Played',
        user_id: 'u1',
      }),
    ],
    expected: {
      requests: [
        {
          url: `https://api.onesignal.com/apps/${APP}/custom_events`,
          body: {
            events: [
              {
                name: 'Video Played',
                timestamp: FIXED_TIME,
                idempotency_key: 'c0ffee00-1234-4abc-8def-0123456789ab',
                external_id: 'u1',
                properties: {},
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'An anonymous event without a OneSignal ID is skipped',
    settings: SETTINGS,
    input: [makeEvent({ event_id: 'e1', event: 'Video Played' })],
    expected: {
      requests: [],
      skipped: [
        {
          event_id: 'e1',
          reason: 'OneSignal needs the user’s External ID (your user id) or OneSignal ID',
        },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A 202 listing one event’s error by its idempotency key fails only that event',
    request: { event_ids: ['a', 'b'] },
    response: {
      status: 202,
      body: {
        errors: [
          {
            event_user_id: 'u2',
            event_id: '15dbe148-426c-5fc3-9764-a0fb736b3b43',
            error: { code: 'not found', title: 'failed to find a onesignal_id for user_id u2' },
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
        reason: 'OneSignal: failed to find a onesignal_id for user_id u2',
      },
    ],
  },
  {
    name: 'A 500 retries the whole batch',
    request: { event_ids: ['a', 'b'] },
    response: { status: 500, body: '' },
    expected: [{ status: 'retry' }, { status: 'retry' }],
  },
];
