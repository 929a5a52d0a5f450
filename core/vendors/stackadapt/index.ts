/**
 * StackAdapt server-side pixel, declared as beta (facts: the vendor catalog marks a true conversions
 * API "U"; the shape is the one Segment's StackAdapt destination sends): one `GET
 * https://tags.srv.stackadapt.com/saq_pxl` per event with the pixel id as `uid`, `event_type`
 * (`page`/`track`), `title`, `url`, `ref`, `ip_fwd`, `utm_source`, `user_id`, and `args`: JSON with
 * the event's `action` name and ecommerce fields (`revenue`, `order_id`, `product_*`, `products`). The
 * visitor's IP and user agent also go as `X-Forwarded-For` and `User-Agent`. Conversions are defined in
 * StackAdapt by URL or by the `action` value.
 *
 * Unverified (see `unverified`): that the endpoint takes these requests from senders other than
 * Segment (Segment adds `segment_ss=1`), the answer shapes, rate limits.
 */
import { isRecord } from '../../json/index.js';
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import type { VendorDeclaration } from '../spec/declaration.js';
import { SOURCES, standardEvents } from '../spec/standard.js';
import { queryDouble } from '../podscribe/query-double.js';

const GLOBAL: MappingRow[] = [
  { source: ['user_id', 'anonymous_id'], target: 'user_id', transforms: ['to_string'] },
  { source: 'context.ip', target: 'ip_fwd' },
  { source: 'context.page.title', target: 'title' },
  { source: 'context.page.url', target: 'url' },
  { source: 'context.page.referrer', target: 'ref' },
  { source: 'context.campaign.source', target: 'utm_source' },
];

const ARGS = 'args';
const rows = (e: string): MappingRow[] => {
  const track: MappingRow[] = [{ value: 'track', target: 'event_type' }];
  switch (e) {
    case 'page_view':
      return [{ value: 'page', target: 'event_type' }];
    case 'view_item':
    case 'add_to_cart':
      return [
        ...track,
        {
          source: [...SOURCES.product_id],
          target: `${ARGS}.product_id`,
          transforms: ['to_string'],
        },
        { source: 'properties.name', target: `${ARGS}.product_name` },
        { source: 'properties.category', target: `${ARGS}.product_category` },
        { source: 'properties.price', target: `${ARGS}.product_price`, transforms: ['to_number'] },
        {
          source: 'properties.quantity',
          target: `${ARGS}.product_quantity`,
          transforms: ['to_number'],
        },
      ];
    case 'begin_checkout':
    case 'purchase':
      return [
        ...track,
        { source: [...SOURCES.value], target: `${ARGS}.revenue`, transforms: ['to_number'] },
        { source: [...SOURCES.order_id], target: `${ARGS}.order_id`, transforms: ['to_string'] },
        {
          source: 'properties.products',
          target: `${ARGS}.products`,
          items: [
            { source: ['product_id', 'sku'], target: 'product_id', transforms: ['to_string'] },
            { source: 'name', target: 'product_name' },
            { source: 'category', target: 'product_category' },
            { source: 'price', target: 'product_price', transforms: ['to_number'] },
            { source: 'quantity', target: 'product_quantity', transforms: ['to_number'] },
          ],
        },
      ];
    case 'lead':
      return [
        ...track,
        { source: [...SOURCES.value], target: `${ARGS}.revenue`, transforms: ['to_number'] },
      ];
    default:
      return track;
  }
};

const declaration: VendorDeclaration = {
  id: 'stackadapt',
  name: 'StackAdapt',
  category: 'advertising',
  description:
    'Sends page views and conversion events to StackAdapt’s pixel from the server, for programmatic campaign tracking.',
  api: 'Server-side pixel (tags.srv.stackadapt.com/saq_pxl)',
  docs: 'https://support.stackadapt.com/hc/en-us/articles/360006099473-StackAdapt-Pixel-Installation',
  status: 'beta',
  keywords: ['programmatic', 'dsp', 'pixel', 'ctv'],
  test_settings: { pixel_id: 'testPixelUid' },
  settings: [
    {
      key: 'pixel_id',
      label: 'Universal pixel ID',
      type: 'string',
      help: 'The uid of your StackAdapt universal pixel.',
    },
  ],
  spec: {
    method: 'GET',
    endpoint: {
      base_url: 'https://tags.srv.stackadapt.com',
      path: '/saq_pxl',
      query: {
        uid: '{{settings.pixel_id}}',
        ...Object.fromEntries(
          ['event_type', 'title', 'url', 'ref', 'ip_fwd', 'utm_source', 'user_id'].map((k) => [
            k,
            `{{item.${k}}}`,
          ]),
        ),
        args: '{{item.args}}',
      },
    },
    auth: { kind: 'none' },
    headers: {
      from_event: {
        'x-forwarded-for': '{{event.context.ip}}',
        'user-agent': '{{event.context.user_agent}}',
      },
    },
    eligibility: {
      any_of: [['ip_fwd']],
      reason: 'StackAdapt attributes by the visitor’s IP address, which the event lacks',
    },
    batching: { max_events: 1 },
    rate_limit_rps: 20,
  },
  mapping: {
    fields: [
      { path: 'event_type', required: true, description: 'page or track.' },
      {
        path: 'args.action',
        required: true,
        auto: true,
        description: 'Event name StackAdapt conversions match on (from the event map).',
      },
      { path: 'ip_fwd', required: false, description: 'Visitor IP (StackAdapt needs it).' },
      { path: 'user_id', required: false, description: 'Your user id, else the anonymous id.' },
      { path: 'url', required: false, description: 'Page URL.' },
      { path: 'args.revenue', required: false, description: 'Revenue.' },
      { path: 'args.order_id', required: false, description: 'Order id.' },
      { path: 'args.products', required: false, description: 'Products.' },
    ],
    defaults: {
      global: GLOBAL,
      events: standardEvents(
        {
          page_view: 'Page Viewed',
          view_item: 'Product Viewed',
          add_to_cart: 'Product Added',
          begin_checkout: 'Checkout Started',
          purchase: 'Order Completed',
          lead: 'Lead Generated',
          sign_up: 'Signed Up',
          search: 'Products Searched',
        },
        rows,
      ),
      defaults: { action: 'drop' },
    },
  },
  unverified: [
    'the pixel endpoint accepting server requests from non-Segment senders',
    'answer shapes',
    'rate limit (20 requests/s chosen)',
  ],
};

/** What the registry holds for StackAdapt. */
export const stackadapt = declareVendor(declaration, {
  double: queryDouble(declaration, ['uid', 'event_type', 'ip_fwd']),
  hooks: {
    // The event's name (what StackAdapt conversions match on) leads the mapped ecommerce fields in `args`.
    item: (item, _e, _p, _t, _n, mapped) => {
      item.args = { action: mapped.vendor_event, ...(isRecord(item.args) ? item.args : {}) };
    },
  },
});
