/** Klaviyo golden cases as data (request shape: Klaviyo's create_event reference). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { api_key: 'pk_abc' };
const URL = 'https://a.klaviyo.com/api/events';
const PROPS = {
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
};

export const cases: VendorCase[] = [
  {
    name: 'A purchase is a Placed Order event with its value, the profile by email, E.164 phone and ids, and the event id as unique_id',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: URL,
          headers: {
            authorization: 'Klaviyo-API-Key pk_abc',
            revision: '2026-07-15',
            'content-type': 'application/json',
          },
          event_ids: ['ORD-1001'],
          body: {
            data: {
              type: 'event',
              attributes: {
                metric: { data: { type: 'metric', attributes: { name: 'Placed Order' } } },
                time: FIXED_TIME,
                unique_id: 'ORD-1001',
                profile: {
                  data: {
                    type: 'profile',
                    attributes: {
                      email: 'john_smith@gmail.com',
                      phone_number: '+16505551212',
                      external_id: 'user-123',
                      anonymous_id: 'anon-1',
                    },
                  },
                },
                properties: PROPS,
                value: 59.98,
                value_currency: 'USD',
              },
            },
          },
        },
      ],
    },
  },
  {
    name: 'Each event is its own request, other events keep their name, and the revision setting is sent',
    settings: { ...SETTINGS, revision: '2025-01-15' },
    input: [
      makeEvent({ event_id: 'e1', event: 'Video Played', properties: { video_id: 'v1' } }),
      makeEvent({ event_id: 'e2', event: 'Video Paused' }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          headers: { revision: '2025-01-15' },
          event_ids: ['e1'],
          body: {
            data: {
              type: 'event',
              attributes: {
                metric: { data: { type: 'metric', attributes: { name: 'Video Played' } } },
                time: FIXED_TIME,
                unique_id: 'e1',
                profile: { data: { type: 'profile', attributes: { anonymous_id: 'anon-1' } } },
                properties: { video_id: 'v1' },
              },
            },
          },
        },
        {
          url: URL,
          event_ids: ['e2'],
          body: {
            data: {
              type: 'event',
              attributes: {
                metric: { data: { type: 'metric', attributes: { name: 'Video Paused' } } },
                time: FIXED_TIME,
                unique_id: 'e2',
                profile: { data: { type: 'profile', attributes: { anonymous_id: 'anon-1' } } },
                properties: {},
              },
            },
          },
        },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A JSON:API validation error (400) is final, quoting its detail',
    request: { event_ids: ['a'] },
    response: {
      status: 400,
      body: {
        errors: [
          {
            id: 'x',
            status: 400,
            code: 'invalid',
            title: 'Invalid input.',
            detail:
              'The phone number provided either does not exist or is ineligible to receive SMS',
          },
        ],
      },
    },
    expected: [
      {
        status: 'failed',
        code: 'vendor_rejected',
        reason:
          'HTTP 400: The phone number provided either does not exist or is ineligible to receive SMS',
      },
    ],
  },
  {
    name: 'Throttling (429) is retried',
    request: { event_ids: ['a'] },
    response: {
      status: 429,
      headers: { 'retry-after': '1' },
      body: { errors: [{ status: 429, code: 'throttled', title: 'Request was throttled.' }] },
    },
    expected: [{ status: 'retry', code: 'vendor_throttled' }],
  },
];
