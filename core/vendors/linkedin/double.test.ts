import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VendorDouble } from '../../doubles/index.js';
import { deliverThrough, FIXED_TIME, fullPurchase } from '../testing/index.js';
import { linkedinCases } from './cases.js';
import { linkedinAnswers, startDouble } from './double.js';
import { linkedin } from './index.js';

const NOW = Date.parse(FIXED_TIME);
let double: VendorDouble;
beforeAll(async () => {
  double = await startDouble({ accessToken: 'AQX-secret', now: () => NOW });
});
afterAll(async () => {
  await double.close();
});

const H = '62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f';
const el = { conversion: 'urn:lla:llaPartnerConversion:1', conversionHappenedAt: NOW, eventId: 'o1', conversionValue: { currencyCode: 'USD', amount: '10.00' }, user: { userIds: [{ idType: 'SHA256_EMAIL', idValue: H }] } };
const headers = { authorization: 'Bearer AQX-secret', 'linkedin-version': '202511', 'x-restli-protocol-version': '2.0.0', 'x-restli-method': 'BATCH_CREATE', 'content-type': 'application/json' };
const DAY = 86_400_000;

const rejections: { name: string; headers?: Record<string, string | undefined>; body: unknown; status: number; message?: RegExp }[] = [
  { name: 'a request without a bearer token is refused with 401', headers: { authorization: undefined }, body: { elements: [el] }, status: 401 },
  { name: 'a request without LinkedIn-Version is refused', headers: { 'linkedin-version': undefined }, body: { elements: [el] }, status: 426 },
  { name: 'a request without X-Restli-Protocol-Version 2.0.0 is refused', headers: { 'x-restli-protocol-version': '1.0.0' }, body: { elements: [el] }, status: 400 },
  { name: 'a time in seconds instead of milliseconds is refused, naming the row', body: { elements: [el, { ...el, conversionHappenedAt: Math.floor(NOW / 1000) }] }, status: 400, message: /Index: 1, ERROR :: \/conversionHappenedAt must be epoch milliseconds/ },
  { name: 'a conversion older than 90 days is refused', body: { elements: [{ ...el, conversionHappenedAt: NOW - 91 * DAY }] }, status: 400, message: /older than 90 days/ },
  { name: 'a numeric amount is refused (LinkedIn wants a string)', body: { elements: [{ ...el, conversionValue: { currencyCode: 'USD', amount: 10 } }] }, status: 400, message: /amount must be a decimal string/ },
  { name: 'an unhashed SHA256_EMAIL is refused', body: { elements: [{ ...el, user: { userIds: [{ idType: 'SHA256_EMAIL', idValue: 'john@example.com' }] } }] }, status: 400, message: /SHA256_EMAIL/ },
  { name: 'an unknown idType (Segment\'s AXCIOM_ID typo) is refused', body: { elements: [{ ...el, user: { userIds: [{ idType: 'AXCIOM_ID', idValue: '1' }] } }] }, status: 400, message: /not a supported id type/ },
  { name: 'a conversion that is not a rule URN is refused', body: { elements: [{ ...el, conversion: '123' }] }, status: 400, message: /urn:lla:llaPartnerConversion/ },
  { name: 'more than 5000 elements are refused', body: { elements: Array.from({ length: 5001 }, () => el) }, status: 400, message: /1 to 5000/ },
];

const base = () => ({ access_token: 'AQX-secret', conversion_rule_id: '123456', endpoint_override: double.url });

describe('LinkedIn double', () => {
  it.each(linkedinCases.filter((c) => !('error' in c.expected)).map((c) => [c.name, c] as const))('accepts what format produces: %s', async (_n, c) => {
    const r = await deliverThrough(linkedin, { ...(c.settings as object), endpoint_override: double.url }, c.input);
    expect(r.outcomes.length).toBeGreaterThan(0);
    expect(r.outcomes.every((o) => o.status === 'delivered')).toBe(true);
  });

  it('answers a single create with 201 and an id header', async () => {
    const { 'x-restli-method': _m, ...single } = headers;
    const res = await fetch(`${double.url}/rest/conversionEvents`, { method: 'POST', headers: single, body: JSON.stringify(el) });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-restli-id')).toBeTruthy();
  });

  it.each(rejections)('$name', async ({ headers: over, body, status, message }) => {
    const h = Object.fromEntries(Object.entries({ ...headers, ...over }).filter((kv): kv is [string, string] => kv[1] !== undefined));
    const res = await fetch(`${double.url}/rest/conversionEvents`, { method: 'POST', headers: h, body: JSON.stringify(body) });
    expect(res.status).toBe(status);
    if (message) expect(((await res.json()) as { message: string }).message).toMatch(message);
  });

  it('an injected revoked token reaches delivery as a permanent auth failure', async () => {
    double.once(linkedinAnswers.revokedToken());
    const r = await deliverThrough(linkedin, base(), [fullPurchase()]);
    expect(r.outcomes).toMatchObject([{ status: 'failed', code: 'vendor_auth' }]);
    expect((r.outcomes[0] as { reason: string }).reason).toContain('REVOKED_ACCESS_TOKEN');
  });

  it('an injected 429 reaches delivery as a retry with Retry-After', async () => {
    double.once(linkedinAnswers.tooManyRequests(2));
    const r = await deliverThrough(linkedin, base(), [fullPurchase()]);
    expect(r.outcomes).toMatchObject([{ status: 'retry', code: 'vendor_throttled', retryAfterMs: 2000 }]);
  });
});
