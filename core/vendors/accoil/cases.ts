/** Accoil golden cases as data (catalog row `accoil` in docs/vendors/more-vendors-and-catalog.md §18). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { api_key: 'acc-key' };

export const cases: VendorCase[] = [
  {
    name: 'A purchase is a track call with the API key as Basic username, the event name and user only',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: 'https://in.accoil.com/segment',
          headers: { authorization: `Basic ${Buffer.from('acc-key:').toString('base64')}` },
          body: {
            type: 'track',
            event: 'Order Completed',
            timestamp: FIXED_TIME,
            messageId: 'ORD-1001',
            userId: 'user-123',
          },
        },
      ],
    },
  },
  {
    name: 'A page view of a signed-in user is a page call; an anonymous one is skipped',
    settings: SETTINGS,
    input: [
      makeEvent({ event_id: 'p1', user_id: 'u1', type: 'page', event: undefined, name: 'Billing' }),
      makeEvent({ event_id: 'p2', type: 'page', event: undefined, name: 'Billing' }),
    ],
    expected: {
      requests: [
        {
          url: 'https://in.accoil.com/segment',
          body: {
            type: 'page',
            name: 'Billing',
            timestamp: FIXED_TIME,
            messageId: 'p1',
            userId: 'u1',
          },
        },
      ],
      skipped: [{ event_id: 'p2', reason: 'Accoil needs a user id' }],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A wrong API key (401) fails as an auth problem',
    request: { event_ids: ['a'] },
    response: { status: 401, body: { message: 'Invalid API key' } },
    expected: [{ status: 'failed', code: 'vendor_auth' }],
  },
];
