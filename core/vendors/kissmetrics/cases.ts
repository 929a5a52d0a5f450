/** Kissmetrics golden cases as data (catalog row `kissmetrics` in docs/vendors/more-vendors-and-catalog.md §18). */
import { fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { api_key: 'km-key' };
const PAGE = 'URL=https://shop.example.com/checkout/thanks&Referrer=https://shop.example.com/cart';

export const cases: VendorCase[] = [
  {
    name: 'A purchase is a GET with the key, the person, its time in seconds, the order id and the revenue as Billing Amount',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          method: 'GET',
          url:
            `https://trk.kissmetrics.io/e?_p=user-123&_n=Purchased&_t=1767268800&_d=1&${PAGE}` +
            '&Order%20ID=ORD-1001&Billing%20Amount=59.98&Currency=USD&_k=km-key',
        },
      ],
    },
  },
  {
    name: 'An anonymous custom event is recorded for the anonymous person under its own name',
    settings: SETTINGS,
    input: [makeEvent({ event: 'Video Played' })],
    expected: {
      requests: [
        {
          method: 'GET',
          url: `https://trk.kissmetrics.io/e?_p=anon-1&_n=Video%20Played&_t=1767268800&_d=1&${PAGE}&_k=km-key`,
        },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A 500 from the tracker is retried',
    request: { event_ids: ['a'] },
    response: { status: 500, body: '' },
    expected: [{ status: 'retry' }],
  },
];
