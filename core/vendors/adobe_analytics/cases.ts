/** Adobe Analytics golden cases as data (XML hit and answers: docs/vendors/more-vendors-and-catalog.md §7a). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { tracking_server: 'acme.sc.omtrdc.net', report_suite_id: 'acmeprod' };
const UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)';
const HEAD =
  '<?xml version="1.0" encoding="UTF-8"?><request><reportSuiteID>acmeprod</reportSuiteID>';
const VISITOR = `<visitorID>anon-1</visitorID><ipAddress>203.0.113.7</ipAddress><userAgent>${UA}</userAgent>`;
const PAGE =
  '<pageURL>https://shop.example.com/checkout/thanks</pageURL><referrer>https://shop.example.com/cart</referrer>';

export const cases: VendorCase[] = [
  {
    name:
      'A purchase is one XML custom-link hit to the customer’s tracking server with the ' +
      'purchase event, the products string, the order id and the properties as context data',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: 'https://acme.sc.omtrdc.net/b/ss//6',
          headers: { 'content-type': 'application/xml' },
          event_ids: ['ORD-1001'],
          body:
            `${HEAD}<linkName>Order Completed</linkName>${VISITOR}${PAGE}` +
            '<contextData><order_id>ORD-1001</order_id><revenue>59.98</revenue><currency>USD</currency></contextData>' +
            '<events>purchase</events><purchaseID>ORD-1001</purchaseID>' +
            '<currencyCode>USD</currencyCode><linkType>o</linkType>' +
            '<products>Apparel;SKU-1;2;59.98</products>' +
            `<timestamp>${FIXED_TIME}</timestamp></request>`,
        },
      ],
    },
  },
  {
    name: 'A page view is a page hit named after the page, with XML special characters escaped and no timestamp for a suite that is not timestamp-enabled',
    settings: { ...SETTINGS, send_timestamp: false },
    input: [
      makeEvent({
        type: 'page',
        event: undefined,
        name: 'Shoes & <Boots>',
        properties: { section: 'men' },
      }),
    ],
    expected: {
      requests: [
        {
          url: 'https://acme.sc.omtrdc.net/b/ss//6',
          body: `${HEAD}${VISITOR}${PAGE}<contextData><section>men</section></contextData><pageName>Shoes &amp; &lt;Boots&gt;</pageName></request>`,
        },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A FAILURE status in a 200 answer is final, quoting Adobe’s reason',
    request: { event_ids: ['a'] },
    response: {
      status: 200,
      headers: { 'content-type': 'application/xml' },
      body: '<?xml version="1.0" encoding="UTF-8"?>\n<status>FAILURE</status>\n<reason>NO pagename OR pageurl</reason>',
    },
    expected: [
      {
        status: 'failed',
        code: 'vendor_rejected',
        reason: 'Adobe FAILURE: NO pagename OR pageurl',
      },
    ],
  },
  {
    name: 'A SUCCESS status is delivered',
    request: { event_ids: ['a'] },
    response: {
      status: 200,
      body: '<?xml version="1.0" encoding="UTF-8"?>\n<status>SUCCESS</status>',
    },
    expected: [{ status: 'delivered' }],
  },
  {
    name: 'A 503 without an XML status is retried',
    request: { event_ids: ['a'] },
    response: { status: 503, body: 'Service Unavailable' },
    expected: [{ status: 'retry' }],
  },
];
