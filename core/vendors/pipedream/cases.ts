/** Pipedream golden cases as data (endpoint URL: see index.ts). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const NO_CONTEXT = { page: undefined, ip: undefined, user_agent: undefined };

export const cases: VendorCase[] = [
  {
    name: 'A purchase is posted whole to the endpoint’s own host',
    settings: { webhook_url: 'https://eo9x8y7z.m.pipedream.net' },
    input: [
      fullPurchase({ traits: {}, context: NO_CONTEXT, properties: { order_id: 'ORD-1001' } }),
    ],
    expected: {
      requests: [
        {
          url: 'https://eo9x8y7z.m.pipedream.net/',
          event_ids: ['ORD-1001'],
          body: {
            event: 'purchase',
            event_id: 'ORD-1001',
            type: 'track',
            timestamp: FIXED_TIME,
            user_id: 'user-123',
            anonymous_id: 'anon-1',
            properties: { order_id: 'ORD-1001' },
            traits: {},
            context: {},
          },
        },
      ],
    },
  },
  {
    name: 'A page view is posted as page_view',
    settings: { webhook_url: 'https://eo9x8y7z.m.pipedream.net/' },
    input: [makeEvent({ event_id: 'pv-1', type: 'page', event: undefined, context: NO_CONTEXT })],
    expected: {
      requests: [
        {
          url: 'https://eo9x8y7z.m.pipedream.net/',
          body: {
            event: 'page_view',
            event_id: 'pv-1',
            type: 'page',
            timestamp: FIXED_TIME,
            anonymous_id: 'anon-1',
            properties: {},
            traits: {},
            context: {},
          },
        },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A workflow error (500) is retried',
    request: { event_ids: ['a'] },
    response: { status: 500, body: { error: 'workflow failed' } },
    expected: [{ status: 'retry' }],
  },
  {
    name: 'A deleted endpoint (404) is final',
    request: { event_ids: ['a'] },
    response: { status: 404, body: { error: 'Not Found' } },
    expected: [{ status: 'failed', code: 'vendor_rejected', reason: 'HTTP 404: Not Found' }],
  },
];
