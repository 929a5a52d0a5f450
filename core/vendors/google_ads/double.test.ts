import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deliverThrough,
  fullPurchase,
  makeEvent,
  recorded,
  runDoubleCases,
  type DoubleCase,
} from '../testing/index.js';
import { answers } from '../../doubles/index.js';
import { testAccount, testKeys } from './cases.js';
import { googleAdsDouble, googleAdsResponder } from './double.js';
import { googleAds } from './index.js';

const H = '3586de92bb3636d0885a12eff961429a32e4ebd764b96f50d85d016f9338d586';
const dest = {
  operatingAccount: { accountType: 'GOOGLE_ADS', accountId: '123' },
  productDestinationId: '9',
  reference: 'r',
};
const ev = {
  destinationReferences: ['r'],
  eventTimestamp: '2026-01-01T12:00:00Z',
  transactionId: 'o1',
};
const body = (over: Record<string, unknown> = {}, event: Record<string, unknown> = {}) => ({
  destinations: [dest],
  events: [{ ...ev, ...event }],
  ...over,
});

// The responder is checked with a token it issued itself.
const { respond, issuer } = googleAdsResponder({}, () => 'http://double');
const tokenAnswer = issuer.handle(
  recorded({
    url: '/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=refresh_token&client_id=a&client_secret=b&refresh_token=c',
  }),
  'http://double/token',
);
const token = JSON.parse('body' in tokenAnswer ? (tokenAnswer.body ?? '{}') : '{}') as {
  access_token: string;
};
const auth = { authorization: `Bearer ${token.access_token}` };
const ingest = '/v1/events:ingest';

const cases: DoubleCase[] = [
  {
    name: 'A well-formed event with a live bearer is accepted.',
    url: ingest,
    headers: auth,
    body: body(),
    expected: { status: 200, bodyIncludes: 'requestId' },
  },
  {
    name: 'A request without a bearer is refused as UNAUTHENTICATED.',
    url: ingest,
    body: body(),
    expected: { status: 401 },
  },
  {
    name: 'A bearer the double never issued is refused.',
    url: ingest,
    headers: { authorization: 'Bearer ya29.forged' },
    body: body(),
    expected: { status: 401 },
  },
  {
    name: 'A developer-token header is refused (Data Manager takes none).',
    url: ingest,
    headers: { ...auth, 'developer-token': 'x' },
    body: body(),
    expected: { status: 400 },
  },
  {
    name: 'A Google Ads API date-time string is refused.',
    url: ingest,
    headers: auth,
    body: body({}, { eventTimestamp: '2026-01-01 12:00:00+00:00' }),
    expected: { status: 400, bodyIncludes: 'events[0].eventTimestamp' },
  },
  {
    name: 'User data without encoding is refused.',
    url: ingest,
    headers: auth,
    body: body({}, { userData: { userIdentifiers: [{ emailAddress: H }] } }),
    expected: { status: 400, bodyIncludes: 'encoding' },
  },
  {
    name: 'An unhashed email is refused.',
    url: ingest,
    headers: auth,
    body: body({ encoding: 'HEX' }, { userData: { userIdentifiers: [{ emailAddress: 'a@b.c' }] } }),
    expected: { status: 400, bodyIncludes: 'INVALID_SHA256_FORMAT' },
  },
  {
    name: 'An identifier with two keys is refused.',
    url: ingest,
    headers: auth,
    body: body(
      { encoding: 'HEX' },
      { userData: { userIdentifiers: [{ emailAddress: H, phoneNumber: H }] } },
    ),
    expected: { status: 400 },
  },
  {
    name: 'A hashed postal code is refused (it must be plain).',
    url: ingest,
    headers: auth,
    body: body(
      { encoding: 'HEX' },
      {
        userData: {
          userIdentifiers: [
            { address: { givenName: H, familyName: H, regionCode: 'US', postalCode: H } },
          ],
        },
      },
    ),
    expected: { status: 400, bodyIncludes: 'INVALID_POSTAL_CODE' },
  },
  {
    name: 'A lowercase region code is refused.',
    url: ingest,
    headers: auth,
    body: body(
      { encoding: 'HEX' },
      {
        userData: {
          userIdentifiers: [
            { address: { givenName: H, familyName: H, regionCode: 'us', postalCode: '94103' } },
          ],
        },
      },
    ),
    expected: { status: 400, bodyIncludes: 'INVALID_COUNTRY_CODE' },
  },
  {
    name: 'Eleven destinations are refused.',
    url: ingest,
    headers: auth,
    body: body({
      destinations: Array.from({ length: 11 }, (_, i) => ({ ...dest, reference: `r${i}` })),
    }),
    expected: { status: 400, bodyIncludes: 'TOO_MANY_DESTINATIONS' },
  },
  {
    name: 'More than 2000 events are refused.',
    url: ingest,
    headers: auth,
    body: { destinations: [dest], events: Array.from({ length: 2001 }, () => ev) },
    expected: { status: 400 },
  },
  {
    name: 'An unknown destination reference is refused.',
    url: ingest,
    headers: auth,
    body: body({}, { destinationReferences: ['nope'] }),
    expected: { status: 400 },
  },
  {
    name: 'A hyphenated account id is refused.',
    url: ingest,
    headers: auth,
    body: body({
      destinations: [
        { ...dest, operatingAccount: { accountType: 'GOOGLE_ADS', accountId: '123-456' } },
      ],
    }),
    expected: { status: 400 },
  },
  {
    name: 'An Ads-API consent value is refused.',
    url: ingest,
    headers: auth,
    body: body({}, { consent: { adUserData: 'GRANTED' } }),
    expected: { status: 400 },
  },
];

