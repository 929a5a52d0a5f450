// Format throughput of the ad conversion vendors (Meta, Google Ads, TikTok, Pinterest, Snapchat,
// LinkedIn, The Trade Desk): a batch of full purchases (every user field hashed per the vendor's rules) through
// parseSettings once + format, in events/s on one core, beside a plain JSON parse-and-stringify
// loop of the same events measured in the same run.
// Every one is a Delivery Spec declaration now; beside each runs the hand-written format loop it
// replaced (the same compiled mapping, item built and batched in code, as the deleted index.ts
// did), in paired rounds in the same process, so the interpreter's cost is measured on a shared
// machine whose speed drifts between runs.
//   npm run bench -- ads-vendors        (BENCH_EVENTS=20000)
import type { Envelope } from '../core/event/index.js';
import { fullPurchase } from '../core/vendors/testing/events.js';
import { googleAds } from '../core/vendors/google_ads/index.js';
import { linkedin } from '../core/vendors/linkedin/index.js';
import { metaCapi } from '../core/vendors/meta_capi/index.js';
import { PINTEREST_IDENTITY_REASON, pinterest } from '../core/vendors/pinterest/index.js';
import type { SpecSettings } from '../core/vendors/spec/interpret.js';
import { snapchat } from '../core/vendors/snapchat/index.js';
import { theTradeDesk } from '../core/vendors/the_trade_desk/index.js';
import { tiktok } from '../core/vendors/tiktok/index.js';
import type { VendorDefinition } from '../core/vendors/types.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const BATCH = 100;
const events: Envelope[] = Array.from({ length: BATCH }, (_, i) =>
  fullPurchase({
    event_id: `ORD-${i}`,
    context: {
      click_ids: { ttclid: 'E.C.P.abc', epik: 'dj0yJnU9', sccid: 'a3f4b5c6', li_fat_id: 'df5gf5' },
      vendor_ids: { ttp: '2F7h37Yk', tdid: '8f6b2c9e-1d2a-4c3b-9e8f-0a1b2c3d4e5f' },
    },
  }),
);

function measure(name: string, run: () => void): number {
  for (let i = 0; i < 20; i++) run();
  const rounds = Math.ceil(EVENTS / BATCH);
  const start = performance.now();
  for (let i = 0; i < rounds; i++) run();
  const perSecond = (rounds * BATCH) / ((performance.now() - start) / 1000);
  console.log(`${name.padEnd(44)} ${perSecond.toFixed(0).padStart(9)} events/s`);
  return perSecond;
}

const vendors: [string, VendorDefinition<unknown>, Record<string, unknown>][] = [
  [
    'meta_capi',
    metaCapi.definition as VendorDefinition<unknown>,
    { pixel_id: '1', access_token: 't' },
  ],
  [
    'google_ads',
    googleAds.definition as VendorDefinition<unknown>,
    {
      customer_id: '1234567890',
      conversion_action_id: '987654321',
      client_id: 'c',
      client_secret: 's',
      refresh_token: 'r',
    },
  ],
  [
    'tiktok',
    tiktok.definition as VendorDefinition<unknown>,
    { pixel_code: 'C1', access_token: 't' },
  ],
  [
    'pinterest',
    pinterest.definition as VendorDefinition<unknown>,
    { ad_account_id: '1', access_token: 't' },
  ],
  [
    'snapchat',
    snapchat.definition as VendorDefinition<unknown>,
    { pixel_id: 'p1', access_token: 't' },
  ],
  [
    'linkedin',
    linkedin.definition as VendorDefinition<unknown>,
    { access_token: 't', conversion_rule_id: '1' },
  ],
  [
    'the_trade_desk',
    theTradeDesk.definition as VendorDefinition<unknown>,
    { advertiser_id: 'a', tracker_id: 't' },
  ],
];

console.log(`format of a full purchase, batches of ${BATCH}, ${EVENTS} events per vendor`);
const baseline = measure('baseline: JSON.parse(JSON.stringify(event))', () => {
  for (const e of events) JSON.parse(JSON.stringify(e));
});
const results = vendors.map(([name, def, config]) => {
  const settings = def.parseSettings(config);
  return [
    name,
    measure(`${name}.format`, () => def.format(events, settings, { testMode: false })),
  ] as const;
});
console.log('\nthroughput as a share of the baseline:');
for (const [name, perSecond] of results)
  console.log(`  ${name.padEnd(42)} ${((perSecond / baseline) * 100).toFixed(0).padStart(5)} %`);

