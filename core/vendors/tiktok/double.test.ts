import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VendorDouble } from '../../doubles/index.js';
import {
  deliverThrough,
  fullPurchase,
  makeEvent,
  runDoubleCases,
  type DoubleCase,
} from '../testing/index.js';
import { answers } from '../../doubles/index.js';
import { specDouble, startSpecDouble } from '../spec/double.js';
import { tiktokCases } from './cases.js';
import { TIKTOK_CODES, tiktokDouble } from './double.js';
import { tiktok, tiktokDeclaration } from './index.js';

let double: VendorDouble;
beforeAll(async () => {
  double = await startSpecDouble(tiktokDeclaration, { ...tiktokDouble, token: 'tt-secret' });
});
afterAll(async () => {
  await double.close();
});

const settings = () => ({
  pixel_code: 'C1234567890ABCDEFG',
  access_token: 'tt-secret',
  endpoint_override: double.url,
});
const H = '62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f';
const good = {
  event_source: 'web',
  event_source_id: 'C1',
  data: [{ event: 'Purchase', event_time: 1767225600, user: { email: H } }],
};
const item = (over: Record<string, unknown>) => ({ ...good, data: [{ ...good.data[0], ...over }] });

const PATH = '/open_api/v1.3/event/track/';
const AUTH = { 'access-token': 'tt-secret' };
const refused = (code: number, message: string) => ({
  status: 200,
  bodyIncludes: `"code":${code},"message":"${message}`,
});

const contract: DoubleCase[] = [
  {
    name: 'A well-formed purchase is accepted with code 0.',
    url: PATH,
    headers: AUTH,
    body: good,
    expected: { status: 200, bodyIncludes: '"code":0' },
  },
  {
    name: 'A request without the Access-Token header is refused with code 40001.',
    url: PATH,
    body: good,
    expected: refused(40001, 'Access-Token'),
  },
  {
    name: 'A request with another Access-Token is refused with code 40001.',
    url: PATH,
    headers: { 'access-token': 'other' },
    body: good,
    expected: refused(40001, 'Access-Token'),
  },
  {
    name: 'An unhashed email is refused.',
    url: PATH,
    headers: AUTH,
    body: item({ user: { email: 'john@example.com' } }),
    expected: refused(40002, 'data.0.user.email'),
  },
  {
    name: 'An upper-case digest is refused (TikTok wants lowercase hex).',
    url: PATH,
    headers: AUTH,
    body: item({ user: { phone: H.toUpperCase() } }),
    expected: refused(40002, 'data.0.user.phone'),
  },
  {
    name: 'A millisecond event_time is refused.',
    url: PATH,
    headers: AUTH,
    body: item({ event_time: 1767225600123 }),
    expected: refused(40002, 'data.0.event_time: must be Unix seconds'),
  },
  {
    name: 'An ISO string event_time is refused.',
    url: PATH,
    headers: AUTH,
    body: item({ event_time: '2026-01-01T00:00:00Z' }),
    expected: refused(40002, 'data.0.event_time'),
  },
  {
    name: 'A numeric content_id is refused.',
    url: PATH,
    headers: AUTH,
    body: item({ properties: { contents: [{ content_id: 42 }] } }),
    expected: refused(40002, 'data.0.properties.contents.0.content_id: Not a valid string'),
  },
  {
    name: 'An event_source outside web/app/offline/crm is refused.',
    url: PATH,
    headers: AUTH,
    body: { ...good, event_source: 'website' },
    expected: refused(40002, 'event_source'),
  },
  {
    name: 'An empty data array is refused.',
    url: PATH,
    headers: AUTH,
    body: { ...good, data: [] },
    expected: refused(40002, 'data'),
  },
  {
    name: 'More than 1000 events in one request are refused.',
    url: PATH,
    headers: AUTH,
    body: { ...good, data: Array.from({ length: 1001 }, () => good.data[0]) },
    expected: refused(40002, 'data: Length must be between 1 and 1000'),
  },
  {
    name: 'An event without a name is refused.',
    url: PATH,
    headers: AUTH,
    body: item({ event: '' }),
    expected: refused(40002, 'data.0.event: Missing'),
  },
  {
    name: 'The path without its trailing slash is not found.',
    url: '/open_api/v1.3/event/track',
    headers: AUTH,
    body: good,
    expected: { status: 404 },
  },
  { name: 'A GET is refused.', method: 'GET', url: PATH, headers: AUTH, expected: { status: 405 } },
];

runDoubleCases(
  'tiktok',
  specDouble(tiktokDeclaration, { ...tiktokDouble, token: 'tt-secret' }).check,
  contract,
);

describe('TikTok double', () => {
  it.each(tiktokCases.map((c) => [c.name, c] as const))(
    'accepts what format produces: %s',
    async (_n, c) => {
      const r = await deliverThrough(
        tiktok.definition,
        { ...(c.settings as object), endpoint_override: double.url },
        c.input,
      );
      expect(r.requests.length).toBeGreaterThan(0);
      expect(r.outcomes.every((o) => o.status === 'delivered')).toBe(true);
    },
  );

  it('an injected in-body throttle reaches delivery as a retry', async () => {
    double.once(
      answers.ok({
        code: TIKTOK_CODES.tooManyRequests,
        message: 'Too many requests',
        request_id: 'double-request',
        data: {},
      }),
    );
    const r = await deliverThrough(tiktok.definition, settings(), [fullPurchase()]);
    expect(r.outcomes).toMatchObject([
      { event_id: 'ORD-1001', status: 'retry', code: 'vendor_throttled' },
    ]);
  });

  it('an injected HTTP 429 carries Retry-After into the outcome', async () => {
    double.once(answers.tooManyRequests(12));
    const r = await deliverThrough(tiktok.definition, settings(), [
      makeEvent({ type: 'page', event: undefined }),
    ]);
    expect(r.outcomes).toMatchObject([
      { status: 'retry', code: 'vendor_throttled', retryAfterMs: 12_000 },
    ]);
  });

  it('records the test event code when test mode is on', async () => {
    double.reset();
    await deliverThrough(
      tiktok.definition,
      { ...settings(), test_mode: true, test_event_code: 'TEST1' },
      [makeEvent({ type: 'page', event: undefined })],
    );
    expect(double.requests[0]!.json).toMatchObject({ test_event_code: 'TEST1' });
  });
});
