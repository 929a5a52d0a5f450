/**
 * Criteo Events API (server-to-server "website events", `s2s_v0`), declared (facts:
 * docs/vendors/more-vendors-and-catalog.md §3, from Criteo's S2S guide, its mobile endpoint spec
 * and help pages on hashing, with walkerOS and Commanders Act as callers): `POST
 * https://widget.criteo.com/m/event?version=s2s_v0`, no auth header — the partner id (`account`)
 * and the caller id Criteo issues (`id.mapping_key`) travel in the body. One user per request:
 * identity (`id`), IP, user agent and URLs at the top, the event in `events[]` under a OneTag name
 * (`viewItem`, `addToCart`, `trackTransaction`, …) with an ISO-8601 timestamp. The email goes as
 * MD5, SHA-256 and SHA-256 of the MD5 hex (Criteo's SHA-256 migration asks for the legacy form next
 * to SHA-256). Criteo may answer 307 to a regional host: fetch follows it.
 *
 * Unverified (see `unverified`): limits, rate limits and answer shapes, `item` as a plain id on
 * `viewItem`, `keywords` on `viewList` for searches.
 */
import { createHash } from 'node:crypto';
import type { MappingRow } from '../../mapping/config.js';
import type { TransformTable } from '../../mapping/transforms.js';
import { identityRows } from '../../identity-kit/rows.js';
import { NORMALISERS } from '../../identity-kit/index.js';
import { isRecord } from '../../json/index.js';
import { declareVendor } from '../spec/declared.js';
import { SOURCES, standardEvents } from '../spec/standard.js';

const hex = (kind: 'md5' | 'sha256', v: string): string =>
  createHash(kind).update(v, 'utf8').digest('hex');

/** SHA-256 of the MD5 hex of the trimmed, lowercased email; an MD5 digest given passes through one SHA-256, a SHA-256 one is dropped. */
const sha256OfMd5 = (v: unknown): string | undefined => {
  if (typeof v !== 'string') return undefined;
  const t = v.trim().toLowerCase();
  if (/^[a-f0-9]{32}$/.test(t)) return hex('sha256', t);
  if (/^[a-f0-9]{64}$/.test(t)) return undefined;
  const e = NORMALISERS.email(t);
  return e ? hex('sha256', hex('md5', e)) : undefined;
};

/** Criteo OneTag event names (docs/vendors/more-vendors-and-catalog.md §3). */
const ONETAG_EVENTS = new Set([
  'viewHome',
  'viewPage',
  'viewItem',
  'viewList',
  'addToCart',
  'viewBasket',
  'beginCheckout',
  'addPaymentInfo',
  'trackTransaction',
  'login',
]);

const TRANSFORMS: TransformTable = { 'criteo.email_sha256_md5': { fn: sha256OfMd5 } };

const GLOBAL: MappingRow[] = [
  ...identityRows('id.email', { em: 'email_sha256' }, { targets: { em: 'sha256' } }),
  ...identityRows('id.email', { em: 'email_md5' }, { targets: { em: 'md5' } }),
  {
    source: ['traits.email', 'properties.email'],
    target: 'id.email.sha256_md5',
    transforms: ['criteo.email_sha256_md5'],
  },
  {
    source: ['context.vendor_ids.crto_mapped_user_id', 'context.vendor_ids.criteo_user_id'],
    target: 'id.mapped_user_id',
  },
  { source: 'anonymous_id', target: 'retailer_visitor_id' },
  { source: 'context.ip', target: 'ip' },
  { source: 'context.user_agent', target: 'useragent' },
  { source: 'context.page.url', target: 'full_url' },
  { source: 'context.page.referrer', target: 'previous_url' },
  { source: ['context.locale', 'context.language'], target: 'language' },
];

const BASKET: MappingRow = {
  source: 'properties.products',
  target: 'events[0].item',
  items: [
    { source: ['product_id', 'sku'], target: 'id', transforms: ['to_string'] },
    { source: 'price', target: 'price', transforms: ['to_number'] },
    { source: 'quantity', target: 'quantity', transforms: ['to_number'] },
  ],
};

const rows = (e: string): MappingRow[] => {
  switch (e) {
    case 'view_item':
      return [
        { source: [...SOURCES.product_id], target: 'events[0].item', transforms: ['to_string'] },
      ];
    case 'add_to_cart':
      return [
        {
          source: [...SOURCES.product_id],
          target: 'events[0].item[0].id',
          transforms: ['to_string'],
        },
        {
          source: 'properties.price',
          target: 'events[0].item[0].price',
          transforms: ['to_number'],
        },
        {
          source: 'properties.quantity',
          target: 'events[0].item[0].quantity',
          transforms: ['to_number'],
        },
      ];
    case 'begin_checkout':
      return [BASKET];
    case 'purchase':
      return [
        { source: [...SOURCES.order_id], target: 'events[0].id', transforms: ['to_string'] },
        BASKET,
      ];
    case 'search':
      return [{ source: [...SOURCES.query], target: 'events[0].keywords' }];
    default:
      return [];
  }
};

