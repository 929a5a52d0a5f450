/** Rokt golden cases as data (request shape: see index.ts). Digests of the fixture's identity. */
import { createHash } from 'node:crypto';
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const URL = 'https://inbound.mparticle.com/s2s/v2/events';
const sha = (s: string): string => createHash('sha256').update(s).digest('hex');
const MS = Date.parse(FIXED_TIME);

export const cases: VendorCase[] = [
  {
    name: 'A purchase is a conversion event with Basic auth, the hashed email as other, the Rokt click id passed back and the amount',
    settings: { api_key: 'k', api_secret: 's' },
    input: [fullPurchase({ context: { click_ids: { rtid: 'rokt-click-1' } } })],
    expected: {
      requests: [
        {
          url: URL,
          headers: { authorization: `Basic ${Buffer.from('k:s').toString('base64')}` },
          event_ids: ['ORD-1001'],
          body: {
            environment: 'production',
            user_identities: {
              other: '62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f',
              customerid: 'user-123',
              other2: 'rokt-click-1',
            },
            integration_attributes: { '1277': { passbackconversiontrackingid: 'rokt-click-1' } },
            user_attributes: {
              firstnamesha256: sha('john'),
              lastnamesha256: sha('smith'),
              billingzipsha256: sha('94103'),
            },
            device_info: { http_header_user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)' },
            ip: '203.0.113.7',
            events: [
              {
                event_type: 'custom_event',
                data: {
                  custom_event_type: 'transaction',
                  event_name: 'conversion',
                  source_message_id: 'ORD-1001',
                  timestamp_unixtime_ms: MS,
                  custom_attributes: {
                    conversiontype: 'purchase',
                    confirmationref: 'ORD-1001',
                    amount: 59.98,
                    currency: 'USD',
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
    name: 'Test mode sends to the development environment; an anonymous sign-up is skipped',
    settings: { api_key: 'k', api_secret: 's', test_mode: true },
    input: [
      makeEvent({
        event_id: 'su-1',
        event: 'Signed Up',
        user_id: 'c-1',
        context: { ip: undefined, user_agent: undefined },
      }),
      makeEvent({ event_id: 'su-2', event: 'Signed Up' }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          event_ids: ['su-1'],
          body: {
            environment: 'development',
            user_identities: { customerid: 'c-1' },
            events: [
              {
                event_type: 'custom_event',
                data: {
                  custom_event_type: 'transaction',
                  event_name: 'conversion',
                  source_message_id: 'su-1',
                  timestamp_unixtime_ms: MS,
                  custom_attributes: { conversiontype: 'signup', confirmationref: 'su-1' },
                },
              },
            ],
          },
        },
      ],
      skipped: [
        { event_id: 'su-2', reason: 'Rokt needs an email, a customer id or a Rokt click id' },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'Bad credentials (401) are a credentials failure',
    request: { event_ids: ['a'] },
    response: {
      status: 401,
      body: { errors: [{ code: 'UNAUTHORIZED', message: 'Invalid API key' }] },
    },
    expected: [{ status: 'failed', code: 'vendor_auth', reason: 'HTTP 401: Invalid API key' }],
  },
  {
    name: 'A 429 is retried as throttling',
    request: { event_ids: ['a'] },
    response: { status: 429, body: '' },
    expected: [{ status: 'retry', code: 'vendor_throttled' }],
  },
];
