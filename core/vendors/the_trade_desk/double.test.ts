import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answers, type VendorDouble } from '../../doubles/index.js';
import { deliverThrough, fullPurchase, runDoubleCases, type DoubleCase } from '../testing/index.js';
import { specDouble, startSpecDouble } from '../spec/double.js';
import { ttdCases } from './cases.js';
import { ttdDouble } from './double.js';
import { theTradeDesk, ttdDeclaration } from './index.js';

let double: VendorDouble;
beforeAll(async () => {
  double = await startSpecDouble(ttdDeclaration, ttdDouble);
});
afterAll(async () => {
  await double.close();
});

const TDID = '8f6b2c9e-1d2a-4c3b-9e8f-0a1b2c3d4e5f';
const conv = {
  tracker_id: 'hc7ihke',
  adv: 'abc12345',
  event_name: 'purchase',
  value: 59.98,
  currency: 'USD',
  adid: TDID,
  adid_type: 'TDID',
};
const one = (over: Record<string, unknown>) => ({ data: [{ ...conv, ...over }] });

const P = '/track/realtimeconversion';
const refused = (message: string) => ({ status: 400, bodyIncludes: `"Message":"${message}` });

const contract: DoubleCase[] = [
  {
    name: 'A well-formed purchase is accepted with 200 {}.',
    url: P,
    body: one({}),
    expected: { status: 200, bodyIncludes: '{}' },
  },
  {
    name: 'A URL-mapping conversion with pixel_id and adv is accepted.',
    url: P,
    body: one({ tracker_id: undefined, pixel_id: 'px1' }),
    expected: { status: 200 },
  },
  {
    name: 'A conversion without tracker_id or pixel_id is refused.',
    url: P,
    body: one({ tracker_id: undefined }),
    expected: refused('data[0] needs tracker_id, or pixel_id with adv'),
  },
  {
    name: 'An adid_type outside the enum is refused.',
    url: P,
    body: one({ adid_type: 'COOKIE' }),
    expected: refused('data[0].adid_type must be one of'),
  },
  {
    name: 'A TDID that is not a GUID is refused.',
    url: P,
    body: one({ adid: 'abc' }),
    expected: refused('data[0].adid must be a 36-character GUID for TDID'),
  },
  {
    name: 'An impression id that is not a GUID is refused.',
    url: P,
    body: one({ imp: 'evt-1' }),
    expected: refused('data[0].imp must be a 36-character GUID'),
  },
  {
    name: 'A value sent as a string is refused.',
    url: P,
    body: one({ value: '59.98' }),
    expected: refused('data[0].value must be a number'),
  },
  {
    name: 'A hashed email smuggled into a custom field is refused.',
    url: P,
    body: one({ td1: '62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f' }),
    expected: refused('data[0].td1 looks like hashed PII'),
  },
  {
    name: 'Two conversions in one request are refused (one per request).',
    url: P,
    body: { data: [conv, conv] },
    expected: refused('data must hold 1 to 1 conversions'),
  },
  {
    name: 'A body without data is refused.',
    url: P,
    body: conv,
    expected: refused('data must be an array'),
  },
  {
    name: 'A request to another path is not found.',
    url: '/track/conversion',
    body: one({}),
    expected: { status: 404 },
  },
];

runDoubleCases('the_trade_desk', specDouble(ttdDeclaration, ttdDouble).check, contract);

describe('The Trade Desk double', () => {
  it.each(ttdCases.filter((c) => !('error' in c.expected)).map((c) => [c.name, c] as const))(
    'accepts what format produces: %s',
    async (_n, c) => {
      const r = await deliverThrough(
        theTradeDesk.definition,
        { ...(c.settings as object), endpoint_override: double.url },
        c.input,
      );
      expect(r.outcomes.length).toBeGreaterThan(0);
      expect(r.outcomes.every((o) => o.status === 'delivered')).toBe(true);
    },
  );

  it('an injected 503 reaches delivery as a retry', async () => {
    double.once(answers.status(503, { Message: 'Service unavailable' }));
    const r = await deliverThrough(
      theTradeDesk.definition,
      { advertiser_id: 'abc12345', tracker_id: 'hc7ihke', endpoint_override: double.url },
      [fullPurchase()],
    );
    expect(r.outcomes).toMatchObject([{ status: 'retry', code: 'vendor_server_error' }]);
  });

  it('an injected 400 reaches delivery as a permanent failure', async () => {
    double.once(answers.status(400, { Message: 'tracker_id unknown' }));
    const r = await deliverThrough(
      theTradeDesk.definition,
      { advertiser_id: 'abc12345', tracker_id: 'hc7ihke', endpoint_override: double.url },
      [fullPurchase()],
    );
    expect(r.outcomes).toMatchObject([{ status: 'failed', code: 'vendor_rejected' }]);
  });
});