type Hand = (list: Envelope[], s: SpecSettings) => unknown[];
type Item = { id: string; item: Record<string, unknown> };
const seconds = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

/** Map each event, build its item in code (or skip it), as the hand-written formats did. */
function build(
  list: Envelope[],
  s: SpecSettings,
  item: (
    e: Envelope,
    name: string,
    fields: Record<string, unknown>,
  ) => Record<string, unknown> | string,
): Item[] {
  const items: Item[] = [];
  const skipped: { event_id: string; reason: string }[] = [];
  for (const e of list) {
    const r = s.mapping.map(e);
    if (!r.ok) {
      skipped.push({ event_id: r.event_id, reason: r.reason });
      continue;
    }
    const built = item(e, r.vendor_event, r.fields);
    if (typeof built === 'string') skipped.push({ event_id: e.event_id, reason: built });
    else items.push({ id: e.event_id, item: built });
  }
  return items;
}

function batches(
  items: Item[],
  size: number,
  url: string,
  headers: Record<string, string>,
  wrap: (data: unknown[]) => unknown,
): unknown[] {
  const out = [];
  for (let i = 0; i < items.length; i += size) {
    const batch = items.slice(i, i + size);
    out.push({
      method: 'POST',
      url,
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(wrap(batch.map((b) => b.item))),
      event_ids: batch.map((b) => b.id),
    });
  }
  return out;
}

