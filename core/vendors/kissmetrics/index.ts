/**
 * Kissmetrics tracking API "record", declared (facts: docs/vendors/more-vendors-and-catalog.md §18 catalog
 * row `kissmetrics`, evidence R; Kissmetrics' tracking API specification as its client libraries
 * use it): `GET https://trk.kissmetrics.io/e?_k=<API key>&_p=<person>&_n=<event>&_t=<epoch s>&_d=1&…`,
 * everything in the query string, one event per request; `_d=1` makes Kissmetrics use `_t` as the
 * event's time. Properties are further query parameters.
 *
 * Limitation: the Delivery Spec's query parameters are fixed names, so only the properties named
 * here are sent (URL, referrer, order id, billing amount, product id, search terms, currency);
 * other properties of an event are not.
 *
 * Unverified: the `trk.kissmetrics.io` host (older clients use `trk.kissmetrics.com`); the property
 * names Kissmetrics' reports expect for revenue (`Billing Amount`).
 */
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import type { SpecDouble } from '../spec/double.js';
import { SOURCES, standardEvents } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  { source: ['user_id', 'anonymous_id'], target: 'person', transforms: ['to_string'] },
  { source: 'timestamp', target: 'time', transforms: ['to_unix_seconds'] },
  { source: 'context.page.url', target: 'url' },
  { source: 'context.page.referrer', target: 'referrer' },
];

/** The contract double: a GET with the key, a person and an event name. */
const double: SpecDouble = {
  check(req) {
    if (req.path !== '/e') return { status: 404, body: 'not found' };
    if (req.method !== 'GET') return { status: 405, body: 'GET only' };
    const q = req.query;
    if (!q.get('_k')) return { status: 400, body: 'missing _k' };
    if (!q.get('_p') || !q.get('_n')) return { status: 400, body: 'missing _p or _n' };
    if (q.get('_d') === '1' && !/^\d{10}$/.test(q.get('_t') ?? ''))
      return { status: 400, body: '_t must be epoch seconds with _d=1' };
    return { status: 200, headers: { 'content-type': 'image/gif' }, body: 'GIF89a' };
  },
  inBodyProblems: () => [],
};

/** What the registry holds for Kissmetrics. */
export const kissmetrics = declareVendor(
  {
    id: 'kissmetrics',
    name: 'Kissmetrics',
    category: 'analytics',
    description: 'Person-based analytics: each person’s events, funnels and revenue.',
    api: 'Tracking API (/e)',
    docs: 'https://support.kissmetrics.io/reference/tracking-api',
    status: 'beta',
    keywords: ['product analytics', 'funnels', 'saas'],
    logo: { pack: 'logos', name: 'kissmetrics' },
    test_settings: { api_key: 'test-kissmetrics-key' },
    settings: [
      {
        key: 'api_key',
        label: 'API key',
        type: 'secret',
        help: 'The product’s API key (Product settings).',
      },
    ],
    spec: {
      endpoint: {
        base_url: 'https://trk.kissmetrics.io',
        path: '/e',
        query: {
          _p: '{{item.person}}',
          _n: '{{item.name}}',
          _t: '{{item.time}}',
          _d: '1',
          URL: '{{item.url}}',
          Referrer: '{{item.referrer}}',
          'Order ID': '{{item.order_id}}',
          'Billing Amount': '{{item.billing_amount}}',
          Currency: '{{item.currency}}',
          'Product ID': '{{item.product_id}}',
          'Search Terms': '{{item.search_terms}}',
        },
      },
      method: 'GET',
      auth: { kind: 'api_key', in: 'query', name: '_k', value: '{{settings.api_key}}' },
      item: { fields: { name: '{{vendor_event}}' } },
      eligibility: {
        any_of: [['person']],
        reason: 'Kissmetrics needs a person (user id or anonymous id)',
      },
      batching: { max_events: 1 },
      rate_limit_rps: 20,
    },
    mapping: {
      fields: [
        { path: 'person', required: true, description: 'The person (user id, else anonymous id).' },
        { path: 'name', required: true, auto: true, description: 'The event’s name.' },
        { path: 'time', required: false, description: 'Epoch seconds.' },
        {
          path: 'billing_amount',
          required: false,
          requiredFor: ['purchase'],
          description: 'Revenue (Billing Amount).',
        },
        { path: 'order_id', required: false, description: 'Order id.' },
        { path: 'product_id', required: false, description: 'Product id.' },
        { path: 'search_terms', required: false, description: 'Search terms.' },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents(
          {
            page_view: 'Viewed Page',
            view_item: 'Viewed Product',
            add_to_cart: 'Added to Cart',
            begin_checkout: 'Started Checkout',
            purchase: 'Purchased',
            lead: 'Submitted Lead',
            sign_up: 'Signed Up',
            search: 'Searched',
          },
          (e): MappingRow[] => {
            switch (e) {
              case 'purchase':
                return [
                  { source: [...SOURCES.order_id], target: 'order_id', transforms: ['to_string'] },
                  {
                    source: [...SOURCES.value],
                    target: 'billing_amount',
                    transforms: ['to_number'],
                  },
                  {
                    source: [...SOURCES.currency],
                    target: 'currency',
                    transforms: ['trim', 'uppercase'],
                  },
                ];
              case 'view_item':
              case 'add_to_cart':
                return [
                  {
                    source: [...SOURCES.product_id],
                    target: 'product_id',
                    transforms: ['to_string'],
                  },
                ];
              case 'search':
                return [{ source: [...SOURCES.query], target: 'search_terms' }];
              default:
                return [];
            }
          },
        ),
        defaults: { action: 'pass_through' },
      },
    },
    unverified: [
      'host trk.kissmetrics.io',
      'Billing Amount as the revenue property',
      'only the named properties sent (fixed query names)',
    ],
  },
  { double },
);
