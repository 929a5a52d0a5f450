/** OneSignal golden cases as data (request and answer shapes: OneSignal's Create custom events reference). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const APP = '8a1c3f2e-1111-4222-8333-444455556666';
const SETTINGS = { app_id: APP, api_key: 'os_key' };

export const cases: VendorCase[] = [
  {
    name: 'A purchase is an order_completed custom event for the External ID, with the REST key as Authorization Key',
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
                idempotency_key: 'ORD-1001',
                external_id: 'user-123',
                properties: { order_id: 'ORD-1001', revenue: 59.98, currency: 'USD', products: [{ product_id: 'SKU-1', name: 'Tee', price: 29.99, quantity: 2, brand: 'Acme', category: 'Apparel' }] },
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
    expected: { requests: [], skipped: [{ event_id: 'e1', reason: 'OneSignal needs the user’s External ID (your user id) or OneSignal ID' }] },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A 202 listing one event’s error fails only that event',
    request: { event_ids: ['a', 'b'], body: JSON.stringify({ events: [{ idempotency_key: 'a' }, { idempotency_key: 'b' }] }) },
    response: { status: 202, body: { errors: [{ event_user_id: 'u2', event_id: 'b', error: { code: 'not found', title: 'failed to find a onesignal_id for user_id u2' } }] } },
    expected: [{ event_id: 'a', status: 'delivered' }, { event_id: 'b', status: 'failed', code: 'vendor_rejected', reason: 'failed to find a onesignal_id for user_id u2' }],
  },
  { name: 'A 500 retries the whole batch', request: { event_ids: ['a', 'b'] }, response: { status: 500, body: '' }, expected: [{ status: 'retry' }, { status: 'retry' }] },
];
