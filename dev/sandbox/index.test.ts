import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverThrough, fullPurchase } from '../../core/vendors/testing/index.js';
import { DECLARED_VENDORS, VENDORS } from '../../core/vendors/registry.js';
import { sendOutbound } from '../../core/vendors/send.js';
import { fetchTransport } from '../../core/vendors/transport.js';
import { startSandbox, type Sandbox } from './index.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, pages: { '/': () => '<h1>shop</h1>' } });
});
afterAll(() => sandbox.close());

/** Format with the real vendor definition, pointed at the sandbox, and send it. */
async function sendThrough(
  vendor: string,
  settings: Record<string, unknown>,
  mutate?: (body: string) => string,
) {
  const def = VENDORS[vendor]!;
  const parsed = def.parseSettings({ ...settings, endpoint_override: sandbox.vendorUrl(vendor) });
  const { requests } = def.format([fullPurchase({ timestamp: new Date().toISOString() })], parsed, {
    testMode: false,
  });
  const req = requests[0]!;
  const res = await fetch(req.url, {
    method: req.method,
    headers: req.headers,
    body: mutate ? mutate(req.body!) : req.body,
  });
  return { res, entry: sandbox.entries.at(-1)! };
}

describe('vendor sandbox', () => {
  it('verifies an S3 upload’s SigV4 signature over the path it was sent to, and shows the gzip NDJSON decompressed', async () => {
    const def = VENDORS.s3!;
    const decl = DECLARED_VENDORS.s3!.declaration;
    const send = async (secret: string) => {
      const parsed = def.parseSettings({
        ...decl.test_settings,
        secret_access_key: secret,
        endpoint_override: sandbox.vendorUrl('s3'),
      });
      const { requests } = def.format([fullPurchase()], parsed, { testMode: false });
      const res = await sendOutbound(def, parsed, requests[0]!, fetchTransport(), {
        now: Date.now,
      });
      return { res: res.response, entry: sandbox.entries.at(-1)! };
    };
    const ok = await send(String(decl.test_settings.secret_access_key));
    expect(ok.res.status).toBe(200);
    expect(ok.entry.verdict).toEqual({ ok: true, problems: [] });
    expect(ok.entry.body).toContain('"event_id":"ORD-1001"');
    const forged = await send('another-secret');
    expect(forged.res.status).toBe(403);
    expect(forged.entry.verdict.ok).toBe(false);
  });

  it('passes a Meta purchase formatted by the vendor definition and masks the access token', async () => {
    const { res, entry } = await sendThrough('meta_capi', {
      pixel_id: '123456789012345',
      access_token: 'EAAB-very-secret',
    });
    expect(res.status).toBe(200);
    expect(entry.vendor).toBe('meta_capi');
    expect(entry.verdict).toEqual({ ok: true, problems: [] });
    expect(entry.query.access_token).toBe('••••cret');
    expect(JSON.stringify(sandbox.entries)).not.toContain('EAAB-very-secret');
  });

  it('flags a Meta request carrying an unhashed email, with the vendor error', async () => {
    const { res, entry } = await sendThrough(
      'meta_capi',
      { pixel_id: '123456789012345', access_token: 'tok' },
      (body) => {
        const parsed = JSON.parse(body) as { data: { user_data: Record<string, unknown> }[] };
        parsed.data[0]!.user_data.em = ['john@example.com'];
        return JSON.stringify(parsed);
      },
    );
    expect(res.status).toBe(400);
    expect(entry.verdict.ok).toBe(false);
    expect(entry.verdict.problems.join(' ')).toMatch(/em/);
  });

  it('checks GA4 with the validation rules even though GA4 itself answers 204', async () => {
    const ok = await sendThrough('ga4', { measurement_id: 'G-TEST123', api_secret: 'sec' });
    expect(ok.res.status).toBe(204);
    expect(ok.entry.verdict.ok).toBe(true);
    const bad = await sendThrough(
      'ga4',
      { measurement_id: 'G-TEST123', api_secret: 'sec' },
      (body) => {
        const parsed = JSON.parse(body) as { events: { name: string }[] };
        parsed.events[0]!.name = '_reserved name';
        return JSON.stringify(parsed);
      },
    );
    expect(bad.res.status).toBe(204);
    expect(bad.entry.verdict.ok).toBe(false);
  });

  it('flags a Pinterest event that fails inside a 200 answer (per-event status)', async () => {
    const { res, entry } = await sendThrough(
      'pinterest',
      { ad_account_id: '549755885175', access_token: 'pina' },
      (body) => {
        const parsed = JSON.parse(body) as { data: { event_time: number }[] };
        parsed.data[0]!.event_time *= 1000;
        return JSON.stringify(parsed);
      },
    );
    expect(res.status).toBe(200);
    expect(entry.verdict.ok).toBe(false);
    expect(entry.verdict.problems[0]).toMatch(/events\[0\]: event_time must be Unix seconds/);
  });

  it.each([
    ['reddit', { pixel_id: 'a2_sandbox', access_token: 'rdt-sandbox-token' }],
    ['microsoft_ads', { tag_id: '343000123', access_token: 'ms-sandbox-token' }],
    [
      'x_ads',
      {
        pixel_id: 'o8z6j',
        consumer_key: 'ck',
        consumer_secret: 'cs-sandbox',
        access_token: 'at-sandbox',
        access_token_secret: 'ats-sandbox',
        purchase_event_id: 'o87ne',
      },
    ],
  ])(
    'passes a %s purchase formatted from its declaration, checked by the double derived from it',
    async (vendor, settings) => {
      const { res, entry } = await sendThrough(vendor, settings);
      expect(res.status).toBe(200);
      expect(entry.vendor).toBe(vendor);
      expect(entry.verdict).toEqual({ ok: true, problems: [] });
    },
  );

  it('flags a Microsoft event that fails inside a 200 answer (error.details by index)', async () => {
    const { res, entry } = await sendThrough(
      'microsoft_ads',
      { tag_id: '343000123', access_token: 'tok' },
      (body) => {
        const parsed = JSON.parse(body) as { data: Record<string, unknown>[] };
        parsed.data[0]!.eventTime = 1767268800123;
        return JSON.stringify(parsed);
      },
    );
    expect(res.status).toBe(200);
    expect(entry.verdict.ok).toBe(false);
    expect(entry.verdict.problems.join(' ')).toContain('eventTime must be Unix seconds');
  });

  it('lists requests as JSON, filters by vendor, and serves mounted pages', async () => {
    const all = (await (await fetch(`${sandbox.url}/sandbox/requests`)).json()) as {
      requests: unknown[];
    };
    expect(all.requests.length).toBe(sandbox.entries.length);
    const ga4 = (await (await fetch(`${sandbox.url}/sandbox/requests?vendor=ga4`)).json()) as {
      requests: { vendor: string }[];
    };
    expect(ga4.requests.every((r) => r.vendor === 'ga4')).toBe(true);
    const last = (await (await fetch(`${sandbox.url}/sandbox/requests?last=1`)).json()) as {
      requests: unknown[];
    };
    expect(last.requests).toEqual([JSON.parse(JSON.stringify(sandbox.entries.at(-1)))]);
    expect(await (await fetch(`${sandbox.url}/`)).text()).toBe('<h1>shop</h1>');
    expect(await (await fetch(`${sandbox.url}/sandbox`)).text()).toContain('contract ok');
  });

  it('answers 404 for a vendor it has no double for, and records that', async () => {
    const res = await fetch(`${sandbox.url}/vendors/nope/x`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
    expect(sandbox.entries.at(-1)!.verdict.ok).toBe(false);
  });

  it('groups requests by vendor with counts and the last request of each vendor and verdict, as JSON and on the page', async () => {
    await sendThrough('tiktok', { pixel_code: 'C1234567890ABCDEFG', access_token: 'tt-token' });
    await sendThrough(
      'tiktok',
      { pixel_code: 'C1234567890ABCDEFG', access_token: 'tt-token' },
      (body) => body.replace(/"event_time":\d+/, '"event_time":"soon"'),
    );
    const { vendors } = (await (await fetch(`${sandbox.url}/sandbox/vendors`)).json()) as {
      vendors: {
        vendor: string;
        requests: number;
        accepted: number;
        rejected: number;
        last: { seq: number; verdict: { ok: boolean } };
      }[];
    };
    const tiktok = vendors.find((v) => v.vendor === 'tiktok')!;
    expect(tiktok).toMatchObject({
      requests: 2,
      accepted: 1,
      rejected: 1,
      last: { verdict: { ok: false } },
    });
    expect(tiktok.last.seq).toBe(
      Math.max(...sandbox.entries.filter((e) => e.vendor === 'tiktok').map((e) => e.seq)),
    );
    expect(vendors[0]!.vendor).toBe('tiktok');
    expect(vendors.map((v) => v.requests).reduce((a, b) => a + b, 0)).toBe(sandbox.entries.length);
    const page = await (await fetch(`${sandbox.url}/sandbox`)).text();
    expect(page).toContain('<h2>By vendor</h2>');
    expect(page).toMatch(
      /<tr class="bad"><td><a href="\/sandbox\?vendor=tiktok">tiktok<\/a><\/td><td>2<\/td><td>1<\/td><td>1<\/td>/,
    );
    const one = await (await fetch(`${sandbox.url}/sandbox?vendor=tiktok`)).text();
    expect(one).toContain('Vendor sandbox: tiktok');
    expect(one).not.toMatch(/<b>#\d+<\/b> meta_capi/);
  });

  it('serves OAuth vendors too: the token request and the API call both reach the vendor double', async () => {
    const amazon = DECLARED_VENDORS.amazon_ads!;
    const r = await deliverThrough(
      amazon.definition,
      { ...amazon.declaration.test_settings, endpoint_override: sandbox.vendorUrl('amazon_ads') },
      [fullPurchase({ timestamp: new Date().toISOString() })],
    );
    expect(r.outcomes.map((o) => o.status)).toEqual(['delivered']);
    const calls = sandbox.entries.filter((e) => e.vendor === 'amazon_ads');
    expect(calls.map((e) => e.path)).toEqual(['/auth/o2/token', '/events/v1']);
    expect(calls.every((e) => e.verdict.ok)).toBe(true);
  });
});
