/** Yahoo! JAPAN Ads golden cases as data (request shape: the Conversion API reference, see index.ts). */
import { fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const URL = 'https://conversion-api.yahooapis.jp/v1/';
const SETTINGS = { tag_id: 'tag-1', access_token: 'yj-token' };
const S = 1767268800;

export const cases: VendorCase[] = [
  {
    name: 'A purchase carries the tag id, Unix seconds, the event id as transaction id, hashed email and +phone and the value',
    settings: SETTINGS,
    input: [fullPurchase({ context: { vendor_ids: { ly_c: '1767268000.abc' } } })],
    expected: {
      requests: [
        {
          url: URL,
          headers: { 'x-tagaccesstoken': 'yj-token' },
          event_ids: ['ORD-1001'],
          body: {
            tag_id: 'tag-1',
            data: [
              {
                event: {
                  event_type: 'purchase',
                  event_time: S,
                  action_source: 'web',
                  test_flag: false,
                  transaction_id: 'ORD-1001',
                },
                user: {
                  hashed_email: '62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f',
                  hashed_phone_number:
                    '1e231c66011e7a2d867a9cfae267a6aff103cf4913640b6e71a99850fc0ffbc8',
                  ly_c: '1767268000.abc',
                },
                custom: { value: 59.98, currency: 'USD' },
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'Test mode sets test_flag, and a visitor without any user field is skipped',
    settings: { ...SETTINGS, test_mode: true },
    input: [
      makeEvent({
        event_id: 'su-1',
        event: 'Signed Up',
        traits: { email: 'john_smith@gmail.com' },
      }),
      makeEvent({ event_id: 'su-2', event: 'Signed Up' }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          event_ids: ['su-1'],
          body: {
            tag_id: 'tag-1',
            data: [
              {
                event: {
                  event_type: 'sign_up',
                  event_time: S,
                  action_source: 'web',
                  test_flag: true,
                  transaction_id: 'su-1',
                },
                user: {
                  hashed_email: '62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f',
                },
              },
            ],
          },
        },
      ],
      skipped: [
        {
          event_id: 'su-2',
          reason: 'Yahoo! JAPAN Ads needs an email, a phone or a _ly_c/_ly_su/_ly_r cookie',
        },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A 202 acknowledges the request',
    request: { event_ids: ['a', 'b'] },
    response: { status: 202, body: '' },
    expected: [{ status: 'delivered' }, { status: 'delivered' }],
  },
  {
    name: 'A bad token (403) is a credentials failure',
    request: { event_ids: ['a'] },
    response: { status: 403, body: { errors: [{ message: 'invalid X-TagAccessToken' }] } },
    expected: [{ status: 'failed', code: 'vendor_auth' }],
  },
];
