/** Snowplow golden cases as data (catalog row `snowplow` in docs/vendors/more-vendors-and-catalog.md §18; unverified shape). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { collector_url: 'https://sp.acme.test', app_id: 'shop' };
const SCHEMA = 'iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4';
const MS = String(Date.parse(FIXED_TIME));
const CTX = {
  dtm: MS,
  ttm: MS,
  duid: 'anon-1',
  ip: '203.0.113.7',
  ua: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)',
  url: 'https://shop.example.com/checkout/thanks',
  page: 'Thanks',
  refr: 'https://shop.example.com/cart',
};

export const cases: VendorCase[] = [
  {
    name: 'A purchase is a structured event posted to the customer’s collector, with text values, the order as label, the revenue as value and a UUID event id',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: 'https://sp.acme.test/com.snowplowanalytics.snowplow/tp2',
          body: {
            schema: SCHEMA,
            data: [
              {
                e: 'se',
                p: 'srv',
                tv: 'datafly-1',
                aid: 'shop',
                eid: 'c7060b4c-669a-574b-b963-6afb21d725be',
                se_ca: 'datafly',
                se_ac: 'Order Completed',
                ...CTX,
                uid: 'user-123',
                se_la: 'ORD-1001',
                se_va: '59.98',
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'A page view is a pv event without structured-event fields',
    settings: SETTINGS,
    input: [makeEvent({ event_id: 'p1', type: 'page', event: undefined, name: 'Thanks' })],
    expected: {
      requests: [
        {
          url: 'https://sp.acme.test/com.snowplowanalytics.snowplow/tp2',
          body: {
            schema: SCHEMA,
            data: [
              {
                e: 'pv',
                p: 'srv',
                tv: 'datafly-1',
                aid: 'shop',
                eid: 'f64551fc-d6f0-5823-8b87-971cfb914464',
                ...CTX,
              },
            ],
          },
        },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A collector that is down (502) is retried',
    request: { event_ids: ['a'] },
    response: { status: 502, body: 'Bad Gateway' },
    expected: [{ status: 'retry' }],
  },
];
