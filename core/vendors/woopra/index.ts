/**
 * Woopra HTTP Tracking API, declared (facts: docs/vendors/more-vendors-and-catalog.md §18 catalog row
 * `woopra`, evidence R; Woopra's "HTTP Tracking API" docs as RudderStack's Woopra destination uses
 * them): `GET https://www.woopra.com/track/ce?project=<domain>&event=<name>&…`, one event per
 * request, the project (the tracked domain) in the query and no secret; the visitor by `cv_id`
 * (your user id) and/or `cookie` (the anonymous id), the time as `timestamp` (epoch ms), event
 * properties as `ce_<name>`, visitor properties as `cv_<name>`, the visitor's `ip` and user agent.
 *
 * Limitation: the Delivery Spec's query parameters are fixed names, so only the properties named
 * here are sent; other properties of an event are not.
 *
 * Unverified: `cookie` accepting the anonymous id as the visitor cookie; `ce_revenue` naming revenue.
 */
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import type { SpecDouble } from '../spec/double.js';
import { SOURCES, standardEvents } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  { source: 'user_id', target: 'cv_id', transforms: ['to_string'] },
  { source: 'anonymous_id', target: 'cookie', transforms: ['to_string'] },
  { source: 'timestamp', target: 'timestamp', transforms: ['to_unix_ms'] },
  { source: 'context.ip', target: 'ip' },
  { source: 'context.user_agent', target: 'browser' },
  { source: 'context.page.url', target: 'ce_url' },
  { source: 'context.page.referrer', target: 'referer' },
  { source: ['properties.title', 'context.page.title'], target: 'ce_title' },
];

/** The contract double: a GET naming the project, the event and a visitor. */
const double: SpecDouble = {
  check(req) {
    if (req.path !== '/track/ce') return { status: 404, body: 'not found' };
    if (req.method !== 'GET') return { status: 405, body: 'GET only' };
    const q = req.query;
    if (!q.get('project') || !q.get('event'))
      return { status: 400, body: 'project and event are required' };
    if (!q.get('cv_id') && !q.get('cookie'))
      return { status: 400, body: 'a visitor (cv_id or cookie) is required' };
    return { status: 200, headers: { 'content-type': 'text/plain' }, body: 'success' };
  },
  inBodyProblems: () => [],
};

/** What the registry holds for Woopra. */
export const woopra = declareVendor(
  {
    id: 'woopra',
    name: 'Woopra',
    category: 'analytics',
    description:
      'Customer journey analytics: each visitor’s events across the journey, with revenue.',
    api: 'HTTP Tracking API (/track/ce)',
    docs: 'https://docs.woopra.com/reference/track-ce',
    status: 'beta',
    keywords: ['customer journey', 'people analytics'],
    logo: { pack: 'logos', name: 'woopra' },
    test_settings: { project: 'shop.example.com' },
    settings: [
      {
        key: 'project',
        label: 'Project (domain)',
        type: 'string',
        help: 'The Woopra project’s domain (shop.example.com).',
      },
    ],
    spec: {
      endpoint: {
        base_url: 'https://www.woopra.com',
        path: '/track/ce',
        query: {
          event: '{{item.event}}',
          cv_id: '{{item.cv_id}}',
          cookie: '{{item.cookie}}',
          timestamp: '{{item.timestamp}}',
          ip: '{{item.ip}}',
          browser: '{{item.browser}}',
          referer: '{{item.referer}}',
          ce_url: '{{item.ce_url}}',
          ce_title: '{{item.ce_title}}',
          ce_order_id: '{{item.ce_order_id}}',
          ce_revenue: '{{item.ce_revenue}}',
          ce_currency: '{{item.ce_currency}}',
          ce_product_id: '{{item.ce_product_id}}',
          ce_query: '{{item.ce_query}}',
        },
      },
      method: 'GET',
      auth: { kind: 'api_key', in: 'query', name: 'project', value: '{{settings.project}}' },
      item: { fields: { event: '{{vendor_event}}' } },
      eligibility: {
        any_of: [['cv_id'], ['cookie']],
        reason: 'Woopra needs a visitor (user id or anonymous id)',
      },
      batching: { max_events: 1 },
      rate_limit_rps: 20,
    },
    mapping: {
      fields: [
        { path: 'event', required: true, auto: true, description: 'The event’s name.' },
        { path: 'cv_id', required: false, description: 'Your user id.' },
        { path: 'cookie', required: false, description: 'Visitor cookie (the anonymous id).' },
        { path: 'timestamp', required: false, description: 'Epoch milliseconds.' },
        { path: 'ce_revenue', required: false, requiredFor: ['purchase'], description: 'Revenue.' },
        { path: 'ce_order_id', required: false, description: 'Order id.' },
        { path: 'ce_product_id', required: false, description: 'Product id.' },
        { path: 'ce_query', required: false, description: 'Search query.' },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents(
          {
            page_view: 'pv',
            view_item: 'product view',
            add_to_cart: 'add to cart',
            begin_checkout: 'checkout',
            purchase: 'purchase',
            lead: 'lead',
            sign_up: 'signup',
            search: 'search',
          },
          (e): MappingRow[] => {
            switch (e) {
              case 'purchase':
                return [
                  {
                    source: [...SOURCES.order_id],
                    target: 'ce_order_id',
                    transforms: ['to_string'],
                  },
                  { source: [...SOURCES.value], target: 'ce_revenue', transforms: ['to_number'] },
                  {
                    source: [...SOURCES.currency],
                    target: 'ce_currency',
                    transforms: ['trim', 'uppercase'],
                  },
                ];
              case 'view_item':
              case 'add_to_cart':
                return [
                  {
                    source: [...SOURCES.product_id],
                    target: 'ce_product_id',
                    transforms: ['to_string'],
                  },
                ];
              case 'search':
                return [{ source: [...SOURCES.query], target: 'ce_query' }];
              default:
                return [];
            }
          },
        ),
        defaults: { action: 'pass_through' },
      },
    },
    unverified: [
      'the anonymous id accepted as the visitor cookie',
      'ce_revenue naming revenue',
      'only the named properties sent (fixed query names)',
    ],
  },
  { double },
);
