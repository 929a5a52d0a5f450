/**
 * Podscribe server-side tag, declared (facts: the vendor catalog, docs/vendors/more-vendors-and-catalog.md
 * §18, and Segment's Podscribe destination read for the request shape): one GET per event to
 * `https://verifi.podscribe.com/tag` with the event in the query string: `action` (`view`, `lead`,
 * `signup`, `purchase`, …), `advertiser` (your Podscribe advertiser id), `timestamp`, `device_id`
 * (the anonymous id), `ip` (required: Podscribe attributes podcast listens by household IP),
 * `user_agent`, `url`, `referrer`, `order_value`, `order_number`, `currency`, `discount_code` and
 * `hashed_email`. No credentials: the advertiser id identifies the account.
 *
 * Unverified: the action names beyond view/lead/signup/purchase (`product`, `addtocart`, `checkout`),
 * SHA-256 as the email hash, answer shapes.
 */
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import type { VendorDeclaration } from '../spec/declaration.js';
import { SOURCES, standardEvents } from '../spec/standard.js';
import { queryDouble } from './query-double.js';

const GLOBAL: MappingRow[] = [
  { source: 'anonymous_id', target: 'device_id' },
  { source: 'context.ip', target: 'ip' },
  { source: 'context.user_agent', target: 'user_agent' },
  { source: 'context.page.url', target: 'url' },
  { source: 'context.page.referrer', target: 'referrer' },
  {
    source: ['traits.email', 'properties.email', 'context.identity.email_sha256'],
    target: 'hashed_email',
    transforms: ['id.email_sha256'],
  },
];

const PURCHASE: MappingRow[] = [
  { source: [...SOURCES.value], target: 'order_value', transforms: ['to_number'] },
  { source: [...SOURCES.order_id], target: 'order_number', transforms: ['to_string'] },
  { source: [...SOURCES.currency], target: 'currency', transforms: ['trim', 'uppercase'] },
  { source: ['properties.coupon', 'properties.discount_code'], target: 'discount_code' },
];

const QUERY_KEYS = [
  'action',
  'timestamp',
  'device_id',
  'ip',
  'user_agent',
  'url',
  'referrer',
  'order_value',
  'order_number',
  'currency',
  'discount_code',
  'hashed_email',
] as const;

const declaration: VendorDeclaration = {
  id: 'podscribe',
  name: 'Podscribe',
  category: 'advertising',
  description:
    'Attributes site visits, leads, sign-ups and purchases to podcast and streaming audio ads.',
  api: 'Server-side tag (verifi.podscribe.com/tag)',
  docs: 'https://help.podscribe.com/',
  status: 'beta',
  keywords: ['podcast', 'audio', 'attribution'],
  test_settings: { advertiser: 'test-advertiser' },
  settings: [
    {
      key: 'advertiser',
      label: 'Advertiser ID',
      type: 'string',
      help: 'Your Podscribe advertiser id (from the Podscribe pixel setup).',
    },
  ],
  spec: {
    method: 'GET',
    endpoint: {
      base_url: 'https://verifi.podscribe.com',
      path: '/tag',
      query: {
        ...Object.fromEntries(QUERY_KEYS.map((k) => [k, `{{item.${k}}}`])),
        advertiser: '{{settings.advertiser}}',
      },
    },
    auth: { kind: 'none' },
    item: { fields: { action: '{{vendor_event}}', timestamp: '{{event.timestamp | to_iso8601}}' } },
    eligibility: {
      any_of: [['ip']],
      reason: 'Podscribe attributes by IP address, which the event lacks',
    },
    batching: { max_events: 1 },
    rate_limit_rps: 20,
  },
  mapping: {
    fields: [
      {
        path: 'action',
        required: true,
        auto: true,
        description: 'Podscribe action (view, lead, signup, purchase, …).',
      },
      { path: 'timestamp', required: true, auto: true, description: 'ISO-8601 time.' },
      { path: 'ip', required: false, description: 'Client IP (Podscribe requires it).' },
      { path: 'device_id', required: false, description: 'Anonymous id.' },
      { path: 'user_agent', required: false, description: 'User agent.' },
      { path: 'url', required: false, description: 'Page URL.' },
      { path: 'referrer', required: false, description: 'Referrer.' },
      {
        path: 'order_value',
        required: false,
        requiredFor: ['purchase'],
        description: 'Order value.',
      },
      { path: 'order_number', required: false, description: 'Order id.' },
      { path: 'currency', required: false, description: 'ISO 4217.' },
      { path: 'discount_code', required: false, description: 'Promo or podcast code used.' },
      {
        path: 'hashed_email',
        required: false,
        description: 'SHA-256 of the trimmed, lowercased email.',
      },
    ],
    defaults: {
      global: GLOBAL,
      events: standardEvents(
        {
          page_view: 'view',
          view_item: 'product',
          add_to_cart: 'addtocart',
          begin_checkout: 'checkout',
          purchase: 'purchase',
          lead: 'lead',
          sign_up: 'signup',
        },
        (e) => (e === 'purchase' ? PURCHASE : []),
      ),
      defaults: { action: 'drop' },
    },
  },
  not_mapped: { search: 'Podscribe has no search action' },
  unverified: [
    'action names product, addtocart, checkout',
    'SHA-256 as the hashed_email digest',
    'answer shapes',
  ],
};

/** What the registry holds for Podscribe. */
export const podscribe = declareVendor(declaration, {
  double: queryDouble(declaration, ['action', 'advertiser', 'ip']),
});
