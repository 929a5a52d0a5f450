import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answers, type VendorDouble } from '../../doubles/index.js';
import { startDouble } from '../testing/doubles.js';
import {
  deliverThrough,
  fullPurchase,
  makeEvent,
  runClassifyCases,
  runVendorCases,
} from '../testing/index.js';
import { redditCases, redditClassifyCases } from './cases.js';
import { reddit } from './index.js';

runVendorCases(reddit.definition, redditCases);
runClassifyCases(reddit.definition, redditClassifyCases);

describe('Reddit double (derived from the declaration)', () => {
  let double: VendorDouble;
  beforeAll(async () => {
    double = await startDouble('reddit');
  });
  afterAll(() => double.close());
  const settings = () => ({
    pixel_id: 'a2_abc123',
    access_token: 'rdt_secret',
    endpoint_override: double.url,
  });

  it.each(
    redditCases
      .filter((c) => 'requests' in c.expected && c.expected.requests.length)
      .map((c) => [c.name, c] as const),
  )('accepts what format produces: %s', async (_n, c) => {
    const r = await deliverThrough(
      reddit.definition,
      { ...(c.settings as object), endpoint_override: double.url },
      c.input,
    );
    expect(r.outcomes.every((o) => o.status === 'delivered')).toBe(true);
  });

  it('refuses a request without the bearer token', async () => {
    const res = await fetch(`${double.url}/api/v3/pixels/a2_x/conversion_events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"data":{"events":[]}}',
    });
    expect(res.status).toBe(401);
  });

  it('rejects an unhashed email, naming the field, and delivery fails the batch', async () => {
    double.reset();
    const res = await fetch(`${double.url}/api/v3/pixels/a2_x/conversion_events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer t' },
      body: JSON.stringify({
        data: {
          events: [
            {
              event_at: 1767268800000,
              action_source: 'WEBSITE',
              type: { tracking_type: 'PURCHASE' },
              user: { email: 'a@b.c' },
            },
          ],
        },
      }),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('user.email must be lowercase SHA-256 hex');
  });

  it('rejects a PascalCase tracking type and a seconds timestamp', async () => {
    const send = (ev: Record<string, unknown>) =>
      fetch(`${double.url}/api/v3/pixels/a2_x/conversion_events`, {
        method: 'POST',
        headers: { authorization: 'Bearer t' },
        body: JSON.stringify({
          data: { events: [{ action_source: 'WEBSITE', click_id: 'c', ...ev }] },
        }),
      });
    expect(
      await (await send({ event_at: 1767268800000, type: { tracking_type: 'Purchase' } })).text(),
    ).toContain('not a Reddit tracking type');
    expect(
      await (await send({ event_at: 1767268800, type: { tracking_type: 'PURCHASE' } })).text(),
    ).toContain('event_at must be epoch milliseconds');
  });

  it('refuses more than 1000 events in one request', async () => {
    const ev = {
      event_at: 1767268800000,
      action_source: 'WEBSITE',
      type: { tracking_type: 'PAGE_VISIT' },
      click_id: 'c',
    };
    const res = await fetch(`${double.url}/api/v3/pixels/a2_x/conversion_events`, {
      method: 'POST',
      headers: { authorization: 'Bearer t' },
      body: JSON.stringify({ data: { events: Array(1001).fill(ev) } }),
    });
    expect(res.status).toBe(400);
  });

  it('a 429 with Retry-After from the double reaches delivery as a throttled retry', async () => {
    double.once(answers.tooManyRequests(6));
    const r = await deliverThrough(reddit.definition, settings(), [fullPurchase()]);
    expect(r.outcomes).toMatchObject([
      { status: 'retry', code: 'vendor_throttled', retryAfterMs: 6000 },
    ]);
  });

  it('splits 1001 events into requests of 1000 and 1', () => {
    const s = reddit.definition.parseSettings({ pixel_id: 'a2_x', access_token: 't' });
    const input = Array.from({ length: 1001 }, (_, i) =>
      makeEvent({ event_id: `pv-${i}`, type: 'page', event: undefined }),
    );
    expect(
      reddit.definition
        .format(input, s, { testMode: false })
        .requests.map((r) => r.event_ids.length),
    ).toEqual([1000, 1]);
  });
});
