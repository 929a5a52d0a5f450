/** Intercom golden cases as data (event shape: Intercom's data events reference; see index.ts). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { access_token: 'ic-token' };
const SEC = Date.parse(FIXED_TIME) / 1000;

export const cases: VendorCase[] = [
  {
    name: 'A purchase is a placed-order event for the user, with the version header and only plain metadata',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: 'https://api.intercom.io/events',
          headers: { authorization: 'Bearer ic-token', 'intercom-version': '2.11' },
          event_ids: ['ORD-1001'],
          body: {
            event_name: 'placed-order',
            created_at: SEC,
            user_id: 'user-123',
            email: 'john_smith@gmail.com',
            metadata: { order_id: 'ORD-1001', revenue: 59.98, currency: 'USD' },
          },
        },
      ],
    },
  },
  {
    name: 'An EU workspace gets events on the EU host with metadata keys Intercom refuses left out and long strings cut; an anonymous event is skipped',
    settings: { ...SETTINGS, region: 'eu' },
    input: [
      makeEvent({
        event_id: 'e1',
        event: 'Video Played',
        user_id: 'u1',
        properties: { video_id: 'v1', 'bad.key': 1, title: 'x'.repeat(300) },
      }),
      makeEvent({ event_id: 'e2', event: 'Video Played' }),
    ],
    expected: {
      requests: [
        {
          url: 'https://api.eu.intercom.io/events',
          event_ids: ['e1'],
          body: {
            event_name: 'Video Played',
            created_at: SEC,
            user_id: 'u1',
            metadata: { video_id: 'v1', title: 'x'.repeat(255) },
          },
        },
      ],
      skipped: [{ event_id: 'e2', reason: 'Intercom needs a user id or an email' }],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'An unknown user (404) is final, quoting Intercom’s error list',
    request: { event_ids: ['a'] },
    response: {
      status: 404,
      body: {
        type: 'error.list',
        request_id: 'r1',
        errors: [{ code: 'not_found', message: 'User Not Found' }],
      },
    },
    expected: [{ status: 'failed', code: 'vendor_rejected', reason: 'HTTP 404: User Not Found' }],
  },
  {
    name: 'A revoked token (401) is a credential failure',
    request: { event_ids: ['a'] },
    response: {
      status: 401,
      body: {
        type: 'error.list',
        errors: [{ code: 'unauthorized', message: 'Access Token Invalid' }],
      },
    },
    expected: [{ status: 'failed', code: 'vendor_auth' }],
  },
];
