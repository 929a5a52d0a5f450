/** ActiveCampaign golden cases as data (form fields: ActiveCampaign's Track event reference; see index.ts). */
import { fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { account_id: '223', event_key: 'ek_1' };
const form = (o: Record<string, string>): string => new URLSearchParams(o).toString();

export const cases: VendorCase[] = [
  {
    name: 'A purchase is a form post naming the account, the event and the contact’s email, with the event key in the body',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: 'https://trackcmp.net/event',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          event_ids: ['ORD-1001'],
          body: form({
            actid: '223',
            event: 'Order Completed',
            visit: JSON.stringify({ email: 'john_smith@gmail.com' }),
            eventdata: JSON.stringify({
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
            }),
            key: 'ek_1',
          }),
        },
      ],
    },
  },
  {
    name: 'An event without the contact’s email is skipped',
    settings: SETTINGS,
    input: [makeEvent({ event_id: 'e1', event: 'Video Played' })],
    expected: {
      requests: [],
      skipped: [
        { event_id: 'e1', reason: 'ActiveCampaign event tracking needs the contact’s email' },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A 200 with success 0 is final, quoting the message',
    request: { event_ids: ['a'] },
    response: { status: 200, body: { success: 0, message: 'Invalid key' } },
    expected: [
      {
        status: 'failed',
        code: 'vendor_rejected',
        reason: 'ActiveCampaign success 0: Invalid key',
      },
    ],
  },
  {
    name: 'A 200 with success 1 is delivered',
    request: { event_ids: ['a'] },
    response: { status: 200, body: { success: 1, message: 'Event spawned' } },
    expected: [{ status: 'delivered' }],
  },
];
