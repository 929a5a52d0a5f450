/**
 * Plausible Events API, declared (facts: docs/vendors/more-vendors-and-catalog.md §18 catalog row
 * `plausible`, evidence U; Plausible's "Events API reference"): `POST https://plausible.io/api/event`
 * (self-hosted: your own host), no key, one event per request: `{ domain, name, url, referrer,
 * props, revenue: { currency, amount } }`. Visitors are counted from the `User-Agent` and
 * `X-Forwarded-For` headers, so both are sent from the event; page views are named `pageview`.
 * Answers 202 Accepted.
 *
 * Custom properties: at most 30, keys and values text (lists and maps are dropped by Plausible), keys
 * up to 300 bytes, values up to 2,000 bytes; event names up to 120 characters.
 *
 * Unverified: `revenue` accepted on goals set up with revenue tracking.
 */
import type { MappingRow } from '../../mapping/config.js';
import { isRecord } from '../../json/index.js';
import { declareVendor } from '../spec/declared.js';
import { SOURCES, standardEvents } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  { source: ['context.page.url', 'properties.url'], target: 'url' },
  { source: 'context.page.referrer', target: 'referrer' },
  { source: 'properties', target: 'props' },
];

/** What the registry holds for Plausible. */
export const plausible = declareVendor(
  {
    id: 'plausible',
    name: 'Plausible Analytics',
    category: 'analytics',
    description: 'Privacy-friendly, cookieless web analytics: page views and goals, with revenue.',
    api: 'Events API (/api/event)',
    docs: 'https://plausible.io/docs/events-api',
    status: 'beta',
    keywords: ['web analytics', 'privacy', 'cookieless', 'open source'],
    logo: { pack: 'simple-icons', name: 'plausibleanalytics' },
    test_settings: { domain: 'shop.example.com' },
    settings: [
      {
        key: 'domain',
        label: 'Site domain',
        type: 'string',
        help: 'The site’s domain as added in Plausible (shop.example.com).',
      },
      {
        key: 'host',
        label: 'Self-hosted URL',
        type: 'url',
        required: false,
        help: 'Your Plausible instance, when self-hosted (default plausible.io).',
      },
    ],
    spec: {
      endpoint: { base_url: 'https://plausible.io', path: '/api/event' },
      auth: { kind: 'none' },
      headers: {
        from_event: {
          'user-agent': '{{event.context.user_agent}}',
          'x-forwarded-for': '{{event.context.ip}}',
        },
      },
      body: { wrapper: '{{item}}' },
      item: { fields: { domain: '{{settings.domain}}', name: '{{vendor_event}}' } },
      eligibility: { any_of: [['url']], reason: 'Plausible needs the page URL' },
      batching: { max_events: 1 },
      rate_limit_rps: 20,
      answer: { error_message: ['errors', 'error'] },
    },
    mapping: {
      fields: [
        {
          path: 'domain',
          required: true,
          auto: true,
          description: 'The site (from the settings).',
        },
        { path: 'name', required: true, auto: true, description: 'pageview or the goal’s name.' },
        { path: 'url', required: true, description: 'Page URL.' },
        { path: 'referrer', required: false, description: 'Referrer.' },
        { path: 'props', required: false, description: 'Custom properties (text, at most 30).' },
        {
          path: 'revenue.amount',
          required: false,
          requiredFor: ['purchase'],
          description: 'Revenue amount.',
        },
        { path: 'revenue.currency', required: false, description: 'Revenue currency (ISO 4217).' },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents(
          {
            page_view: 'pageview',
            view_item: 'Product Viewed',
            add_to_cart: 'Product Added',
            begin_checkout: 'Checkout Started',
            purchase: 'Order Completed',
            lead: 'Lead Generated',
            sign_up: 'Signed Up',
            search: 'Products Searched',
          },
          (e) =>
            e === 'purchase'
              ? [
                  {
                    source: [...SOURCES.value],
                    target: 'revenue.amount',
                    transforms: ['to_number'],
                  },
                  {
                    source: [...SOURCES.currency],
                    target: 'revenue.currency',
                    transforms: ['trim', 'uppercase'],
                  },
                ]
              : [],
        ),
        defaults: { action: 'pass_through' },
      },
    },
    unverified: ['revenue on goals with revenue tracking'],
  },
  {
    hooks: {
      settings(params) {
        if (typeof params.host === 'string' && params.host && !params.endpoint_override)
          params.endpoint_override = params.host;
      },
      item(item) {
        if (isRecord(item.props)) {
          // Text values only, at most 30 (numbers and booleans as text; objects and lists left out).
          const props = Object.fromEntries(
            Object.entries(item.props)
              .filter(
                ([, v]) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean',
              )
              .slice(0, 30)
              .map(([k, v]) => [k, String(v as string | number | boolean).slice(0, 2000)]),
          );
          if (Object.keys(props).length) item.props = props;
          else delete item.props;
        }
        // A revenue without both amount and currency is refused: leave it out.
        if (
          isRecord(item.revenue) &&
          (item.revenue.amount === undefined || item.revenue.currency === undefined)
        )
          delete item.revenue;
      },
    },
    extraCheck: (item) =>
      isRecord(item.props) && Object.values(item.props).some((v) => typeof v !== 'string')
        ? 'props values must be text'
        : undefined,
  },
);
