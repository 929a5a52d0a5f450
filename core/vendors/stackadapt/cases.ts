/** StackAdapt golden cases as data (query parameters: see index.ts). */
import { fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const query = (params: [string, string][]): string =>
  params
    .map(
      ([k, v]) =>
        `${k}=${encodeURIComponent(v).replace(/%3A/g, ':').replace(/%2F/g, '/').replace(/%40/g, '@')}`,
    )
    .join('&');

export const cases: VendorCase[] = [
  {
    name: 'A purchase is a track pixel call with the uid, the visitor IP, the user id and the order in args, IP and user agent forwarded as headers',
    settings: { pixel_id: 'px1' },
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          method: 'GET',
          url: `https://tags.srv.stackadapt.com/saq_pxl?${query([
            ['uid', 'px1'],
            ['event_type', 'track'],
            ['title', 'Thanks'],
            ['url', 'https://shop.example.com/checkout/thanks'],
            ['ref', 'https://shop.example.com/cart'],
            ['ip_fwd', '203.0.113.7'],
            ['user_id', 'user-123'],
            [
              'args',
              JSON.stringify({
                action: 'Order Completed',
                revenue: 59.98,
                order_id: 'ORD-1001',
                products: [
                  {
                    product_id: 'SKU-1',
                    product_name: 'Tee',
                    product_category: 'Apparel',
                    product_price: 29.99,
                    product_quantity: 2,
                  },
                ],
              }),
            ],
          ])}`,
          headers: {
            'x-forwarded-for': '203.0.113.7',
            'user-agent': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)',
          },
          event_ids: ['ORD-1001'],
        },
      ],
    },
  },
  {
    name: 'A page view without the visitor IP is skipped, since StackAdapt attributes by IP',
    settings: { pixel_id: 'px1' },
    input: [
      makeEvent({ event_id: 'pv-1', type: 'page', event: undefined, context: { ip: undefined } }),
    ],
    expected: {
      requests: [],
      skipped: [
        {
          event_id: 'pv-1',
          reason: 'StackAdapt attributes by the visitor’s IP address, which the event lacks',
        },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A 400 is final',
    request: { event_ids: ['a'] },
    response: { status: 400, body: 'bad request' },
    expected: [{ status: 'failed', code: 'vendor_rejected' }],
  },
  {
    name: 'A 503 is retried',
    request: { event_ids: ['a'] },
    response: { status: 503, body: '' },
    expected: [{ status: 'retry' }],
  },
];