type P = Record<string, string>;
const HAND: Record<string, Hand> = {
  meta_capi: (list, s) => {
    const p = s.params as unknown as P;
    const items = build(list, s, (_e, name, f) => {
      const ev = { event_name: name, ...f } as Record<string, unknown>;
      const ud = (ev.user_data ?? {}) as Record<string, unknown>;
      if (typeof ev.event_time !== 'number') return 'event_time is missing';
      if (ev.action_source === 'website' && (!ev.event_source_url || !ud.client_user_agent))
        return 'website events need a URL and a user agent';
      const cd = (ev.custom_data ?? {}) as Record<string, unknown>;
      if (ev.event_name === 'Purchase' && (cd.value === undefined || !cd.currency))
        return 'Purchase needs custom_data.value and custom_data.currency';
      return ev;
    });
    return batches(
      items,
      1000,
      `https://graph.facebook.com/${p.api_version}/${p.pixel_id}/events?access_token=${encodeURIComponent(p.access_token!)}`,
      {},
      (data) => ({ data }),
    );
  },
  tiktok: (list, s) => {
    const p = s.params as unknown as P;
    const items = build(list, s, (e, name, f) => ({
      event: name,
      event_time: seconds(e.timestamp),
      event_id: e.event_id,
      ...f,
    }));
    return batches(
      items,
      1000,
      'https://business-api.tiktok.com/open_api/v1.3/event/track/',
      { 'access-token': p.access_token! },
      (data) => ({
        event_source: p.event_source,
        event_source_id: p.pixel_code,
        ...(p.partner_name ? { partner_name: p.partner_name } : {}),
        data,
      }),
    );
  },
  pinterest: (list, s) => {
    const p = s.params as unknown as P;
    const items = build(list, s, (e, name, f) => {
      const u = (f.user_data ?? {}) as Record<string, unknown>;
      if (!(u.em || u.hashed_maids || (u.client_ip_address && u.client_user_agent)))
        return PINTEREST_IDENTITY_REASON;
      return {
        event_name: name,
        action_source: p.action_source,
        event_time: seconds(e.timestamp),
        event_id: e.event_id,
        ...(p.partner_name ? { partner_name: p.partner_name } : {}),
        ...f,
      };
    });
    return batches(
      items,
      1000,
      `https://api.pinterest.com/v5/ad_accounts/${p.ad_account_id}/events`,
      { authorization: `Bearer ${p.access_token}` },
      (data) => ({ data }),
    );
  },
  snapchat: (list, s) => {
    const p = s.params as unknown as P;
    const items = build(list, s, (e, name, f) => {
      const ev: Record<string, unknown> = {
        event_name: name,
        event_time: seconds(e.timestamp),
        action_source: p.action_source,
        event_id: e.event_id,
        ...f,
      };
      if (ev.action_source === 'WEB' && typeof ev.event_source_url !== 'string')
        return 'web events need event_source_url';
      const u = (ev.user_data ?? {}) as Record<string, unknown>;
      if (!(u.em || u.ph || u.madid || (u.client_ip_address && u.client_user_agent)))
        return 'Snap needs an identity';
      const c = (ev.custom_data ?? {}) as Record<string, unknown>;
      return String(ev.event_name).toUpperCase() === 'PURCHASE' &&
        (c.value === undefined || !c.currency)
        ? 'PURCHASE needs value and currency'
        : ev;
    });
    return batches(
      items,
      2000,
      `https://tr.snapchat.com/v3/${encodeURIComponent(p.pixel_id!)}/events?access_token=${encodeURIComponent(p.access_token!)}`,
      {},
      (data) => ({ data }),
    );
  },
  linkedin: (list, s) => {
    const p = s.params as unknown as P & { conversion_rules: P };
    const items = build(list, s, (e, name, f) => {
      const {
        ids,
        user,
        conversion_rule_id: override,
        ...rest
      } = f as {
        ids?: Record<string, unknown>;
        user?: Record<string, unknown>;
        conversion_rule_id?: unknown;
      };
      const rule =
        typeof override === 'string' || typeof override === 'number'
          ? String(override)
          : (p.conversion_rules[name] ?? p.conversion_rule_id);
      const userIds = [
        'SHA256_EMAIL',
        'LINKEDIN_FIRST_PARTY_ADS_TRACKING_UUID',
        'ACXIOM_ID',
        'ORACLE_MOAT_ID',
      ].flatMap((idType) =>
        typeof ids?.[idType] === 'string' && ids[idType] ? [{ idType, idValue: ids[idType] }] : [],
      );
      const info = user?.userInfo as Record<string, unknown> | undefined;
      const hasInfo = !!(info?.firstName && info.lastName);
      if (!userIds.length && !hasInfo) return 'LinkedIn needs a user id or userInfo';
      const externalIds = Array.isArray(user?.externalIds)
        ? user.externalIds.slice(0, 1)
        : undefined;
      return {
        conversion: `urn:lla:llaPartnerConversion:${rule}`,
        conversionHappenedAt: Date.parse(e.timestamp),
        ...(e.event_id.length <= 64 ? { eventId: e.event_id } : {}),
        ...rest,
        user: {
          userIds,
          ...(hasInfo ? { userInfo: info } : {}),
          ...(externalIds?.length ? { externalIds } : {}),
        },
      };
    });
    return batches(
      items,
      5000,
      'https://api.linkedin.com/rest/conversionEvents',
      {
        authorization: `Bearer ${p.access_token}`,
        'linkedin-version': p.linkedin_version!,
        'x-restli-protocol-version': '2.0.0',
        'x-restli-method': 'BATCH_CREATE',
      },
      (elements) => ({ elements }),
    );
  },
  the_trade_desk: (list, s) => {
    const p = s.params as unknown as P;
    const head = { tracker_id: p.tracker_id, adv: p.advertiser_id };
    const items = build(list, s, (_e, name, f) => {
      if (name === 'purchase' && typeof f.value !== 'number')
        return 'a purchase needs a numeric value';
      const { ids, ...rest } = f as { ids?: Record<string, unknown> };
      const type = ['TDID', 'UID2', 'EUID', 'IDL', 'IDFA', 'AAID', 'DAID', 'NAID'].find(
        (t) => typeof ids?.[t] === 'string' && ids[t] !== '',
      );
      return {
        ...head,
        event_name: name,
        ...(type ? { adid: ids![type], adid_type: type } : {}),
        ...rest,
      };
    });
    return batches(items, 1, 'https://insight.adsrvr.org/track/realtimeconversion', {}, (data) => ({
      data,
    }));
  },
};

console.log(
  '\nDelivery Spec interpreter vs the hand-written loop it replaced (same compiled mapping, paired rounds):',
);
for (const [name, def, config] of vendors) {
  // Google Ads was ported with a byte-identical check of its bodies, not a kept copy of its loop.
  if (!HAND[name]) continue;
  const settings = def.parseSettings(config) as SpecSettings;
  const hand = () => measure(`  ${name} hand-written`, () => HAND[name]!(events, settings));
  const declarative = () =>
    measure(`  ${name} declarative`, () => def.format(events, settings, { testMode: false }));
  const ratios: number[] = [];
  for (let i = 0; i < 11; i++) {
    // Alternate the order so a slow moment on a shared machine does not always hit the same side.
    let h: number, d: number;
    if (i % 2 === 0) [h, d] = [hand(), declarative()];
    else [d, h] = [declarative(), hand()];
    ratios.push(h / d - 1);
  }
  ratios.sort((a, b) => a - b);
  console.log(
    `  ${name}: declarative cost over hand-written, median of ${ratios.length} paired rounds: ${(ratios[Math.floor(ratios.length / 2)]! * 100).toFixed(1)} %`,
  );
}
