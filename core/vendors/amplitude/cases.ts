/** Amplitude golden cases as data (body shape and limits: docs/vendors/more-vendors-and-catalog.md §5). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { api_key: 'amp-key' };

export const cases: VendorCase[] = [
  {
    name: 'A purchase is sent as Order Completed with the key in the body, millisecond time, the event id as insert_id and the revenue',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: 'https://api2.amplitude.com/2/httpapi',
          event_ids: ['ORD-1001'],
          body: {
            api_key: 'amp-key',
            events: [
              {
                event_type: 'Order Completed',
                time: Date.parse(FIXED_TIME),
                insert_id: 'ORD-1001',
                user_id: 'user-123',
                device_id: 'anon-1',
                ip: '203.0.113.7',
                revenue: 59.98,
                event_properties: {
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
                user_properties: {
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
            ],
          },
        },
      ],
    },
  },
  {
    name: 'An EU project posts to the EU host, and an event that is not a standard one passes through under its own name',
    settings: { ...SETTINGS, region: 'eu' },
    input: [makeEvent({ event: 'Video Played', properties: { video_id: 'v1' } })],
    expected: {
      requests: [
        {
          url: 'https://api.eu.amplitude.com/2/httpapi',
          body: {
            api_key: 'amp-key',
            events: [
              {
                event_type: 'Video Played',
                time: Date.parse(FIXED_TIME),
                insert_id: 'evt-1',
                device_id: 'anon-1',
                ip: '203.0.113.7',
                event_properties: { video_id: 'v1' },
                user_properties: {},
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
    name: 'An invalid API key (400) is final, quoting Amplitude’s error',
    request: { event_ids: ['a'] },
    response: { status: 400, body: { code: 400, error: 'Invalid API key' } },
    expected: [{ status: 'failed', code: 'vendor_rejected', reason: 'HTTP 400: Invalid API key' }],
  },
  {
    name: 'A 429 is retried as throttling',
    request: { event_ids: ['a'] },
    response: {
      status: 429,
      body: { code: 429, error: 'Too many requests for some devices and users' },
    },
    expected: [{ status: 'retry' }],
  },
];
