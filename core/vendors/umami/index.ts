/**
 * Umami send API, declared (facts: docs/vendors digest "more vendors" §18 catalog row `umami`,
 * evidence U; Umami's "Sending stats" API docs as generally known): `POST {host}/api/send` (Umami
 * Cloud: `https://cloud.umami.is`), no key (the website id identifies the site), one event per
 * request: `{ type: 'event', payload: { website, hostname, url, referrer, title, language, name,
 * data } }`; a payload without `name` is a page view. Umami ignores requests without a browser-like
 * `User-Agent`, so the visitor's is sent, and its IP as `X-Forwarded-For` for location.
 *
 * Unverified (all of it: no second source read): body shape, header use, Cloud host.
 */
import type { MappingRow } from '../../mapping/config.js';
import { isRecord } from '../../json/index.js';
import { declareVendor } from '../spec/declared.js';
import { standardEvents, valueRows } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  { source: 'context.page.url', target: 'payload.url' },
  { source: 'context.page.referrer', target: 'payload.referrer' },
  { source: ['properties.title', 'context.page.title'], target: 'payload.title' },
  { source: ['context.locale', 'context.language'], target: 'payload.language' },
  { source: 'properties', target: 'payload.data' },
];

/** What the registry holds for Umami. */
export const umami = declareVendor(
  {
    id: 'umami',
    name: 'Umami',
    category: 'analytics',
    description: 'Open-source, privacy-focused web analytics: page views and custom events with their data.',
    api: 'Send API (/api/send)',
    docs: 'https://umami.is/docs/api/sending-stats',
    status: 'beta',
    keywords: ['web analytics', 'privacy', 'open source', 'self-hosted'],
    logo: { pack: 'simple-icons', name: 'umami' },
    test_settings: { website_id: '4fb7fa4c-5b46-438d-94b3-3a8fb9bc2e8b' },
    settings: [
      { key: 'website_id', label: 'Website ID', type: 'string', help: 'The website’s id (Settings → Websites → Edit).' },
      { key: 'host', label: 'Umami URL', type: 'url', required: false, help: 'Your Umami instance, when self-hosted (default Umami Cloud).' },
    ],
    spec: {
      endpoint: { base_url: 'https://cloud.umami.is', path: '/api/send' },
      auth: { kind: 'none' },
      headers: { from_event: { 'user-agent': '{{event.context.user_agent}}', 'x-forwarded-for': '{{event.context.ip}}' } },
      body: { wrapper: '{{item}}' },
      item: { fields: { type: 'event' } },
      eligibility: { any_of: [['payload.url']], reason: 'Umami needs the page URL' },
      batching: { max_events: 1 },
      rate_limit_rps: 20,
    },
    mapping: {
      fields: [
        { path: 'payload.website', required: true, auto: true, description: 'The website (from the settings).' },
        { path: 'payload.url', required: true, description: 'Page URL.' },
        { path: 'payload.name', required: false, auto: true, description: 'The event’s name (none for page views).' },
        { path: 'payload.data', required: false, description: 'Event data.' },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents(
          { page_view: 'page view', view_item: 'Product Viewed', add_to_cart: 'Product Added', begin_checkout: 'Checkout Started', purchase: 'Order Completed', lead: 'Lead Generated', sign_up: 'Signed Up', search: 'Products Searched' },
          (e) => (e === 'purchase' ? valueRows('payload.revenue', 'payload.currency') : []),
        ),
        defaults: { action: 'pass_through' },
      },
    },
    unverified: ['body shape { type, payload }', 'payload.revenue and payload.currency for revenue reports', 'Umami Cloud host'],
  },
  {
    hooks: {
      settings(params) {
        if (typeof params.host === 'string' && params.host && !params.endpoint_override) params.endpoint_override = params.host;
      },
      // The website and the event's name join the mapped payload (an item field would be replaced by it).
      item(item, event, params, _test, _now, mapped) {
        const payload: Record<string, unknown> = { website: params.website_id, name: mapped.vendor_event, ...(isRecord(item.payload) ? item.payload : {}) };
        item.payload = payload;
        if (typeof payload.url === 'string') {
          try {
            payload.hostname = new URL(payload.url).hostname;
          } catch {
            // Not a URL: Umami reads the host from the page URL; leave it out.
          }
        }
        // A page view is a payload without a name.
        if (event.type === 'page') {
          delete payload.name;
          delete payload.data;
        }
      },
    },
    extraCheck: (item) => (item.type !== 'event' || !isRecord(item.payload) || typeof item.payload.website !== 'string' ? 'type event with payload.website required' : undefined),
  },
);
