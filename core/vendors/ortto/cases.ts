/** Ortto golden cases as data (activity shape: Ortto's custom activity docs; see index.ts). */
import { fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { api_key: 'ortto-key' };

export const cases: VendorCase[] = [
  {
    name: 'A purchase is the order-completed custom activity for the person’s email and external id',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: 'https://api.ap3api.com/v1/activities/create',
          headers: { 'x-api-key': 'ortto-key' },
          event_ids: ['ORD-1001'],
          body: {
            activities: [
              {
                activity_id: 'act:cm:order-completed',
                fields: { 'str::email': 'john_smith@gmail.com', 'str::ei': 'user-123' },
              },
            ],
            merge_by: ['str::ei', 'str::email'],
          },
        },
      ],
    },
  },
  {
    name: 'An EU instance gets another event as an activity named from it',
    settings: { ...SETTINGS, region: 'eu' },
    input: [makeEvent({ event_id: 'e1', event: 'Video Played', user_id: 'u1' })],
    expected: {
      requests: [
        {
          url: 'https://api.eu.ap3api.com/v1/activities/create',
          body: {
            activities: [{ activity_id: 'act:cm:video-played', fields: { 'str::ei': 'u1' } }],
            merge_by: ['str::ei', 'str::email'],
          },
        },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'An unknown activity (400) is final',
    request: { event_ids: ['a'] },
    response: { status: 400, body: { error: 'activity not found: act:cm:video-played' } },
    expected: [
      {
        status: 'failed',
        code: 'vendor_rejected',
        reason: 'HTTP 400: activity not found: act:cm:video-played',
      },
    ],
  },
  {
    name: 'A wrong key (401) is a credential failure',
    request: { event_ids: ['a'] },
    response: { status: 401, body: { error: 'unauthorized' } },
    expected: [{ status: 'failed', code: 'vendor_auth' }],
  },
];
