/** X Ads golden cases as data (digests: the vectors in docs/vendors/ads-analytics-warehouse.md). */
import { fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const URL = 'https://ads-api.x.com/12/measurement/conversions/o8z6j';
export const X_SETTINGS = {
  pixel_id: 'o8z6j',
  consumer_key: 'ck',
  consumer_secret: 'cs_secret',
  access_token: 'at_secret',
  access_token_secret: 'ats_secret',
  purchase_event_id: 'o87ne',
};

export const xAdsCases: VendorCase[] = [
  {
    name: 'A purchase carries its Events Manager id, identifiers with one primary key each (IP and user agent beside the first), and the order',
    settings: X_SETTINGS,
    input: [fullPurchase({ context: { click_ids: { twclid: '23opevjt88psuo13lu8d020qkn' } } })],
    expected: {
      requests: [
        {
          url: URL,
          event_ids: ['ORD-1001'],
          body: {
            conversions: [
              {
                conversion_time: '2026-01-01T12:00:00.000Z',
                event_id: 'o87ne',
                identifiers: [
                  {
                    twclid: '23opevjt88psuo13lu8d020qkn',
                    ip_address: '203.0.113.7',
                    user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)',
                  },
                  {
                    hashed_email:
                      '62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f',
                  },
                  {
                    hashed_phone_number:
                      'e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176',
                  },
                ],
                conversion_id: 'ORD-1001',
                value: 59.98,
                price_currency: 'USD',
                contents: [
                  { content_id: 'SKU-1', content_name: 'Tee', content_price: 29.99, num_items: 2 },
                ],
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'An event with no Events Manager id configured, or with only IP and user agent, is skipped',
    settings: X_SETTINGS,
    input: [
      makeEvent({ event_id: 'pv-1', type: 'page', event: undefined, traits: { email: 'a@b.co' } }),
      makeEvent({ event_id: 'o2', event: 'Order Completed' }),
    ],
    expected: {
      requests: [],
      skipped: [
        {
          event_id: 'pv-1',
          reason: 'X needs an event id configured for this event and a twclid, email or phone',
        },
        {
          event_id: 'o2',
          reason: 'X needs an event id configured for this event and a twclid, email or phone',
        },
      ],
    },
  },
  {
    name: 'A missing consumer secret is refused naming the parameter',
    settings: { ...X_SETTINGS, consumer_secret: undefined },
    input: [],
    expected: { error: { code: 'config_error', field: 'parameters.consumer_secret' } },
  },
];

export const xAdsClassifyCases: ClassifyCase[] = [
  {
    name: 'HTTP 200 delivers every conversion',
    request: { event_ids: ['e1', 'e2'] },
    response: { status: 200, body: { data: { conversions_processed: 2 } } },
    expected: [{ status: 'delivered' }, { status: 'delivered' }],
  },
  {
    name: "HTTP 400 fails the whole atomic request with X's message",
    request: { event_ids: ['e1', 'e2'] },
    response: {
      status: 400,
      body: {
        errors: [
          { code: 'INVALID_PARAMETER', message: 'at least one user identifier is required' },
        ],
      },
    },
    expected: [
      {
        status: 'failed',
        code: 'vendor_rejected',
        reason: 'HTTP 400: at least one user identifier is required',
      },
      { status: 'failed' },
    ],
  },
  {
    name: 'HTTP 401 (bad signature) is an auth failure',
    request: { event_ids: ['e1'] },
    response: {
      status: 401,
      body: { errors: [{ code: 'UNAUTHORIZED_ACCESS', message: 'signature invalid' }] },
    },
    expected: [{ status: 'failed', code: 'vendor_auth' }],
  },
];
