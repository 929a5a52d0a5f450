/** Google Ads (Data Manager) golden cases. */
import { generateKeyPairSync } from 'node:crypto';
import { fullPurchase, makeEvent, type ClassifyCase, type VendorCase } from '../testing/index.js';

/** A throwaway service-account key for tests (generated per run; never a real credential). */
export const testKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
export const testAccount = (tokenUri = 'https://oauth2.googleapis.com/token') => ({
  type: 'service_account',
  client_email: 'signal@test-project.iam.gserviceaccount.com',
  private_key: testKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  token_uri: tokenUri,
});

const settings = {
  customer_id: '123-456-7890',
  conversion_action_id: '987654321',
  service_account_json: JSON.stringify(testAccount()),
};
const URL = 'https://datamanager.googleapis.com/v1/events:ingest';
const dest = {
  operatingAccount: { accountType: 'GOOGLE_ADS', accountId: '1234567890' },
  productDestinationId: '987654321',
  reference: 'ca-987654321',
};
const device = {
  userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)',
  ipAddress: '203.0.113.7',
};

export const googleAdsCases: VendorCase[] = [
  {
    name: 'A purchase with full user data becomes one Data Manager event with hashed email, E.164 phone and address, plain region and postal code.',
    settings,
    ctx: { accessToken: 'ya29.test' },
    input: [
      fullPurchase({
        traits: {
          email: 'John.Smith@gmail.com',
          phone: '+1 (650) 555-1212',
          first_name: 'John',
          last_name: 'Smith',
          postal_code: '94103',
          country: 'us',
        },
        context: { consent: { marketing: true } },
      }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          headers: { authorization: 'Bearer ya29.test', 'content-type': 'application/json' },
          body: {
            destinations: [dest],
            encoding: 'HEX',
            events: [
              {
                destinationReferences: ['ca-987654321'],
                eventTimestamp: '2026-01-01T12:00:00.000Z',
                eventSource: 'WEB',
                adIdentifiers: { landingPageDeviceInfo: device },
                userData: {
                  userIdentifiers: [
                    {
                      emailAddress:
                        '3586de92bb3636d0885a12eff961429a32e4ebd764b96f50d85d016f9338d586',
                    },
                    {
                      phoneNumber:
                        '1e231c66011e7a2d867a9cfae267a6aff103cf4913640b6e71a99850fc0ffbc8',
                    },
                    {
                      address: {
                        givenName:
                          '96d9632f363564cc3032521409cf22a852f2032eec099ed5967c0d000cec607a',
                        familyName:
                          '6627835f988e2c5e50533d491163072d3f4f41f5c8b04630150debb3722ca2dd',
                        regionCode: 'US',
                        postalCode: '94103',
                      },
                    },
                  ],
                },
                consent: { adUserData: 'CONSENT_GRANTED', adPersonalization: 'CONSENT_GRANTED' },
                transactionId: 'ORD-1001',
                conversionValue: 59.98,
                currency: 'USD',
                cartData: {
                  items: [{ merchantProductId: 'SKU-1', quantity: 2, unitPrice: 29.99 }],
                },
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'A gclid click is sent as a plain ad identifier and an incomplete address is left out.',
    settings,
    input: [
      makeEvent({
        event: 'Order Completed',
        event_id: 'o2',
        properties: { order_id: 'O2', revenue: 10, currency: 'eur' },
        traits: { first_name: 'Ann' },
        context: { click_ids: { gclid: 'Cj0KCQ-abc' } },
      }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          body: {
            destinations: [dest],
            events: [
              {
                destinationReferences: ['ca-987654321'],
                eventTimestamp: '2026-01-01T12:00:00.000Z',
                eventSource: 'WEB',
                adIdentifiers: { gclid: 'Cj0KCQ-abc', landingPageDeviceInfo: device },
                transactionId: 'O2',
                conversionValue: 10,
                currency: 'EUR',
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'A lead goes to the lead conversion action, and an add to cart without its own action is skipped with the reason.',
    settings: { ...settings, lead_conversion_action_id: '111' },
    input: [
      makeEvent({ event: 'Lead Generated', event_id: 'l1', traits: { email: 'a@example.com' } }),
      makeEvent({ event: 'Product Added', event_id: 'a1' }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          body: {
            destinations: [{ ...dest, productDestinationId: '111', reference: 'ca-111' }],
            encoding: 'HEX',
            events: [
              {
                destinationReferences: ['ca-111'],
                eventTimestamp: '2026-01-01T12:00:00.000Z',
                eventSource: 'WEB',
                adIdentifiers: { landingPageDeviceInfo: device },
                userData: {
                  userIdentifiers: [
                    {
                      emailAddress:
                        '08168cd80dfd534ab0f10af10f1303fe00af2d43ab5c1432360d137f8197e17a',
                    },
                  ],
                },
                transactionId: 'l1',
              },
            ],
          },
        },
      ],
      skipped: [
        {
          event_id: 'a1',
          reason:
            'no conversion action for "add_to_cart" (set the add_to_cart conversion action id)',
        },
      ],
    },
  },
  {
    name: 'Test mode sets validateOnly, and page views go to their own conversion action with a manager login account.',
    settings: {
      ...settings,
      test_mode: true,
      page_view_conversion_action_id: '222',
      login_customer_id: '999-000-1111',
    },
    input: [
      makeEvent({
        type: 'page',
        event_id: 'p1',
        context: { user_agent: undefined, ip: undefined },
      }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          body: {
            destinations: [
              {
                ...dest,
                loginAccount: { accountType: 'GOOGLE_ADS', accountId: '9990001111' },
                productDestinationId: '222',
                reference: 'ca-222',
              },
            ],
            validateOnly: true,
            events: [
              {
                destinationReferences: ['ca-222'],
                eventTimestamp: '2026-01-01T12:00:00.000Z',
                eventSource: 'WEB',
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'Settings without any credentials are a config error naming service_account_json.',
    settings: { customer_id: '1', conversion_action_id: '2' },
    input: [],
    expected: { error: { code: 'config_error', field: 'parameters.service_account_json' } },
  },
  {
    name: 'A customer id with letters is a config error.',
    settings: { ...settings, customer_id: 'abc' },
    input: [],
    expected: { error: { code: 'config_error', field: 'parameters.customer_id' } },
  },
  {
    name: 'A service account key that is not JSON is a config error.',
    settings: { ...settings, service_account_json: 'not json' },
    input: [],
    expected: { error: { code: 'config_error', field: 'parameters.service_account_json' } },
  },
];

export const googleAdsClassifyCases: ClassifyCase[] = [
  {
    name: 'A 200 with a requestId delivers every event.',
    request: { event_ids: ['a', 'b'] },
    response: { status: 200, body: { requestId: 'r1' } },
    expected: [{ status: 'delivered' }, { status: 'delivered' }],
  },
  {
    name: 'A 400 naming events[1] fails that event and retries the other, which was not ingested.',
    request: { event_ids: ['a', 'b'] },
    response: {
      status: 400,
      body: {
        error: {
          code: 400,
          status: 'INVALID_ARGUMENT',
          message: 'bad',
          details: [
            {
              fieldViolations: [
                {
                  field: 'events[1].userData.userIdentifiers[0].emailAddress',
                  description: 'INVALID_SHA256_FORMAT',
                },
              ],
            },
          ],
        },
      },
    },
    expected: [
      { event_id: 'a', status: 'retry', code: 'vendor_server_error' },
      {
        event_id: 'b',
        status: 'failed',
        code: 'vendor_rejected',
        reason: 'events[1].userData.userIdentifiers[0].emailAddress: INVALID_SHA256_FORMAT',
      },
    ],
  },
  {
    name: 'A 400 without event-level violations fails every event.',
    request: { event_ids: ['a', 'b'] },
    response: {
      status: 400,
      body: { error: { code: 400, status: 'INVALID_ARGUMENT', message: 'TOO_MANY_DESTINATIONS' } },
    },
    expected: [{ status: 'failed' }, { status: 'failed' }],
  },
  {
    name: 'RESOURCE_EXHAUSTED is a throttled retry with Retry-After.',
    request: { event_ids: ['a'] },
    response: {
      status: 429,
      headers: { 'retry-after': '30' },
      body: { error: { status: 'RESOURCE_EXHAUSTED' } },
    },
    expected: [{ status: 'retry', code: 'vendor_throttled', retryAfterMs: 30000 }],
  },
  {
    name: 'UNAVAILABLE is retried.',
    request: { event_ids: ['a'] },
    response: { status: 503, body: { error: { status: 'UNAVAILABLE' } } },
    expected: [{ status: 'retry', code: 'vendor_server_error' }],
  },
  {
    name: 'PERMISSION_DENIED is an auth failure.',
    request: { event_ids: ['a'] },
    response: {
      status: 403,
      body: { error: { status: 'PERMISSION_DENIED', message: 'TERMS_AND_CONDITIONS_NOT_SIGNED' } },
    },
    expected: [{ status: 'failed', code: 'vendor_auth' }],
  },
];
