// Format throughput of the ad conversion vendors (TikTok, Pinterest, Snapchat, LinkedIn, The
// Trade Desk): a batch of full purchases (every user field hashed per the vendor's rules) through
// parseSettings once + format, in events/s on one core, beside a plain JSON parse-and-stringify
// loop of the same events measured in the same run.
// Pinterest is a Delivery Spec declaration; beside it runs the hand-written format loop it
// replaced (the same compiled mapping, item built and batched in code), so the interpreter's cost
// is measured in the same process.
//   npm run bench -- ads-vendors        (BENCH_EVENTS=20000)
import type { Envelope } from '../core/event/index.js';
import { fullPurchase } from '../core/vendors/testing/events.js';
import { linkedin } from '../core/vendors/linkedin/index.js';
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
  ['tiktok', tiktok as VendorDefinition<unknown>, { pixel_code: 'C1', access_token: 't' }],
  ['pinterest', pinterest as VendorDefinition<unknown>, { ad_account_id: '1', access_token: 't' }],
  ['snapchat', snapchat as VendorDefinition<unknown>, { pixel_id: 'p1', access_token: 't' }],
  ['linkedin', linkedin as VendorDefinition<unknown>, { access_token: 't', conversion_rule_id: '1' }],
  ['the_trade_desk', theTradeDesk as VendorDefinition<unknown>, { advertiser_id: 'a', tracker_id: 't' }],
];

console.log(`format of a full purchase, batches of ${BATCH}, ${EVENTS} events per vendor`);
const baseline = measure('baseline: JSON.parse(JSON.stringify(event))', () => {
  for (const e of events) JSON.parse(JSON.stringify(e));
});
const results = vendors.map(([name, def, config]) => {
  const settings = def.parseSettings(config);
  return [name, measure(`${name}.format`, () => def.format(events, settings, { testMode: false }))] as const;
});
console.log('\nthroughput as a share of the baseline:');
for (const [name, perSecond] of results) console.log(`  ${name.padEnd(42)} ${((perSecond / baseline) * 100).toFixed(0).padStart(5)} %`);

/** The hand-written Pinterest format the declaration replaced, over the same settings. */
function handWrittenPinterest(list: Envelope[], settings: SpecSettings): unknown[] {
  const params = settings.params as unknown as { ad_account_id: string; access_token: string; action_source: string; partner_name?: string };
  const items: { id: string; item: Record<string, unknown> }[] = [];
  const skipped: { event_id: string; reason: string }[] = [];
  for (const e of list) {
    const r = settings.mapping.map(e);
    if (!r.ok) {
      skipped.push({ event_id: r.event_id, reason: r.reason });
      continue;
    }
    const u = (r.fields.user_data ?? {}) as Record<string, unknown>;
    if (!(u.em || u.hashed_maids || (u.client_ip_address && u.client_user_agent))) {
      skipped.push({ event_id: e.event_id, reason: PINTEREST_IDENTITY_REASON });
      continue;
    }
    items.push({
      id: e.event_id,
      item: { event_name: r.vendor_event, action_source: params.action_source, event_time: Math.floor(Date.parse(e.timestamp) / 1000), event_id: e.event_id, ...(params.partner_name ? { partner_name: params.partner_name } : {}), ...r.fields },
    });
  }
  const url = `https://api.pinterest.com/v5/ad_accounts/${params.ad_account_id}/events`;
  const requests = [];
  for (let i = 0; i < items.length; i += 1000) {
    const batch = items.slice(i, i + 1000);
    requests.push({ method: 'POST', url, headers: { authorization: `Bearer ${params.access_token}`, 'content-type': 'application/json' }, body: JSON.stringify({ data: batch.map((b) => b.item) }), event_ids: batch.map((b) => b.id) });
  }
  return requests;
}

console.log('\nDelivery Spec interpreter vs the hand-written loop it replaced (Pinterest, same mapping):');
const pinSettings = pinterest.parseSettings({ ad_account_id: '1', access_token: 't' });
const hand = () => measure('  hand-written format', () => handWrittenPinterest(events, pinSettings));
const declarative = () => measure('  declarative format (spec interpreter)', () => pinterest.format(events, pinSettings, { testMode: false }));
const ratios: number[] = [];
for (let i = 0; i < 7; i++) {
  // Alternate the order so a slow moment on a shared machine does not always hit the same side.
  let h: number, d: number;
  if (i % 2 === 0) [h, d] = [hand(), declarative()];
  else [d, h] = [declarative(), hand()];
  ratios.push(h / d - 1);
}
ratios.sort((a, b) => a - b);
console.log(`  declarative cost over hand-written, median of ${ratios.length} paired rounds: ${(ratios[Math.floor(ratios.length / 2)]! * 100).toFixed(1)} %`);
