/**
 * impact.com Conversions API (brand side), declared (facts: docs/vendors/more-vendors-and-catalog.md §13,
 * from impact.com's brand API reference and its email-hashing page): `POST
 * https://api.impact.com/Advertisers/{AccountSID}/Conversions`, HTTP Basic `AccountSID:AuthToken`,
 * one conversion per request (form-encoded): `CampaignId`, `ActionTrackerId`, `EventDate` (ISO-8601),
 * `OrderId` (deduplicates per action tracker), an attribution key (`ClickId` from `irclickid`,
 * `CustomerId`, `OrderPromoCode`), `CurrencyCode`, items as indexed `ItemSku1`, `ItemSubTotal1`, …,
 * and `CustomerEmail` as SHA-1 hex (impact HMACs it again on its side). Submissions are queued: a
 * 200 only acknowledges the queue. Scoped tokens answer 403 on endpoints they do not cover.
 * Only conversions are recorded (sales, leads, sign-ups); page loads use a separate API.
 *
 * Unverified: whether Conversions has a rate limit above the 1,000 requests/hour account default;
 * lower-casing the email before SHA-1 (impact's examples trim only); the answer's field names.
 */
import { createHash } from 'node:crypto';
import { isRecord } from '../../json/index.js';
import type { MappingRow } from '../../mapping/config.js';
import type { TransformTable } from '../../mapping/transforms.js';
import { NORMALISERS } from '../../identity-kit/index.js';
import { declareVendor } from '../spec/declared.js';
import { SOURCES, standardEvents } from '../spec/standard.js';

/** SHA-1 hex of the trimmed, lowercased email; a SHA-1 digest given passes through. */
const emailSha1 = (v: unknown): string | undefined => {
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  if (/^[a-f0-9]{40}$/i.test(t)) return t.toLowerCase();
  const e = NORMALISERS.email(t);
  return e ? createHash('sha1').update(e, 'utf8').digest('hex') : undefined;
};
const TRANSFORMS: TransformTable = { 'impact.email_sha1': { fn: emailSha1 } };

const GLOBAL: MappingRow[] = [
  { source: ['context.click_ids.irclickid', 'context.click_ids.clickid'], target: 'ClickId' },
  { source: 'user_id', target: 'CustomerId', transforms: ['to_string'] },
  {
    source: ['traits.email', 'properties.email'],
    target: 'CustomerEmail',
    transforms: ['impact.email_sha1'],
  },
  { source: 'context.ip', target: 'IpAddress' },
  { source: 'context.user_agent', target: 'UserAgent' },
  { source: 'context.page.url', target: 'PageUrl' },
  { source: 'context.page.referrer', target: 'ReferringUrl' },
  { source: ['properties.coupon', 'properties.promo_code'], target: 'OrderPromoCode' },
  {
    source: ['properties.order_id', 'properties.transaction_id', 'event_id'],
    target: 'OrderId',
    transforms: ['to_string'],
  },
];

const rows = (e: string): MappingRow[] =>
  e === 'purchase'
    ? [
        {
          source: [...SOURCES.currency],
          target: 'CurrencyCode',
          transforms: ['trim', 'uppercase'],
        },
        {
          source: 'properties.products',
          target: 'Items',
          items: [
            { source: ['product_id', 'sku'], target: 'sku', transforms: ['to_string'] },
            { source: 'name', target: 'name' },
            { source: 'category', target: 'category' },
            { source: 'price', target: 'price', transforms: ['to_number'] },
            { source: 'quantity', target: 'quantity', transforms: ['to_number'] },
          ],
        },
      ]
    : [];

/** `Items` (mapped list) → impact's indexed item parameters (`ItemSku1`, `ItemSubTotal1`, …). */
function indexItems(item: Record<string, unknown>): void {
  const list = Array.isArray(item.Items) ? item.Items : [];
  delete item.Items;
  list.filter(isRecord).forEach((p, i) => {
    const n = i + 1;
    const qty = typeof p.quantity === 'number' ? p.quantity : 1;
    if (p.sku !== undefined) item[`ItemSku${n}`] = p.sku;
    if (p.name !== undefined) item[`ItemName${n}`] = p.name;
    if (p.category !== undefined) item[`ItemCategory${n}`] = p.category;
    item[`ItemQuantity${n}`] = qty;
    if (typeof p.price === 'number')
      item[`ItemSubTotal${n}`] = Math.round(p.price * qty * 100) / 100;
  });
}

