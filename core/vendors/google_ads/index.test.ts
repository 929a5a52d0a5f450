import { describe, expect, it } from 'vitest';
import { makeEvent, runClassifyCases, runVendorCases } from '../testing/index.js';
import { googleAdsCases, googleAdsClassifyCases, testAccount } from './cases.js';
import { googleAds } from './index.js';

runVendorCases(googleAds.definition, googleAdsCases);
runClassifyCases(googleAds.definition, googleAdsClassifyCases);

describe('google_ads requests', () => {
  const settings = googleAds.definition.parseSettings({
    customer_id: '1',
    conversion_action_id: '2',
    service_account_json: testAccount(),
    events: {
      purchase: {
        match: ['Order Completed'],
        vendor_event: 'purchase',
        mappings: [
          { source: 'properties.action', target: 'destination', transforms: ['to_string'] },
        ],
      },
    },
  });
  const order = (i: number, action: number) =>
    makeEvent({ event: 'Order Completed', event_id: `e${i}`, properties: { action } });

  it('A request names at most ten conversion actions: the eleventh starts a new request, in event order.', () => {
    const events = [...Array.from({ length: 11 }, (_, i) => order(i, 100 + i)), order(11, 100)];
    const { requests } = googleAds.definition.format(events, settings, {
      testMode: false,
      accessToken: 't',
    });
    expect(requests.map((r) => r.event_ids.length)).toEqual([10, 2]);
    const bodies = requests.map(
      (r) => JSON.parse(r.body!) as { destinations: { productDestinationId: string }[] },
    );
    expect(bodies.map((b) => b.destinations.map((d) => d.productDestinationId))).toEqual([
      Array.from({ length: 10 }, (_, i) => String(100 + i)),
      ['110', '100'],
    ]);
  });

  it('An OAuth client refresh token is used when no service-account key is set.', async () => {
    const s = googleAds.definition.parseSettings({
      customer_id: '1',
      conversion_action_id: '2',
      client_id: 'cid',
      client_secret: 'cs',
      refresh_token: 'rt',
    });
    const seen: Record<string, string>[] = [];
    const fetcher = (async (url: string | URL | Request, init?: RequestInit) => {
      seen.push({
        url: String(url as string),
        ...Object.fromEntries(new URLSearchParams(String(init?.body))),
      });
      return new Response(JSON.stringify({ access_token: 'ya29.r', expires_in: 3600 }), {
        status: 200,
      });
    }) as typeof fetch;
    expect((await googleAds.definition.authorize!(s, fetcher)).token).toBe('ya29.r');
    expect(seen).toEqual([
      {
        url: 'https://oauth2.googleapis.com/token',
        grant_type: 'refresh_token',
        refresh_token: 'rt',
        client_id: 'cid',
        client_secret: 'cs',
      },
    ]);
  });
});
