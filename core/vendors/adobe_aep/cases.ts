/** Adobe Experience Platform golden cases as data (docs/vendors/more-vendors-and-catalog.md §7b). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { datastream_id: 'ds-1' };
// sha256('john_smith@gmail.com'): the fixture's email, trimmed and lower-cased (identity kit).
const EMAIL_SHA256 = '62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f';
const WEB = {
  webPageDetails: { URL: 'https://shop.example.com/checkout/thanks' },
  webReferrer: { URL: 'https://shop.example.com/cart' },
};
const ENV = {
  browserDetails: { userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)' },
  ipV4: '203.0.113.7',
};

export const cases: VendorCase[] = [
  {
    name: 'A purchase is an XDM commerce.purchases event on the unauthenticated edge with the FPID, the hashed email, the order and its product list',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: 'https://edge.adobedc.net/ee/v2/collect?dataStreamId=ds-1',
          event_ids: ['ORD-1001'],
          body: {
            events: [
              {
                xdm: {
                  eventType: 'commerce.purchases',
                  timestamp: FIXED_TIME,
                  _id: 'ORD-1001',
                  identityMap: {
                    FPID: [{ id: 'anon-1', authenticatedState: 'ambiguous', primary: true }],
                    Email_LC_SHA256: [
                      { id: EMAIL_SHA256, authenticatedState: 'authenticated', primary: false },
                    ],
                  },
                  web: WEB,
                  environment: ENV,
                  commerce: {
                    purchases: { value: 1 },
                    order: { purchaseID: 'ORD-1001', priceTotal: 59.98, currencyCode: 'USD' },
                  },
                  productListItems: [{ SKU: 'SKU-1', name: 'Tee', quantity: 2, priceTotal: 59.98 }],
                },
                data: {
                  order_id: 'ORD-1001',
                  revenue: 59.98,
                  currency: 'USD',
                  products: [
                    {
                      product_id: 'SKU-1',
                      name: 'Tee',
                      price: 29.99,
                      quantity: 2,
                      brand: 'Acme',
                      category: 'Apparel',
                    },
                  ],
                },
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'With server-to-server credentials a page view goes to the authenticated host with the client id and organization headers',
    settings: { ...SETTINGS, client_id: 'cid', client_secret: 'cs', org_id: 'ORG@AdobeOrg' },
    ctx: { accessToken: 'ims-token' },
    input: [makeEvent({ type: 'page', event: undefined, name: 'Home' })],
    expected: {
      requests: [
        {
          url: 'https://server.adobedc.net/ee/v2/collect?dataStreamId=ds-1',
          headers: {
            authorization: 'Bearer ims-token',
            'x-api-key': 'cid',
            'x-gw-ims-org-id': 'ORG@AdobeOrg',
          },
          body: {
            events: [
              {
                xdm: {
                  eventType: 'web.webpagedetails.pageViews',
                  timestamp: FIXED_TIME,
                  _id: 'evt-1',
                  identityMap: {
                    FPID: [{ id: 'anon-1', authenticatedState: 'ambiguous', primary: true }],
                  },
                  web: {
                    ...WEB,
                    webPageDetails: {
                      ...WEB.webPageDetails,
                      pageViews: { value: 1 },
                      name: 'Thanks',
                    },
                  },
                  environment: ENV,
                },
                data: {},
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
    name: 'A 400 problem answer is final, quoting its detail',
    request: { event_ids: ['a'] },
    response: {
      status: 400,
      body: {
        type: 'https://ns.adobe.com/aep/errors/EXEG-0003-400',
        status: 400,
        title: 'Invalid request',
        detail: 'The datastream ID is invalid',
      },
    },
    expected: [
      {
        status: 'failed',
        code: 'vendor_rejected',
        reason: 'HTTP 400: The datastream ID is invalid',
      },
    ],
  },
];
