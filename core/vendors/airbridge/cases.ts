/** Airbridge golden cases as data (request shape: Airbridge's S2S event reference, see index.ts). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const MS = Date.parse(FIXED_TIME);
const UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)';

export const cases: VendorCase[] = [
  {
    name: 'A web purchase posts to the web endpoint with the IP forwarded, the user id, hashed email and phone and the order’s semantic attributes',
    settings: { app_name: 'shop', api_token: 'ab-token' },
    input: [fullPurchase({ context: { vendor_ids: { airbridge_client_id: 'cid-1' } } })],
    expected: {
      requests: [
        {
          url: 'https://api.airbridge.io/events/v1/apps/shop/web/9320',
          headers: { authorization: 'Bearer ab-token', 'x-forwarded-for': '203.0.113.7' },
          event_ids: ['ORD-1001'],
          body: {
            eventUUID: 'ORD-1001',
            eventTimestamp: MS,
            user: {
              externalUserID: 'user-123',
              externalUserEmail: '62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f',
              externalUserPhone: 'e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176',
            },
            browser: { clientID: 'cid-1', userAgent: UA },
            eventData: {
              goal: {
                category: 'airbridge.ecommerce.order.completed',
                semanticAttributes: {
                  totalValue: 59.98,
                  currency: 'USD',
                  transactionID: 'ORD-1001',
                  products: [{ productID: 'SKU-1', name: 'Tee', price: 29.99, quantity: 2 }],
                },
              },
            },
          },
        },
      ],
    },
  },
  {
    name: 'App events post to the mobile-app endpoint; an event with no user, client or device id is skipped',
    settings: { app_name: 'shop', api_token: 'ab-token', platform: 'mobile-app' },
    input: [
      makeEvent({
        event_id: 'su-1',
        event: 'Signed Up',
        user_id: 'u-9',
        context: { user_agent: undefined },
      }),
      makeEvent({ event_id: 'su-2', event: 'Signed Up' }),
    ],
    expected: {
      requests: [
        {
          url: 'https://api.airbridge.io/events/v1/apps/shop/mobile-app/9360',
          event_ids: ['su-1'],
          body: {
            eventUUID: 'su-1',
            eventTimestamp: MS,
            user: { externalUserID: 'u-9' },
            eventData: { goal: { category: 'airbridge.user.signup' } },
          },
        },
      ],
      skipped: [
        {
          event_id: 'su-2',
          reason: 'Airbridge needs a user id, the web SDK’s client id or a device id',
        },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A bad token (401) is a credentials failure',
    request: { event_ids: ['a'] },
    response: { status: 401, body: { message: 'invalid token' } },
    expected: [{ status: 'failed', code: 'vendor_auth' }],
  },
  {
    name: 'A 429 is retried as throttling',
    request: { event_ids: ['a'] },
    response: { status: 429, body: { message: 'rate limit exceeded' } },
    expected: [{ status: 'retry', code: 'vendor_throttled' }],
  },
];