/** What the registry holds for impact.com. */
export const impact = declareVendor(
  {
    id: 'impact',
    name: 'impact.com',
    category: 'attribution',
    description:
      'Reports sales, leads and sign-ups to impact.com so partners are credited for the conversions they drive.',
    api: 'Conversions API (/Advertisers/{AccountSID}/Conversions)',
    docs: 'https://integrations.impact.com/impact-brand/reference/submit-a-conversion',
    status: 'ga',
    keywords: ['affiliate', 'partnerships', 'irclickid', 'conversions'],
    test_settings: {
      account_sid: 'IRtestSID123',
      auth_token: 'test-impact-token',
      campaign_id: '1000',
      action_tracker_id: '4000',
    },
    settings: [
      {
        key: 'account_sid',
        label: 'Account SID',
        type: 'string',
        help: 'Your impact.com Account SID (Settings → API).',
        pattern: {
          regex: '^[A-Za-z0-9]+$',
          message: 'must be the Account SID (letters and digits)',
        },
      },
      {
        key: 'auth_token',
        label: 'Auth token',
        type: 'secret',
        help: 'The API auth token (a token scoped to Conversions is enough).',
      },
      {
        key: 'campaign_id',
        label: 'Program (campaign) ID',
        type: 'string',
        help: 'The impact.com program id.',
        pattern: { regex: '^[0-9]+$', message: 'must be numeric' },
      },
      {
        key: 'action_tracker_id',
        label: 'Default event type (action tracker) ID',
        type: 'string',
        help: 'Action tracker used for events without one of their own (usually the sale tracker).',
        pattern: { regex: '^[0-9]+$', message: 'must be numeric' },
      },
      {
        key: 'action_trackers',
        label: 'Action trackers by event',
        type: 'json',
        required: false,
        default: {},
        help: 'Event name as in the event map (purchase, lead, sign_up) → its action tracker id.',
      },
    ],
    spec: {
      endpoint: {
        base_url: 'https://api.impact.com',
        path: '/Advertisers/{{settings.account_sid}}/Conversions',
      },
      auth: {
        kind: 'basic',
        username: '{{settings.account_sid}}',
        password: '{{settings.auth_token}}',
      },
      body: { encoding: 'form', wrapper: '{{item}}' },
      item: {
        fields: {
          CampaignId: '{{settings.campaign_id}}',
          ActionTrackerId: '{{vendor_event}}',
          EventDate: '{{event.timestamp | to_iso8601}}',
        },
      },
      eligibility: {
        any_of: [['ClickId'], ['CustomerId'], ['OrderPromoCode']],
        reason:
          'impact.com needs a click id (irclickid), a customer id or a promo code to credit a partner',
      },
      batching: { max_events: 1 },
      rate_limit_rps: 0.27,
      answer: { error_message: ['Message', 'message', 'Errors.0.Message'] },
    },
    mapping: {
      fields: [
        { path: 'CampaignId', required: true, auto: true, description: 'Program id (setting).' },
        {
          path: 'ActionTrackerId',
          required: true,
          auto: true,
          description: 'Event type id (from the event map via the trackers table).',
        },
        {
          path: 'EventDate',
          required: true,
          auto: true,
          description: 'ISO-8601 time of the conversion.',
        },
        {
          path: 'OrderId',
          required: true,
          description: 'Unique per action tracker (≤ 64 characters); deduplicates.',
        },
        {
          path: 'ClickId',
          required: false,
          description: 'irclickid from the landing page (case-sensitive).',
        },
        { path: 'CustomerId', required: false, description: 'Your customer id (no PII).' },
        {
          path: 'CustomerEmail',
          required: false,
          description: 'SHA-1 hex of the trimmed, lowercased email.',
        },
        { path: 'OrderPromoCode', required: false, description: 'Promo code used.' },
        {
          path: 'CurrencyCode',
          required: false,
          requiredFor: ['purchase'],
          description: 'ISO 4217, required with amounts.',
        },
        {
          path: 'Items',
          required: false,
          description:
            'Products, sent as ItemSku{n}, ItemName{n}, ItemCategory{n}, ItemQuantity{n}, ItemSubTotal{n}.',
        },
        { path: 'IpAddress', required: false, description: 'Client IP.' },
        { path: 'UserAgent', required: false, description: 'Client user agent.' },
        { path: 'PageUrl', required: false, description: 'Page URL.' },
        { path: 'ReferringUrl', required: false, description: 'Referrer.' },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents({ purchase: 'purchase', lead: 'lead', sign_up: 'sign_up' }, rows),
        defaults: { action: 'drop' },
      },
    },
    not_mapped: {
      page_view:
        'impact.com records conversions; page loads go through its separate PageLoad tracking',
      view_item: 'impact.com records conversions only',
      add_to_cart: 'impact.com records conversions only',
      begin_checkout: 'impact.com records conversions only',
      search: 'impact.com records conversions only',
    },
    unverified: [
      'rate limit of Conversions (1,000 requests/hour account default assumed)',
      'lower-casing the email before SHA-1',
      'answer field names',
    ],
  },
  {
    transforms: TRANSFORMS,
    hooks: {
      // The event map names the event; the trackers table gives its id (a numeric name is an id), else the default tracker.
      item: (item, _e, params) => {
        const table = isRecord(params.action_trackers) ? params.action_trackers : {};
        const name = String(item.ActionTrackerId);
        const own = table[name];
        item.ActionTrackerId =
          typeof own === 'string' || typeof own === 'number'
            ? String(own)
            : /^[0-9]+$/.test(name)
              ? name
              : params.action_tracker_id;
        indexItems(item);
      },
    },
  },
);
