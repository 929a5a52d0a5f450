/** Microsoft Advertising golden cases as data (digests: the vectors in docs/vendors/ads-analytics-warehouse.md). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const T = Math.floor(Date.parse(FIXED_TIME) / 1000);
const URL = 'https://capi.uet.microsoft.com/v1/343000123/events';
const SETTINGS = { tag_id: '343000123', access_token: 'ms_secret' };
const UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)';
const PAGE = {
  eventSourceUrl: 'https://shop.example.com/checkout/thanks',
  pageTitle: 'Thanks',
  referrerUrl: 'https://shop.example.com/cart',
};

export const microsoftAdsCases: VendorCase[] = [
  {
    name: 'A purchase becomes a custom purchase event with hashed em and ph, plain ids, and the order in customData',
    settings: SETTINGS,
    input: [
      fullPurchase({ context: { click_ids: { msclkid: 'cdd4afcccb1c9a4cad9544dd7e5006d5' } } }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          headers: { authorization: 'Bearer ms_secret' },
          event_ids: ['ORD-1001'],
          body: {
            continueOnValidationError: true,
            data: [
              {
                eventType: 'custom',
                eventName: 'purchase',
                eventTime: T,
                eventId: 'ORD-1001',
                ...PAGE,
                userData: {
                  em: '62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f',
                  ph: 'e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176',
                  msclkid: 'cdd4afcccb1c9a4cad9544dd7e5006d5',
                  anonymousId: 'anon-1',
                  externalId: 'user-123',
                  clientIpAddress: '203.0.113.7',
                  clientUserAgent: UA,
                },
                customData: {
                  value: 59.98,
                  currency: 'USD',
                  transactionId: 'ORD-1001',
                  itemIds: ['SKU-1'],
                  items: [{ id: 'SKU-1', name: 'Tee', price: 29.99, quantity: 2 }],
                },
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'A page view becomes pageLoad with its source URL',
    settings: SETTINGS,
    input: [makeEvent({ event_id: 'pv-1', type: 'page', event: undefined })],
    expected: {
      requests: [
        {
          url: URL,
          body: {
            continueOnValidationError: true,
            data: [
              {
                eventType: 'pageLoad',
                eventTime: T,
                eventId: 'pv-1',
                ...PAGE,
                userData: {
                  anonymousId: 'anon-1',
                  clientIpAddress: '203.0.113.7',
                  clientUserAgent: UA,
                },
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'A tag id that is not numeric is refused naming the parameter',
    settings: { ...SETTINGS, tag_id: 'abc' },
    input: [],
    expected: { error: { code: 'config_error', field: 'parameters.tag_id' } },
  },
];

export const microsoftAdsClassifyCases: ClassifyCase[] = [
  {
    name: 'HTTP 200 without error details delivers every event',
    request: { event_ids: ['e1', 'e2'] },
    response: { status: 200, body: { eventsReceived: 2 } },
    expected: [{ status: 'delivered' }, { status: 'delivered' }],
  },
  {
    name: 'Error details listed by index fail only those events; a warning does not',
    request: { event_ids: ['e1', 'e2', 'e3'] },
    response: {
      status: 200,
      body: {
        eventsReceived: 3,
        error: {
          code: 'InvalidEvents',
          message: 'some events failed',
          details: [
            { index: 2, propertyName: 'eventTime', errorMessage: 'eventTime too old' },
            { index: 0, isWarning: true, errorMessage: 'pageTitle truncated' },
          ],
        },
      },
    },
    expected: [
      { event_id: 'e1', status: 'delivered' },
      { event_id: 'e2', status: 'delivered' },
      { event_id: 'e3', status: 'failed', code: 'vendor_rejected', reason: 'eventTime too old' },
    ],
  },
  {
    name: "HTTP 401 is an auth failure with Microsoft's message",
    request: { event_ids: ['e1'] },
    response: { status: 401, body: { error: { code: 'Unauthorized', message: 'invalid token' } } },
    expected: [{ status: 'failed', code: 'vendor_auth', reason: 'HTTP 401: invalid token' }],
  },
  {
    name: 'HTTP 503 is retried',
    request: { event_ids: ['e1'] },
    response: { status: 503, body: '' },
    expected: [{ status: 'retry', code: 'vendor_server_error' }],
  },
];
