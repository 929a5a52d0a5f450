/**
 * LinkedIn golden cases as data: envelope(s) + integration config → the exact requests.
 */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const MS = Date.parse(FIXED_TIME);
const URL = 'https://api.linkedin.com/rest/conversionEvents';
const HEADERS = {
  authorization: 'Bearer AQX-secret',
  'linkedin-version': '202511',
  'x-restli-protocol-version': '2.0.0',
  'x-restli-method': 'BATCH_CREATE',
  'content-type': 'application/json',
};
const SETTINGS = { access_token: 'AQX-secret', conversion_rule_id: '123456' };
const EMAIL_ID = {
  idType: 'SHA256_EMAIL',
  idValue: '62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f',
};
const rule = (id: string) => `urn:lla:llaPartnerConversion:${id}`;

export const linkedinCases: VendorCase[] = [
  {
    name: 'A purchase sends a hashed email id, li_fat_id, plain userInfo, the first external id and a string amount with a millisecond time',
    settings: { ...SETTINGS, conversion_rules: { PURCHASE: '777' } },
    input: [
      fullPurchase({
        traits: {
          email: ' John_Smith@gmail.com ',
          first_name: 'John',
          last_name: 'Smith',
          title: 'Engineer',
          company: 'Acme',
          country: 'us',
        },
        context: { click_ids: { li_fat_id: 'df5gf5-gh6t7-ph4j7h-fgf6n1' } },
      }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          headers: HEADERS,
          event_ids: ['ORD-1001'],
          body: {
            elements: [
              {
                conversion: rule('777'),
                conversionHappenedAt: MS,
                eventId: 'ORD-1001',
                conversionValue: { amount: '59.98', currencyCode: 'USD' },
                user: {
                  userIds: [
                    EMAIL_ID,
                    {
                      idType: 'LINKEDIN_FIRST_PARTY_ADS_TRACKING_UUID',
                      idValue: 'df5gf5-gh6t7-ph4j7h-fgf6n1',
                    },
                  ],
                  userInfo: {
                    firstName: 'John',
                    lastName: 'Smith',
                    title: 'Engineer',
                    companyName: 'Acme',
                    countryCode: 'US',
                  },
                  externalIds: ['user-123'],
                },
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'A lead without a rule of its own goes to the default rule; a first name alone is not sent as userInfo',
    settings: SETTINGS,
    input: [
      makeEvent({
        event_id: 'lead-1',
        event: 'Generate Lead',
        traits: { email: 'john_smith@gmail.com', first_name: 'John' },
      }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          event_ids: ['lead-1'],
          body: {
            elements: [
              {
                conversion: rule('123456'),
                conversionHappenedAt: MS,
                eventId: 'lead-1',
                user: { userIds: [EMAIL_ID] },
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'A page view with only a name pair is sent with userInfo; a page view without any identity is skipped',
    settings: SETTINGS,
    input: [
      makeEvent({
        event_id: 'pv-1',
        type: 'page',
        event: undefined,
        traits: { first_name: 'Valéry', last_name: ' Giscard ' },
      }),
      makeEvent({ event_id: 'pv-2', type: 'page', event: undefined }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          event_ids: ['pv-1'],
          body: {
            elements: [
              {
                conversion: rule('123456'),
                conversionHappenedAt: MS,
                eventId: 'pv-1',
                user: { userIds: [], userInfo: { firstName: 'Valéry', lastName: 'Giscard' } },
              },
            ],
          },
        },
      ],
      skipped: [
        {
          event_id: 'pv-2',
          reason:
            'LinkedIn needs a user id (email, li_fat_id, …) or userInfo with firstName and lastName',
        },
      ],
    },
  },
  {
    name: 'Product Added goes to the ADD_TO_CART rule with its price as the amount',
    settings: { ...SETTINGS, conversion_rules: { ADD_TO_CART: '555' } },
    input: [
      makeEvent({
        event_id: 'atc-1',
        event: 'Product Added',
        properties: { price: 29.99, currency: 'eur' },
        context: { click_ids: { li_fat_id: 'abc' } },
      }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          event_ids: ['atc-1'],
          body: {
            elements: [
              {
                conversion: rule('555'),
                conversionHappenedAt: MS,
                eventId: 'atc-1',
                conversionValue: { amount: '29.99', currencyCode: 'EUR' },
                user: {
                  userIds: [{ idType: 'LINKEDIN_FIRST_PARTY_ADS_TRACKING_UUID', idValue: 'abc' }],
                },
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'Test mode sends every event to the test rule, at the override base URL, with the configured API version',
    settings: {
      ...SETTINGS,
      conversion_rules: { PURCHASE: '777' },
      test_mode: true,
      test_conversion_rule_id: '999',
      linkedin_version: '202603',
      endpoint_override: 'http://127.0.0.1:9999',
    },
    input: [
      makeEvent({
        event_id: 'ord-9',
        event: 'Order Completed',
        traits: { email: 'john_smith@gmail.com' },
      }),
    ],
    expected: {
      requests: [
        {
          url: 'http://127.0.0.1:9999/rest/conversionEvents',
          headers: { 'linkedin-version': '202603' },
          event_ids: ['ord-9'],
          body: {
            elements: [
              {
                conversion: rule('999'),
                conversionHappenedAt: MS,
                eventId: 'ord-9',
                user: { userIds: [EMAIL_ID] },
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: "An event id longer than LinkedIn's 64 characters is left out instead of failing the conversion",
    settings: SETTINGS,
    input: [
      makeEvent({
        event_id: 'x'.repeat(65),
        event: 'Generate Lead',
        traits: { email: 'john_smith@gmail.com' },
      }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          body: {
            elements: [
              {
                conversion: rule('123456'),
                conversionHappenedAt: MS,
                user: { userIds: [EMAIL_ID] },
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'Test mode without a test rule is refused because LinkedIn has no test endpoint',
    settings: { ...SETTINGS, test_mode: true },
    input: [],
    expected: { error: { code: 'config_error', field: 'parameters.test_conversion_rule_id' } },
  },
  {
    name: 'A rule URN instead of the numeric rule id is refused',
    settings: { ...SETTINGS, conversion_rule_id: 'urn:lla:llaPartnerConversion:1' },
    input: [],
    expected: { error: { code: 'config_error', field: 'parameters.conversion_rule_id' } },
  },
  {
    name: 'A rule type mapped to a non-numeric rule id is refused naming that type',
    settings: { ...SETTINGS, conversion_rules: { PURCHASE: 'urn:lla:llaPartnerConversion:1' } },
    input: [],
    expected: { error: { code: 'config_error', field: 'parameters.conversion_rules.PURCHASE' } },
  },
  {
    name: 'An API version that is not YYYYMM is refused',
    settings: { ...SETTINGS, linkedin_version: '2025-11' },
    input: [],
    expected: { error: { code: 'config_error', field: 'parameters.linkedin_version' } },
  },
];

const three = { event_ids: ['e1', 'e2', 'e3'] };

/** LinkedIn answers → per-event outcomes. */
export const linkedinClassifyCases: ClassifyCase[] = [
  {
    name: "An HTTP-date Retry-After is measured against the answer's own Date header",
    request: { event_ids: ['e1'] },
    response: {
      status: 429,
      headers: {
        'retry-after': 'Thu, 01 Jan 2026 12:00:30 GMT',
        date: 'Thu, 01 Jan 2026 12:00:00 GMT',
      },
      body: '',
    },
    expected: [{ status: 'retry', code: 'vendor_throttled', retryAfterMs: 30_000 }],
  },
  {
    name: 'A batch answer with every element 201 delivers all',
    request: three,
    response: {
      status: 200,
      body: { elements: [{ status: 201 }, { status: 201 }, { status: 201 }] },
    },
    expected: [{ status: 'delivered' }, { status: 'delivered' }, { status: 'delivered' }],
  },
  {
    name: 'A batch answer with one element 400 fails only that event',
    request: three,
    response: {
      status: 200,
      body: { elements: [{ status: 201 }, { status: 400 }, { status: 201 }] },
    },
    expected: [
      { status: 'delivered' },
      { event_id: 'e2', status: 'failed', code: 'vendor_rejected' },
      { status: 'delivered' },
    ],
  },
  {
    name: 'A single create answered 201 with an empty body is delivered',
    request: { event_ids: ['e1'] },
    response: { status: 201, body: '' },
    expected: [{ status: 'delivered' }],
  },
  {
    name: 'A 400 naming bad rows fails those rows and retries the rest',
    request: three,
    response: {
      status: 400,
      body: {
        status: 400,
        code: 'INVALID_BODY',
        message:
          'Batch validation failed:\nIndex: 1, ERROR :: /conversionHappenedAt is older than 90 days',
      },
    },
    expected: [
      { event_id: 'e1', status: 'retry', code: 'upstream_unavailable' },
      {
        event_id: 'e2',
        status: 'failed',
        code: 'vendor_rejected',
        reason: '/conversionHappenedAt is older than 90 days',
      },
      { event_id: 'e3', status: 'retry' },
    ],
  },
  {
    name: 'A 400 without row detail fails the whole batch',
    request: { event_ids: ['e1', 'e2'] },
    response: { status: 400, body: { status: 400, message: 'bad' } },
    expected: [
      { status: 'failed', code: 'vendor_rejected' },
      { status: 'failed', code: 'vendor_rejected' },
    ],
  },
  {
    name: 'A 401 REVOKED_ACCESS_TOKEN fails as an auth problem and names the code',
    request: { event_ids: ['e1'] },
    response: {
      status: 401,
      body: {
        status: 401,
        serviceErrorCode: 65601,
        code: 'REVOKED_ACCESS_TOKEN',
        message: 'The token used in the request has been revoked by the user',
      },
    },
    expected: [
      {
        status: 'failed',
        code: 'vendor_auth',
        reason:
          'HTTP 401 REVOKED_ACCESS_TOKEN: The token used in the request has been revoked by the user',
      },
    ],
  },
  {
    name: 'A 429 is retried after Retry-After',
    request: { event_ids: ['e1'] },
    response: { status: 429, headers: { 'retry-after': '60' }, body: '' },
    expected: [{ status: 'retry', code: 'vendor_throttled', retryAfterMs: 60_000 }],
  },
  {
    name: 'A 500 is retried as a server error',
    request: { event_ids: ['e1'] },
    response: { status: 500, body: '' },
    expected: [{ status: 'retry', code: 'vendor_server_error' }],
  },
];
