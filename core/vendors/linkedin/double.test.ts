import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VendorDouble } from '../../doubles/index.js';
import {
  deliverThrough,
  FIXED_TIME,
  fullPurchase,
  runDoubleCases,
  type DoubleCase,
} from '../testing/index.js';
import { answers } from '../../doubles/index.js';
import { specDouble, startSpecDouble } from '../spec/double.js';
import { linkedinCases } from './cases.js';
import { linkedinDouble } from './double.js';
import { linkedin, linkedinDeclaration } from './index.js';

const NOW = Date.parse(FIXED_TIME);
let double: VendorDouble;
beforeAll(async () => {
  double = await startSpecDouble(linkedinDeclaration, {
    ...linkedinDouble,
    token: 'AQX-secret',
    now: () => NOW,
  });
});
afterAll(async () => {
  await double.close();
});

const H = '62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f';
const el = {
  conversion: 'urn:lla:llaPartnerConversion:1',
  conversionHappenedAt: NOW,
  eventId: 'o1',
  conversionValue: { currencyCode: 'USD', amount: '10.00' },
  user: { userIds: [{ idType: 'SHA256_EMAIL', idValue: H }] },
};
const headers = {
  authorization: 'Bearer AQX-secret',
  'linkedin-version': '202511',
  'x-restli-protocol-version': '2.0.0',
  'x-restli-method': 'BATCH_CREATE',
  'content-type': 'application/json',
};
const DAY = 86_400_000;

const P = '/rest/conversionEvents';
const without = (name: string): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).filter(([k]) => k !== name));
const rowError = (row: number, reason: string) => ({
  status: 400,
  bodyIncludes: `Index: ${row}, ERROR :: ${reason}`,
});

const contract: DoubleCase[] = [
  {
    name: 'A well-formed batch is answered 200 with one 201 per element.',
    url: P,
    headers,
    body: { elements: [el, el] },
    expected: { status: 200, bodyIncludes: '{"elements":[{"status":201},{"status":201}]}' },
  },
  {
    name: 'A single create is answered 201.',
    url: P,
    headers: without('x-restli-method'),
    body: el,
    expected: { status: 201 },
  },
  {
    name: 'A request without a bearer token is refused with 401.',
    url: P,
    headers: without('authorization'),
    body: { elements: [el] },
    expected: { status: 401, bodyIncludes: 'INVALID_ACCESS_TOKEN' },
  },
  {
    name: 'A request with another token is refused with 401.',
    url: P,
    headers: { ...headers, authorization: 'Bearer other' },
    body: { elements: [el] },
    expected: { status: 401 },
  },
  {
    name: 'A request without LinkedIn-Version is refused.',
    url: P,
    headers: without('linkedin-version'),
    body: { elements: [el] },
    expected: { status: 426, bodyIncludes: 'VERSION_MISSING' },
  },
  {
    name: 'A request without X-Restli-Protocol-Version 2.0.0 is refused.',
    url: P,
    headers: { ...headers, 'x-restli-protocol-version': '1.0.0' },
    body: { elements: [el] },
    expected: { status: 400 },
  },
  {
    name: 'A time in seconds instead of milliseconds is refused, naming the row.',
    url: P,
    headers,
    body: { elements: [el, { ...el, conversionHappenedAt: Math.floor(NOW / 1000) }] },
    expected: rowError(1, '/conversionHappenedAt must be epoch milliseconds'),
  },
  {
    name: 'A conversion older than 90 days is refused.',
    url: P,
    headers,
    body: { elements: [{ ...el, conversionHappenedAt: NOW - 91 * DAY }] },
    expected: rowError(0, '/conversionHappenedAt is older than 90 days'),
  },
  {
    name: 'A numeric amount is refused (LinkedIn wants a string).',
    url: P,
    headers,
    body: { elements: [{ ...el, conversionValue: { currencyCode: 'USD', amount: 10 } }] },
    expected: rowError(0, '/conversionValue/amount must be a decimal string'),
  },
  {
    name: 'An unhashed SHA256_EMAIL is refused.',
    url: P,
    headers,
    body: {
      elements: [
        { ...el, user: { userIds: [{ idType: 'SHA256_EMAIL', idValue: 'john@example.com' }] } },
      ],
    },
    expected: rowError(0, '/user/userIds SHA256_EMAIL'),
  },
  {
    name: "An unknown idType (Segment's AXCIOM_ID typo) is refused.",
    url: P,
    headers,
    body: { elements: [{ ...el, user: { userIds: [{ idType: 'AXCIOM_ID', idValue: '1' }] } }] },
    expected: rowError(0, '/user/userIds/idType is not a supported id type'),
  },
  {
    name: 'A conversion that is not a rule URN is refused.',
    url: P,
    headers,
    body: { elements: [{ ...el, conversion: '123' }] },
    expected: rowError(0, '/conversion must be urn:lla:llaPartnerConversion'),
  },
  {
    name: 'An element without any user id or userInfo is refused.',
    url: P,
    headers,
    body: { elements: [{ ...el, user: { userIds: [] } }] },
    expected: rowError(0, '/user needs at least one userId or userInfo'),
  },
  {
    name: 'More than 5000 elements are refused.',
    url: P,
    headers,
    body: { elements: Array.from({ length: 5001 }, () => el) },
    expected: { status: 400, bodyIncludes: '1 to 5000' },
  },
];

runDoubleCases(
  'linkedin',
  specDouble(linkedinDeclaration, { ...linkedinDouble, token: 'AQX-secret', now: () => NOW }).check,
  contract,
);

const base = () => ({
  access_token: 'AQX-secret',
  conversion_rule_id: '123456',
  endpoint_override: double.url,
});

describe('LinkedIn double', () => {
  it.each(linkedinCases.filter((c) => !('error' in c.expected)).map((c) => [c.name, c] as const))(
    'accepts what format produces: %s',
    async (_n, c) => {
      const r = await deliverThrough(
        linkedin.definition,
        { ...(c.settings as object), endpoint_override: double.url },
        c.input,
      );
      expect(r.outcomes.length).toBeGreaterThan(0);
      expect(r.outcomes.every((o) => o.status === 'delivered')).toBe(true);
    },
  );

  it('an injected revoked token reaches delivery as a permanent auth failure', async () => {
    double.once(
      answers.status(401, {
        status: 401,
        serviceErrorCode: 65601,
        code: 'REVOKED_ACCESS_TOKEN',
        message: 'The token used in the request has been revoked by the user',
      }),
    );
    const r = await deliverThrough(linkedin.definition, base(), [fullPurchase()]);
    expect(r.outcomes).toMatchObject([{ status: 'failed', code: 'vendor_auth' }]);
    expect((r.outcomes[0] as { reason: string }).reason).toContain('REVOKED_ACCESS_TOKEN');
  });

  it('an injected 429 reaches delivery as a retry with Retry-After', async () => {
    double.once(answers.tooManyRequests(2));
    const r = await deliverThrough(linkedin.definition, base(), [fullPurchase()]);
    expect(r.outcomes).toMatchObject([
      { status: 'retry', code: 'vendor_throttled', retryAfterMs: 2000 },
    ]);
  });
});