runDoubleCases('google_ads', respond, cases);

describe('google_ads through its double', () => {
  let d: Awaited<ReturnType<typeof googleAdsDouble.start>>;
  beforeAll(async () => {
    d = await googleAdsDouble.start({ publicKey: testKeys.publicKey });
  });
  afterAll(() => d.close());

  it('A service-account token is fetched from the double once and reused, and the double accepts what format produces.', async () => {
    d.reset();
    const settings = {
      customer_id: '1234567890',
      conversion_action_id: '987',
      lead_conversion_action_id: '111',
      endpoint_override: d.url,
      service_account_json: testAccount(`${d.url}/token`),
    };
    const events = [
      fullPurchase({ context: { consent: { marketing: false } } }),
      makeEvent({ event: 'Lead Generated', event_id: 'l1', traits: { email: 'x@example.com' } }),
    ];
    const first = await deliverThrough(googleAds.definition, settings, events);
    const second = await deliverThrough(googleAds.definition, settings, [
      fullPurchase({ event_id: 'o2' }),
    ]);
    expect(first.responses.map((r) => r.status)).toEqual([200]);
    expect([...first.outcomes, ...second.outcomes].map((o) => o.status)).toEqual([
      'delivered',
      'delivered',
      'delivered',
    ]);
    expect(d.issuer.issued()).toBe(1);
  });

  it('A forged service-account key is refused at the token endpoint.', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const settings = {
      customer_id: '1',
      conversion_action_id: '9',
      endpoint_override: d.url,
      service_account_json: {
        ...testAccount(`${d.url}/token`),
        client_email: 'forged@x.iam.gserviceaccount.com',
        private_key: other,
      },
    };
    await expect(
      deliverThrough(googleAds.definition, settings, [fullPurchase()]),
    ).rejects.toMatchObject({
      code: 'vendor_auth',
    });
  });

  it('Injected quota exhaustion is a throttled retry.', async () => {
    d.reset();
    d.once(
      answers.status(
        429,
        { error: { code: 429, message: 'Quota exceeded', status: 'RESOURCE_EXHAUSTED' } },
        { 'retry-after': '5' },
      ),
    );
    const r = await deliverThrough(
      googleAds.definition,
      {
        customer_id: '1',
        conversion_action_id: '9',
        endpoint_override: d.url,
        service_account_json: testAccount(`${d.url}/token`),
      },
      [fullPurchase()],
    );
    expect(r.outcomes).toMatchObject([
      { status: 'retry', code: 'vendor_throttled', retryAfterMs: 5000 },
    ]);
  });
});
