/** PostHog golden cases as data (catalog row `posthog` in docs/vendors/more-vendors-and-catalog.md §18). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { api_key: 'phc_abc' };
const CTX = {
  $ip: '203.0.113.7',
  $current_url: 'https://shop.example.com/checkout/thanks',
  $referrer: 'https://shop.example.com/cart',
  $raw_user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)',
};

export const cases: VendorCase[] = [
  {
    name:
      'A purchase is one batch entry named Order Completed with the key in the body, the user ' +
      'as distinct id, the traits as $set and a UUID made from the order’s event id',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: 'https://us.i.posthog.com/batch/',
          event_ids: ['ORD-1001'],
          body: {
            api_key: 'phc_abc',
            batch: [
              {
                event: 'Order Completed',
                timestamp: FIXED_TIME,
                uuid: 'c7060b4c-669a-574b-b963-6afb21d725be',
                properties: {
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
                  distinct_id: 'user-123',
                  ...CTX,
                  $set: {
                    email: ' John_Smith@gmail.com ',
                    phone: '+1 (650) 555-1212',
                    first_name: 'John',
                    last_name: 'Smith',
                    city: 'San Francisco',
                    state: 'CA',
                    postal_code: '94103-1234',
                    country: 'US',
                  },
                },
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'A self-hosted instance receives an anonymous page view as $pageview with the anonymous id as distinct id and no person profile',
    settings: { ...SETTINGS, host: 'https://posthog.example.com' },
    input: [
      makeEvent({
        type: 'page',
        event: undefined,
        name: 'Thanks',
        properties: { title: 'Thanks' },
      }),
    ],
    expected: {
      requests: [
        {
          url: 'https://posthog.example.com/batch/',
          body: {
            api_key: 'phc_abc',
            batch: [
              {
                event: '$pageview',
                timestamp: FIXED_TIME,
                uuid: '7b409f93-2d2c-58e9-bf0c-17676c8420d3',
                properties: {
                  title: 'Thanks',
                  distinct_id: 'anon-1',
                  ...CTX,
                  $process_person_profile: false,
                },
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
    name: 'An invalid project key (401) fails as an auth problem, quoting PostHog’s detail',
    request: { event_ids: ['a'] },
    response: {
      status: 401,
      body: {
        type: 'authentication_error',
        code: 'invalid_api_key',
        detail:
          'Project API key invalid. You can find your project API key in PostHog project settings.',
      },
    },
    expected: [
      {
        status: 'failed',
        code: 'vendor_auth',
        reason:
          'HTTP 401: Project API key invalid. You can find your project API key in PostHog project settings.',
      },
    ],
  },
];