/** What the registry holds for Criteo. */
export const criteo = declareVendor(
  {
    id: 'criteo',
    name: 'Criteo',
    category: 'advertising',
    description:
      'Sends page, product, basket and sale events to Criteo for retargeting and sales attribution.',
    api: 'Events API, server-to-server (/m/event?version=s2s_v0)',
    docs: 'https://guides.criteotilt.com/onetag/s2s/',
    status: 'beta',
    keywords: ['retargeting', 'onetag', 's2s', 'commerce'],
    test_settings: { account: '12345', caller_id: 'test-caller-id' },
    settings: [
      {
        key: 'account',
        label: 'Partner ID',
        type: 'string',
        help: 'Your Criteo partner (account) id, as in the OneTag.',
        pattern: { regex: '^[0-9]+$', message: 'must be the numeric partner id' },
      },
      {
        key: 'caller_id',
        label: 'Caller ID',
        type: 'secret',
        help: 'The caller id (mapping key) Criteo issues for server-to-server events.',
      },
      {
        key: 'site_type',
        label: 'Site type',
        type: 'select',
        required: false,
        options: ['d', 'm', 't'],
        default: 'd',
        help: 'd desktop, m mobile, t tablet: the site the events come from.',
      },
    ],
    spec: {
      endpoint: {
        base_url: 'https://widget.criteo.com',
        path: '/m/event',
        query: { version: 's2s_v0' },
      },
      auth: { kind: 'none' },
      body: { wrapper: '{{item}}' },
      item: { fields: { account: '{{settings.account}}', site_type: '{{settings.site_type}}' } },
      eligibility: {
        any_of: [['id.mapped_user_id'], ['id.email.sha256']],
        reason: 'Criteo needs the GUM-mapped user id or an email',
      },
      batching: { max_events: 1 },
      rate_limit_rps: 20,
      answer: { error_message: ['message', 'error', 'errors.0.message'] },
    },
    mapping: {
      fields: [
        {
          path: 'events[0].event',
          required: true,
          auto: true,
          description: 'OneTag event name (from the event map).',
        },
        {
          path: 'events[0].timestamp',
          required: true,
          auto: true,
          description: 'ISO-8601 time of the event.',
        },
        {
          path: 'events[0].id',
          required: false,
          requiredFor: ['trackTransaction'],
          description: 'Transaction (order) id; deduplicates sales.',
        },
        {
          path: 'events[0].item',
          required: false,
          description:
            'Products: id (as in the catalog feed), price, quantity; a plain id on viewItem.',
        },
        {
          path: 'events[0].keywords',
          required: false,
          description: 'Search keywords on viewList.',
        },
        {
          path: 'id.mapped_user_id',
          required: false,
          description: 'Criteo user id from the GUM cookie sync.',
        },
        {
          path: 'id.email.sha256',
          required: false,
          description: 'SHA-256 of the trimmed, lowercased email.',
        },
        {
          path: 'id.email.md5',
          required: false,
          description: 'MD5 of the trimmed, lowercased email.',
        },
        { path: 'id.email.sha256_md5', required: false, description: 'SHA-256 of the MD5 hex.' },
        { path: 'retailer_visitor_id', required: false, description: 'Your own visitor id.' },
        { path: 'ip', required: false, description: 'Client IP.' },
        { path: 'useragent', required: false, description: 'Client user agent.' },
        { path: 'full_url', required: false, description: 'Page URL.' },
        { path: 'previous_url', required: false, description: 'Referrer URL.' },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents(
          {
            page_view: 'viewPage',
            view_item: 'viewItem',
            add_to_cart: 'addToCart',
            begin_checkout: 'beginCheckout',
            purchase: 'trackTransaction',
            search: 'viewList',
          },
          rows,
        ),
        defaults: { action: 'drop' },
      },
    },
    not_mapped: {
      lead: 'Criteo’s OneTag vocabulary has no lead event',
      sign_up: 'Criteo’s OneTag vocabulary has no sign-up event',
    },
    unverified: [
      'request limits and rate limits',
      'error answer shape',
      'viewItem item as a plain product id',
      'viewList keywords for searches',
    ],
  },
  {
    transforms: TRANSFORMS,
    // Criteo only knows its OneTag event names.
    extraCheck: (item) => {
      const first = Array.isArray(item.events) && isRecord(item.events[0]) ? item.events[0] : {};
      return ONETAG_EVENTS.has(String(first.event))
        ? undefined
        : `events[0].event ${String(first.event)} is not a OneTag event`;
    },
    hooks: {
      // The caller id joins the mapped identity in `id`; the event name and time sit inside `events[0]`, next to the mapped event fields.
      item: (item, event, params, _t, _n, mapped) => {
        item.id = { mapping_key: params.caller_id, ...(isRecord(item.id) ? item.id : {}) };
        const first = Array.isArray(item.events) && isRecord(item.events[0]) ? item.events[0] : {};
        item.events = [
          {
            event: mapped.vendor_event,
            timestamp: new Date(Date.parse(event.timestamp)).toISOString(),
            ...first,
          },
        ];
      },
    },
  },
);
