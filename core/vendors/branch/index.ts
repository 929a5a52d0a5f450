/**
 * Branch v2 Events API (standard events), declared (facts: the vendor catalog,
 * docs/vendors/more-vendors-and-catalog.md §18, and RudderStack's Branch destination read for the
 * request shape): `POST https://api2.branch.io/v2/event/standard`, the Branch key in the JSON body
 * (`branch_key`), one event per request: `name` (Branch's standard names: `VIEW_ITEM`,
 * `ADD_TO_CART`, `INITIATE_PURCHASE`, `PURCHASE`, `COMPLETE_REGISTRATION`, `SEARCH`, …),
 * `user_data` (`developer_identity` = your user id, `os`, `user_agent`, device ids `idfa`/`aaid` on
 * mobile), `event_data` (`transaction_id`, `currency`, `revenue`, `search_query`) and
 * `content_items` (`$sku`, `$product_name`, `$price`, `$quantity`, …). Custom events use
 * `/v2/event/custom`; page views and leads have no standard name and are not sent.
 *
 * Unverified: answer shapes, rate limits.
 */
import { isRecord } from '../../json/index.js';
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import { SOURCES, standardEvents } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  { source: 'user_id', target: 'user_data.developer_identity', transforms: ['to_string'] },
  { source: 'context.user_agent', target: 'user_data.user_agent' },
  { source: 'context.ip', target: 'user_data.ip' },
  { source: 'context.os.name', target: 'user_data.os' },
  {
    source: 'context.vendor_ids.branch_browser_fingerprint_id',
    target: 'user_data.browser_fingerprint_id',
  },
];

const CONTENT: MappingRow = {
  source: 'properties.products',
  target: 'content_items',
  items: [
    { source: ['product_id', 'sku'], target: '$sku', transforms: ['to_string'] },
    { source: 'name', target: '$product_name' },
    { source: 'price', target: '$price', transforms: ['to_number'] },
    { source: 'quantity', target: '$quantity', transforms: ['to_number'] },
    { source: 'brand', target: '$product_brand' },
    { source: 'category', target: '$product_category' },
  ],
};
const ONE: MappingRow[] = [
  { source: [...SOURCES.product_id], target: 'content_items[0].$sku', transforms: ['to_string'] },
  { source: 'properties.name', target: 'content_items[0].$product_name' },
  { source: 'properties.price', target: 'content_items[0].$price', transforms: ['to_number'] },
  {
    source: 'properties.quantity',
    target: 'content_items[0].$quantity',
    transforms: ['to_number'],
  },
];
const MONEY: MappingRow[] = [
  { source: [...SOURCES.value], target: 'event_data.revenue', transforms: ['to_number'] },
  {
    source: [...SOURCES.currency],
    target: 'event_data.currency',
    transforms: ['trim', 'uppercase'],
  },
];

const rows = (e: string): MappingRow[] => {
  switch (e) {
    case 'view_item':
    case 'add_to_cart':
      return ONE;
    case 'begin_checkout':
      return [...MONEY, CONTENT];
    case 'purchase':
      return [
        ...MONEY,
        {
          source: [...SOURCES.order_id],
          target: 'event_data.transaction_id',
          transforms: ['to_string'],
        },
        CONTENT,
      ];
    case 'search':
      return [{ source: [...SOURCES.query], target: 'event_data.search_query' }];
    default:
      return [];
  }
};

/** The advertising id under Branch's name for the platform (`idfa` on iOS, `aaid` on Android), from a mobile context. */
function advertisingId(ctx: Record<string, unknown>): Record<string, string> {
  const device = isRecord(ctx.device) ? ctx.device : {};
  const id =
    typeof device.advertising_id === 'string' && device.advertising_id
      ? device.advertising_id
      : undefined;
  const os = String((isRecord(ctx.os) ? ctx.os.name : undefined) ?? '').toLowerCase();
  if (!id) return {};
  if (os === 'ios' || os === 'ipados') return { idfa: id };
  if (os === 'android') return { aaid: id };
  return {};
}

/** What the registry holds for Branch. */
export const branch = declareVendor(
  {
    id: 'branch',
    name: 'Branch',
    category: 'attribution',
    description:
      'Sends commerce, content and lifecycle events to Branch for deep-link and app attribution.',
    api: 'v2 Events API (/v2/event/standard)',
    docs: 'https://help.branch.io/developers-hub/reference/logstandardevents',
    status: 'beta',
    keywords: ['deep linking', 'mmp', 'mobile attribution'],
    test_settings: { branch_key: 'key_live_test123' },
    settings: [
      {
        key: 'branch_key',
        label: 'Branch key',
        type: 'secret',
        help: 'The live (or test) Branch key from the Branch dashboard (Account settings → Profile).',
        pattern: { regex: '^key_(live|test)_', message: 'must start with key_live_ or key_test_' },
      },
    ],
    spec: {
      endpoint: { base_url: 'https://api2.branch.io', path: '/v2/event/standard' },
      auth: { kind: 'api_key', in: 'body', name: 'branch_key', value: '{{settings.branch_key}}' },
      body: { wrapper: '{{item}}' },
      item: { fields: { name: '{{vendor_event}}', user_data: {} } },
      eligibility: {
        any_of: [
          ['user_data.developer_identity'],
          ['user_data.idfa'],
          ['user_data.aaid'],
          ['user_data.browser_fingerprint_id'],
        ],
        reason:
          'Branch needs a user id (developer identity), an advertising id or a browser fingerprint id',
      },
      batching: { max_events: 1 },
      rate_limit_rps: 10,
      answer: { error_message: ['error.message', 'message', 'error'] },
    },
    mapping: {
      fields: [
        {
          path: 'name',
          required: true,
          auto: true,
          description: 'Branch standard event name (from the event map).',
        },
        { path: 'user_data.developer_identity', required: false, description: 'Your user id.' },
        { path: 'user_data.os', required: false, description: 'Android | iOS (mobile).' },
        { path: 'user_data.idfa', required: false, description: 'iOS advertising id.' },
        { path: 'user_data.aaid', required: false, description: 'Google advertising id.' },
        { path: 'user_data.user_agent', required: false, description: 'User agent.' },
        { path: 'event_data.transaction_id', required: false, description: 'Order id.' },
        {
          path: 'event_data.revenue',
          required: false,
          requiredFor: ['PURCHASE'],
          description: 'Revenue.',
        },
        {
          path: 'event_data.currency',
          required: false,
          requiredFor: ['PURCHASE'],
          description: 'ISO 4217.',
        },
        { path: 'event_data.search_query', required: false, description: 'Search query.' },
        {
          path: 'content_items',
          required: false,
          description:
            'Items: $sku, $product_name, $price, $quantity, $product_brand, $product_category.',
        },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents(
          {
            view_item: 'VIEW_ITEM',
            add_to_cart: 'ADD_TO_CART',
            begin_checkout: 'INITIATE_PURCHASE',
            purchase: 'PURCHASE',
            sign_up: 'COMPLETE_REGISTRATION',
            search: 'SEARCH',
          },
          rows,
        ),
        defaults: { action: 'drop' },
      },
    },
    not_mapped: {
      page_view: 'Branch has no standard page-view event',
      lead: 'Branch has no standard lead event',
    },
    unverified: ['answer shapes', 'rate limit (10 requests/s chosen)'],
  },
  {
    hooks: {
      item: (item, event) => {
        const ids = advertisingId(event.context as Record<string, unknown>);
        if (Object.keys(ids).length)
          item.user_data = { ...(isRecord(item.user_data) ? item.user_data : {}), ...ids };
      },
    },
  },
);
