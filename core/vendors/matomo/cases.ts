/** Matomo golden cases as data (catalog row `matomo` in docs/vendors/more-vendors-and-catalog.md §18; unverified shape). */
import { fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { matomo_url: 'https://stats.acme.test', site_id: '7', token_auth: 'tok' };
// sha256('anon-1') starts with these 16 hex digits: the visitor id of the fixture's anonymous id.
const VISITOR = '_id=2e96105c29d2c92c';
const COMMON =
  'url=https%3A%2F%2Fshop.example.com%2Fcheckout%2Fthanks' +
  '&urlref=https%3A%2F%2Fshop.example.com%2Fcart' +
  '&ua=Mozilla%2F5.0+%28Macintosh%3B+Intel+Mac+OS+X+14_5%29' +
  '&cip=203.0.113.7&cdt=1767268800';
// The fixture's one line item as Matomo's `ec_items` JSON, form-encoded.
const ITEMS = encodeURIComponent('[["SKU-1","Tee","Apparel",29.99,2]]').replace(/%20/g, '+');

export const cases: VendorCase[] = [
  {
    name: 'A purchase is an ecommerce order call in a bulk request with the auth token, the order id, revenue and items',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: 'https://stats.acme.test/matomo.php',
          event_ids: ['ORD-1001'],
          body: {
            requests: [
              `?idsite=7&rec=1&apiv=1&rand=ORD-1001&${VISITOR}&uid=user-123&${COMMON}` +
                `&idgoal=0&ec_id=ORD-1001&revenue=59.98&ec_items=${ITEMS}`,
            ],
            token_auth: 'tok',
          },
        },
      ],
    },
  },
  {
    name: 'A page view is a call with the page title as action name, and a custom event a Matomo event in the default category',
    settings: SETTINGS,
    input: [
      makeEvent({ event_id: 'p1', type: 'page', event: undefined, name: 'Thanks' }),
      makeEvent({ event_id: 'e1', event: 'Video Played' }),
    ],
    expected: {
      requests: [
        {
          url: 'https://stats.acme.test/matomo.php',
          event_ids: ['p1', 'e1'],
          body: {
            requests: [
              `?idsite=7&rec=1&apiv=1&rand=p1&${VISITOR}&${COMMON}&action_name=Thanks`,
              `?idsite=7&rec=1&apiv=1&e_a=Video+Played&rand=e1&${VISITOR}&${COMMON}&e_c=Events`,
            ],
            token_auth: 'tok',
          },
        },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A bulk answer naming an invalid call fails only that event',
    request: { event_ids: ['a', 'b'] },
    response: {
      status: 200,
      body: { status: 'success', tracked: 1, invalid: 1, invalid_indices: [1] },
    },
    expected: [
      { status: 'delivered' },
      {
        status: 'failed',
        code: 'vendor_rejected',
        reason: 'Matomo: call 1 of the bulk request is invalid',
      },
    ],
  },
  {
    name: 'A 500 is retried',
    request: { event_ids: ['a'] },
    response: { status: 500, body: 'error' },
    expected: [{ status: 'retry' }],
  },
];
