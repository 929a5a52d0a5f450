/**
 * Umami send API, declared (facts: docs/vendors/more-vendors-and-catalog.md §18 catalog row `umami`,
 * evidence U; confirmed in Umami's docs "Sending stats" and "Send server-side events"):
 * `POST {host}/api/send` (Umami Cloud: `https://cloud.umami.is`), no token (the website id names
 * the site), one event per request: `{ type: 'event', payload: { website, hostname, url, referrer,
 * title, language, id, name, data } }`; a payload without `name` is a page view. Requests without
 * a proper `User-Agent` are not registered, so the visitor's is sent. Revenue reports read
 * `revenue` and `currency` from the event data.
 *
 * Unverified: `X-Forwarded-For` used for the visitor's location; the anonymous id as the session
 * identifier `payload.id`.
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
  { source: 'anonymous_id', target: 'payload.id', transforms: ['to_string'] },
  { source: 'properties', target: 'payload.data.event_properties' },
];

/** What the registry holds for Umami. */
export const umami = declareVendor(
  {
    id: 'umami',
    name: 'Umami',
    category: 'analytics',
    description:
      'Open-source, privacy-focused web analytics: page views and custom events with their data.',
    api: 'Send API (/api/send)',
    docs: 'https://umami.is/docs/api/sending-stats',
    status: 'beta',
    keywords: ['web analytics', 'privacy', 'open source', 'self-hosted'],
    logo: { pack: 'simple-icons', name: 'umami' },
    test_settings: { website_id: '4fb7fa4c-5b46-438d-94b3-3a8fb9bc2e8b' },
    settings: [
      {
        key: 'website_id',
        label: 'Website ID',
        type: 'string',
        help: 'The website’s id (Settings → Websites → Edit).',
      },
      {
        key: 'host',
        label: 'Umami URL',
        type: 'url',
        required: false,
        help: 'Your Umami instance, when self-hosted (default Umami Cloud).',
      },
    ],
    spec: {
      endpoint: { base_url: 'https://cloud.umami.is', path: '/api/send' },
      auth: { kind: 'none' },
      headers: {
        from_event: {
          'user-agent': '{{event.context.user_agent}}',
          'x-forwarded-for': '{{event.context.ip}}',
        },
      },
      body: { wrapper: '{{item}}' },
      item: { fields: { type: 'event' } },
      eligibility: { any_of: [['payload.url']], reason: 'Umami needs the page URL' },
      batching: { max_events: 1 },
      rate_limit_rps: 20,
    },
    mapping: {
      fields: [
        {
          path: 'payload.website',
          required: true,
          auto: true,
          description: 'The website (from the settings).',
        },
        { path: 'payload.url', required: true, description: 'Page URL.' },
        {
          path: 'payload.name',
          required: false,
          auto: true,
          description: 'The event’s name (none for page views).',
        },
        {
          path: 'payload.data',
          required: false,
          description: 'Event data (revenue and currency feed revenue reports).',
        },
        {
          path: 'payload.id',
          required: false,
          description: 'Session identifier (the anonymous id).',
        },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents(
          {
            page_view: 'page view',
            view_item: 'Product Viewed',
            add_to_cart: 'Product Added',
            begin_checkout: 'Checkout Started',
            purchase: 'Order Completed',
            lead: 'Lead Generated',
            sign_up: 'Signed Up',
            search: 'Products Searched',
          },
          (e) =>
            e === 'purchase' ? valueRows('payload.data.revenue', 'payload.data.currency') : [],
        ),
        defaults: { action: 'pass_through' },
      },
    },
    unverified: ['X-Forwarded-For used for the visitor location', 'the anonymous id as payload.id'],
  },
  {
    hooks: {
      settings(params) {
        if (typeof params.host === 'string' && params.host && !params.endpoint_override)
          params.endpoint_override = params.host;
      },
      // The website and the event's name join the mapped payload (an item field would be replaced by it).
      item(item, event, params, _test, _now, mapped) {
        const payload: Record<string, unknown> = {
          website: params.website_id,
          name: mapped.vendor_event,
          ...(isRecord(item.payload) ? item.payload : {}),
        };
        item.payload = payload;
        // The event's properties (copied whole to `event_properties`) under the data rows write singly.
        if (isRecord(payload.data)) {
          const { event_properties: whole, ...single } = payload.data;
          payload.data = { ...(isRecord(whole) ? whole : {}), ...single };
        }
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
    extraCheck: (item) =>
      item.type !== 'event' || !isRecord(item.payload) || typeof item.payload.website !== 'string'
        ? 'type event with payload.website required'
        : undefined,
  },
);
