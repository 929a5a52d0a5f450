/** LINE Ads golden cases as data (request shape: LINE's Conversion API reference, see index.ts). */
import { fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const URL = 'https://conversion-api.tr.line.me/v1/tag-1/events';
const UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)';
const S = 1767268800;

export const cases: VendorCase[] = [
  {
    name: 'A purchase is the default Conversion with the token header, Unix seconds, the event id as deduplication key, hashed identity and the value',
    settings: { line_tag_id: 'tag-1', access_token: 'line-token' },
    input: [fullPurchase({ context: { vendor_ids: { lt_cid: 'browser-1' } } })],
    expected: {
      requests: [
        {
          url: URL,
          headers: { 'x-line-tagaccesstoken': 'line-token' },
          event_ids: ['ORD-1001'],
          body: [
            {
              event: {
                source_type: 'web',
                event_type: 'conversion',
                event_name: 'Conversion',
                event_timestamp: S,
                deduplication_key: 'ORD-1001',
              },
              user: {
                email: '62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f',
                phone: '1e231c66011e7a2d867a9cfae267a6aff103cf4913640b6e71a99850fc0ffbc8',
                external_id: 'fcdec6df4d44dbc637c7c5b58efface52a7f8a88535423430255be0bb89bedd8',
                browser_id: 'browser-1',
                ip_address: '203.0.113.7',
                user_agent: UA,
              },
              web: {
                url: 'https://shop.example.com/checkout/thanks',
                referrer: 'https://shop.example.com/cart',
              },
              custom: { value: 59.98, currency: 'USD' },
            },
          ],
        },
      ],
    },
  },
  {
    name: 'A page view is LINE’s page_view type without a name; one without any LINE id or identity is skipped',
    settings: { line_tag_id: 'tag-1', access_token: 'line-token' },
    input: [
      makeEvent({
        event_id: 'pv-1',
        type: 'page',
        event: undefined,
        context: {
          click_ids: { ldtag_cl: 'cl-1' },
          ip: undefined,
          user_agent: undefined,
          page: undefined,
        },
      }),
      makeEvent({ event_id: 'pv-2', type: 'page', event: undefined }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          event_ids: ['pv-1'],
          body: [
            {
              event: {
                source_type: 'web',
                event_type: 'page_view',
                event_timestamp: S,
                deduplication_key: 'pv-1',
              },
              user: { click_id: 'cl-1' },
            },
          ],
        },
      ],
      skipped: [
        {
          event_id: 'pv-2',
          reason:
            'LINE needs the LINE Tag browser or click id, an email, a phone or a LINE user id',
        },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A 202 acknowledges every event',
    request: { event_ids: ['a', 'b'] },
    response: { status: 202, body: '' },
    expected: [{ status: 'delivered' }, { status: 'delivered' }],
  },
  {
    name: 'A token for another tag (401) is a credentials failure',
    request: { event_ids: ['a'] },
    response: { status: 401, body: { message: 'Authentication failed' } },
    expected: [
      { status: 'failed', code: 'vendor_auth', reason: 'HTTP 401: Authentication failed' },
    ],
  },
];
