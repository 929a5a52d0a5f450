/**
 * Amazon Ads golden cases as data (request shape: see index.ts). Email digest: Amazon's rule drops
 * the `_` of ` John_Smith@gmail.com `, so the key is SHA-256 of `johnsmith@gmail.com`.
 */
import { createHash } from 'node:crypto';
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');
const SETTINGS = {
  advertiser_id: 'ENTITY1',
  client_id: 'amzn1.application-oa2-client.abc',
  client_secret: 'cs',
  refresh_token: 'rt',
};

export const cases: VendorCase[] = [
  {
    name:
      'A purchase is an OFF_AMAZON_PURCHASES event with the LWA token, the client and account ' +
      'headers, typed hashed match keys, value and the IP as consent',
    settings: SETTINGS,
    ctx: { accessToken: 'Atza|token' },
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: 'https://advertising-api.amazon.com/events/v1',
          headers: {
            authorization: 'Bearer Atza|token',
            'amazon-advertising-api-clientid': 'amzn1.application-oa2-client.abc',
            'amazon-ads-accountid': 'ENTITY1',
          },
          event_ids: ['ORD-1001'],
          body: {
            ingestionMethod: 'SERVER_TO_SERVER',
            eventData: [
              {
                name: 'Purchase',
                eventType: 'OFF_AMAZON_PURCHASES',
                eventActionSource: 'WEBSITE',
                timestamp: FIXED_TIME,
                clientDedupeId: 'ORD-1001',
                countryCode: 'US',
                consent: { geo: { ipAddress: '203.0.113.7' } },
                value: 59.98,
                currencyCode: 'USD',
                matchKeys: [
                  { type: 'EMAIL', values: [sha('johnsmith@gmail.com')] },
                  { type: 'PHONE', values: [sha('16505551212')] },
                  { type: 'FIRST_NAME', values: [sha('john')] },
                  { type: 'LAST_NAME', values: [sha('smith')] },
                  { type: 'CITY', values: [sha('sanfrancisco')] },
                  { type: 'STATE', values: [sha('ca')] },
                  { type: 'POSTAL', values: [sha('94103-1234')] },
                ],
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'An EU advertiser posts to the EU host; the default country fills in, and an event without any match key is skipped',
    settings: { ...SETTINGS, region: 'EU', country_code: 'DE' },
    ctx: { accessToken: 'Atza|token' },
    input: [
      makeEvent({
        event_id: 'l-1',
        event: 'Generate Lead',
        traits: { email: 'a@b.de' },
        context: { ip: undefined },
      }),
      makeEvent({ event_id: 'l-2', event: 'Generate Lead' }),
    ],
    expected: {
      requests: [
        {
          url: 'https://advertising-api-eu.amazon.com/events/v1',
          event_ids: ['l-1'],
          body: {
            ingestionMethod: 'SERVER_TO_SERVER',
            eventData: [
              {
                name: 'Lead',
                eventType: 'LEAD',
                eventActionSource: 'WEBSITE',
                timestamp: FIXED_TIME,
                clientDedupeId: 'l-1',
                countryCode: 'DE',
                matchKeys: [{ type: 'EMAIL', values: [sha('a@b.de')] }],
              },
            ],
          },
        },
      ],
      skipped: [
        {
          event_id: 'l-2',
          reason:
            'Amazon needs at least one match key (email, phone, name, address or mobile ad id)',
        },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A 207 fails only the events Amazon lists in error[] (1-based), quoting its message',
    request: { event_ids: ['a', 'b'] },
    response: {
      status: 207,
      body: {
        success: [{ index: 1 }],
        error: [
          {
            index: 2,
            httpStatusCode: '400',
            subErrors: [{ errorCode: 'INVALID_ARGUMENT', errorMessage: 'countryCode is invalid' }],
          },
        ],
      },
    },
    expected: [
      { status: 'delivered' },
      { status: 'failed', code: 'vendor_rejected', reason: 'countryCode is invalid' },
    ],
  },
  {
    name: 'A 401 is a credentials failure (the token is dropped and fetched again)',
    request: { event_ids: ['a'] },
    response: { status: 401, body: { code: 'UNAUTHORIZED', details: 'Not authorized' } },
    expected: [{ status: 'failed', code: 'vendor_auth' }],
  },
  {
    name: 'A 429 is retried as throttling',
    request: { event_ids: ['a'] },
    response: { status: 429, body: { code: 'THROTTLED' } },
    expected: [{ status: 'retry', code: 'vendor_throttled' }],
  },
];
