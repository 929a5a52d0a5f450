/** Quora golden cases as data (request shape: see the module comment of index.ts). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const URL = 'https://api.quora.com/ads/v0/conversion';
const SETTINGS = { account_id: '999', access_token: 'q-token' };
const US = Date.parse(FIXED_TIME) * 1000;

export const cases: VendorCase[] = [
  {
    name: 'A purchase is a Purchase conversion with the numeric account id, microsecond time, the qclid and the value',
    settings: SETTINGS,
    input: [fullPurchase({ context: { click_ids: { qclid: 'click-1|123|0' }, locale: 'en-US' } })],
    expected: {
      requests: [
        {
          url: URL,
          headers: { authorization: 'Bearer q-token' },
          event_ids: ['ORD-1001'],
          body: {
            account_id: 999,
            conversion: {
              event_name: 'Purchase',
              timestamp: US,
              event_id: 'ORD-1001',
              click_id: 'click-1|123|0',
              value: 59.98,
            },
            user: { email: 'john_smith@gmail.com', ip: '203.0.113.7' },
            device: {
              user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)',
              referer: 'https://shop.example.com/cart',
              language: 'en-US',
            },
          },
        },
      ],
    },
  },
  {
    name: 'A page view with neither a qclid nor an email is skipped with Quora’s reason',
    settings: SETTINGS,
    input: [makeEvent({ event_id: 'pv-1', type: 'page', event: undefined })],
    expected: {
      requests: [],
      skipped: [{ event_id: 'pv-1', reason: 'Quora needs a qclid click id or an email' }],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'An expired token (401) is a credentials failure',
    request: { event_ids: ['a'] },
    response: { status: 401, body: { message: 'Invalid access token' } },
    expected: [{ status: 'failed', code: 'vendor_auth', reason: 'HTTP 401: Invalid access token' }],
  },
  {
    name: 'A 500 is retried',
    request: { event_ids: ['a'] },
    response: { status: 500, body: '' },
    expected: [{ status: 'retry' }],
  },
];
