/** Salesforce Data Cloud golden cases as data (endpoint and envelope: Salesforce's streaming ingestion walkthrough). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = {
  tenant_endpoint: 'mzrdgnzv.c360a.salesforce.com',
  source_name: 'datafly_web',
  object_name: 'web_event',
  access_token: 'dc-token',
};
const URL = 'https://mzrdgnzv.c360a.salesforce.com/api/v1/ingest/sources/datafly_web/web_event';

export const cases: VendorCase[] = [
  {
    name: 'A purchase is one record in the data envelope, posted to the tenant’s object endpoint with the Data Cloud token',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: URL,
          headers: { authorization: 'Bearer dc-token', 'content-type': 'application/json' },
          event_ids: ['ORD-1001'],
          body: {
            data: [
              {
                event_id: 'ORD-1001',
                event_type: 'purchase',
                event_datetime: FIXED_TIME,
                user_id: 'user-123',
                anonymous_id: 'anon-1',
                email: 'john_smith@gmail.com',
                page_url: 'https://shop.example.com/checkout/thanks',
                ip_address: '203.0.113.7',
                user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)',
                order_id: 'ORD-1001',
                value: 59.98,
                currency: 'USD',
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'Two events share one request, the tenant given with its https prefix',
    settings: { ...SETTINGS, tenant_endpoint: 'https://mzrdgnzv.c360a.salesforce.com/' },
    input: [
      makeEvent({ event_id: 'e1', event: 'Video Played', context: {} }),
      makeEvent({ event_id: 'e2', type: 'page', event: undefined, context: {} }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          event_ids: ['e1', 'e2'],
          body: {
            data: [
              {
                event_id: 'e1',
                event_type: 'Video Played',
                event_datetime: FIXED_TIME,
                anonymous_id: 'anon-1',
                page_url: 'https://shop.example.com/checkout/thanks',
                ip_address: '203.0.113.7',
                user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)',
              },
              {
                event_id: 'e2',
                event_type: 'page_view',
                event_datetime: FIXED_TIME,
                anonymous_id: 'anon-1',
                page_url: 'https://shop.example.com/checkout/thanks',
                ip_address: '203.0.113.7',
                user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)',
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'Without a Data Cloud token the connected app’s My Domain is required',
    settings: {
      tenant_endpoint: 'mzrdgnzv.c360a.salesforce.com',
      source_name: 's',
      object_name: 'o',
      client_id: 'cid',
      client_secret: 'cs',
    },
    input: [fullPurchase()],
    expected: { error: { code: 'config_error', field: 'parameters.my_domain' } },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'An accepted batch (202) is delivered',
    request: { event_ids: ['a', 'b'] },
    response: { status: 202, body: { accepted: true } },
    expected: [{ status: 'delivered' }, { status: 'delivered' }],
  },
  {
    name: 'An expired token (401) is a credential failure',
    request: { event_ids: ['a'] },
    response: {
      status: 401,
      body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }],
    },
    expected: [
      { status: 'failed', code: 'vendor_auth', reason: 'HTTP 401: Session expired or invalid' },
    ],
  },
];
