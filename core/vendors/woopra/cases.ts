/** Woopra golden cases as data (catalog row `woopra` in docs/vendors/more-vendors-and-catalog.md §18). */
import { fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { project: 'shop.example.com' };
const VISIT =
  'ip=203.0.113.7&browser=Mozilla/5.0%20(Macintosh%3B%20Intel%20Mac%20OS%20X%2014_5)' +
  '&referer=https://shop.example.com/cart&ce_url=https://shop.example.com/checkout/thanks';

export const cases: VendorCase[] = [
  {
    name: 'A purchase is a GET naming the project, the visitor by user id and cookie, the time in ms, the order and the revenue',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          method: 'GET',
          url:
            'https://www.woopra.com/track/ce?event=purchase&cv_id=user-123&cookie=anon-1' +
            `&timestamp=1767268800000&${VISIT}&ce_title=Thanks&ce_order_id=ORD-1001` +
            '&ce_revenue=59.98&ce_currency=USD&project=shop.example.com',
        },
      ],
    },
  },
  {
    name: 'A page view is Woopra’s pv event with the page title',
    settings: SETTINGS,
    input: [makeEvent({ type: 'page', event: undefined, name: 'Thanks' })],
    expected: {
      requests: [
        {
          method: 'GET',
          url: `https://www.woopra.com/track/ce?event=pv&cookie=anon-1&timestamp=1767268800000&${VISIT}&ce_title=Thanks&project=shop.example.com`,
        },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A 400 from the tracker is final',
    request: { event_ids: ['a'] },
    response: { status: 400, body: 'bad request' },
    expected: [{ status: 'failed', code: 'vendor_rejected' }],
  },
];
