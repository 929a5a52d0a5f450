/** HubSpot golden cases as data (body shape and naming: docs/vendors/more-vendors-and-catalog.md §9). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { access_token: 'pat-na1-abc', hub_id: '1234567' };
const URL = 'https://api.hubapi.com/events/v3/send/batch';

export const cases: VendorCase[] = [
  {
    name: 'A purchase becomes the hub’s order_completed occurrence for the contact’s email, with only the plain properties',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: URL,
          headers: { authorization: 'Bearer pat-na1-abc' },
          event_ids: ['ORD-1001'],
          body: {
            inputs: [
              {
                eventName: 'pe1234567_order_completed',
                occurredAt: FIXED_TIME,
                email: 'john_smith@gmail.com',
                properties: { order_id: 'ORD-1001', revenue: 59.98, currency: 'USD' },
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'Another event passes through under its internal name, identified by the hubspotutk cookie; one without any identifier is skipped',
    settings: SETTINGS,
    input: [
      makeEvent({
        event_id: 'e1',
        event: 'Video Played',
        properties: { video_id: 'v1' },
        context: { vendor_ids: { hubspotutk: 'utk-abc' } },
      }),
      makeEvent({ event_id: 'e2', event: 'Video Played' }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          event_ids: ['e1'],
          body: {
            inputs: [
              {
                eventName: 'pe1234567_video_played',
                occurredAt: FIXED_TIME,
                utk: 'utk-abc',
                properties: { video_id: 'v1' },
              },
            ],
          },
        },
      ],
      skipped: [
        { event_id: 'e2', reason: 'HubSpot needs an email, a hubspotutk cookie or an object id' },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'An occurrence of an undefined event (400) is final, quoting HubSpot’s message',
    request: { event_ids: ['a'] },
    response: {
      status: 400,
      body: {
        status: 'error',
        message: 'Event definition not found',
        category: 'VALIDATION_ERROR',
      },
    },
    expected: [
      { status: 'failed', code: 'vendor_rejected', reason: 'HTTP 400: Event definition not found' },
    ],
  },
  {
    name: 'A 204 without a body is delivered',
    request: { event_ids: ['a', 'b'] },
    response: { status: 204 },
    expected: [{ status: 'delivered' }, { status: 'delivered' }],
  },
];
