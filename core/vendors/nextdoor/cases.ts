/** Nextdoor golden cases as data (shape: see index.ts). Digests of the fixture's identity (email trimmed and lowercased; phone as 6505551212). */
import { createHash } from 'node:crypto';
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const URL = 'https://ads.nextdoor.com/v2/api/conversions/track';
const SETTINGS = { api_key: 'nd-key', client_id: '777', pixel_id: 'px-1' };
const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

export const cases: VendorCase[] = [
  {
    name: 'A purchase carries hashed match keys, the pixel id, the ndclid, the order value prefixed by its currency and the products',
    settings: SETTINGS,
    input: [fullPurchase({ context: { click_ids: { ndclid: 'nd-click-1' } } })],
    expected: {
      requests: [
        {
          url: URL,
          headers: { authorization: 'Bearer nd-key' },
          event_ids: ['ORD-1001'],
          body: {
            event_name: 'purchase',
            event_id: 'ORD-1001',
            event_time: FIXED_TIME,
            action_source: 'website',
            client_id: '777',
            delivery_optimization: true,
            test_event: 'false',
            partner_id: 'datafly',
            action_source_url: 'https://shop.example.com/checkout/thanks',
            customer: {
              email: '62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f',
              phone_number: sha('6505551212'),
              first_name: sha('john'),
              last_name: sha('smith'),
              city: sha('sanfrancisco'),
              state: sha('ca'),
              zip_code: sha('94103'),
              country: sha('us'),
              click_id: 'nd-click-1',
              client_ip_address: '203.0.113.7',
              pixel_id: 'px-1',
            },
            custom: {
              order_value: 'USD59.98',
              order_id: 'ORD-1001',
              product_context: [{ id: 'SKU-1', item_price: 29.99, quantity: 2 }],
            },
          },
        },
      ],
    },
  },
  {
    name: 'Test mode flags a lead as a test event',
    settings: { ...SETTINGS, test_mode: true },
    input: [
      makeEvent({
        event_id: 'lead-1',
        event: 'Generate Lead',
        traits: { email: 'john_smith@gmail.com' },
        context: { ip: undefined, page: undefined },
      }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          body: {
            event_name: 'lead',
            event_id: 'lead-1',
            event_time: FIXED_TIME,
            action_source: 'website',
            client_id: '777',
            delivery_optimization: true,
            test_event: 'true',
            partner_id: 'datafly',
            customer: {
              email: '62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f',
              pixel_id: 'px-1',
            },
          },
        },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A bad API key (401) is a credentials failure',
    request: { event_ids: ['a'] },
    response: { status: 401, body: { message: 'Unauthorized' } },
    expected: [{ status: 'failed', code: 'vendor_auth' }],
  },
  {
    name: 'A 429 is retried as throttling',
    request: { event_ids: ['a'] },
    response: { status: 429, body: '' },
    expected: [{ status: 'retry', code: 'vendor_throttled' }],
  },
];
