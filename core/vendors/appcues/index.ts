/**
 * Appcues Public API v2 "track user event", declared (facts: docs/vendors/more-vendors-and-catalog.md §18
 * catalog row `appcues`, evidence R,S,P; Appcues' API v2 as PostHog's Appcues destination describes
 * it): `POST https://api.appcues.com/v2/accounts/{account id}/users/{user id}/events`, HTTP Basic with
 * an API key and its secret (Studio → Settings → API keys), one event per request:
 * `{ name, timestamp, attributes }`. The user is in the path: events need a user id.
 *
 * Unverified: the EU host `api.eu.appcues.com`; `timestamp` as ISO 8601 (epoch seconds may be
 * expected); attributes keeping nested values.
 */
import type { MappingRow } from '../../mapping/config.js';
import { isRecord } from '../../json/index.js';
import { declareVendor } from '../spec/declared.js';
import { standardEvents, valueRows } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  { source: 'user_id', target: 'user_id', transforms: ['to_string'] },
  { source: 'properties', target: 'attributes.event_properties' },
  { source: 'context.page.url', target: 'attributes._currentPageUrl' },
];

/** What the registry holds for Appcues. */
export const appcues = declareVendor(
  {
    id: 'appcues',
    name: 'Appcues',
    category: 'analytics',
    description:
      'Product adoption: your users’ events, to target and measure Appcues flows, checklists and banners.',
    api: 'Public API v2 (users/{id}/events)',
    docs: 'https://api.appcues.com/v2/docs',
    status: 'beta',
    keywords: ['product adoption', 'onboarding', 'in-app guides'],
    test_settings: {
      account_id: '12345',
      api_key: 'test-appcues-key',
      api_secret: 'test-appcues-secret',
    },
    settings: [
      {
        key: 'account_id',
        label: 'Account ID',
        type: 'string',
        help: 'Your numeric Appcues account id (Studio → Settings → Account).',
      },
      {
        key: 'api_key',
        label: 'API key',
        type: 'secret',
        help: 'An Appcues API key (Studio → Settings → API keys).',
      },
      {
        key: 'api_secret',
        label: 'API secret',
        type: 'secret',
        help: 'The secret paired with the API key.',
      },
      {
        key: 'region',
        label: 'Data region',
        type: 'select',
        required: false,
        options: ['us', 'eu'],
        default: 'us',
        help: 'Where the Appcues account’s data lives.',
      },
    ],
    spec: {
      endpoint: {
        base_url: 'https://api.appcues.com',
        regions: {
          setting: 'region',
          hosts: { us: 'https://api.appcues.com', eu: 'https://api.eu.appcues.com' },
        },
        path: '/v2/accounts/{{settings.account_id}}/users/{{item.user_id}}/events',
      },
      auth: {
        kind: 'basic',
        username: '{{settings.api_key}}',
        password: '{{settings.api_secret}}',
      },
      body: { wrapper: '{{item}}' },
      item: { fields: { name: '{{vendor_event}}', timestamp: '{{event.timestamp | to_iso8601}}' } },
      batching: { max_events: 1 },
      rate_limit_rps: 10,
      answer: { error_message: ['error', 'message'] },
    },
    mapping: {
      fields: [
        {
          path: 'user_id',
          required: false,
          description:
            'Your user id (needed: it goes in the path, so the body check cannot require it).',
        },
        { path: 'name', required: true, auto: true, description: 'The event’s name.' },
        { path: 'timestamp', required: false, auto: true, description: 'ISO 8601 time.' },
        { path: 'attributes', required: false, description: 'Event attributes.' },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents(
          {
            page_view: 'appcues:page_view',
            view_item: 'Product Viewed',
            add_to_cart: 'Product Added',
            begin_checkout: 'Checkout Started',
            purchase: 'Order Completed',
            lead: 'Lead Generated',
            sign_up: 'Signed Up',
            search: 'Products Searched',
          },
          (e) => (e === 'purchase' ? valueRows('attributes.revenue', 'attributes.currency') : []),
        ),
        defaults: { action: 'pass_through' },
      },
    },
    unverified: [
      'EU host api.eu.appcues.com',
      'timestamp as ISO 8601',
      'nested attribute values kept',
    ],
  },
  {
    hooks: {
      item(item) {
        // Eligibility here, not in the spec: the user id leaves the body for the path.
        if (typeof item.user_id !== 'string' || !item.user_id) return 'Appcues needs a user id';
        // The event's properties (copied whole) under the attributes rows write singly.
        const own = isRecord(item.attributes) ? item.attributes : {};
        const { event_properties: whole, ...single } = own;
        item.attributes = { ...(isRecord(whole) ? whole : {}), ...single };
      },
      body: (body) => {
        // The user is in the path, not the event.
        if (isRecord(body)) delete body.user_id;
        return body;
      },
    },
    extraCheck: (item) =>
      'user_id' in item
        ? 'the user belongs in the path'
        : typeof item.name !== 'string'
          ? 'name is required'
          : undefined,
  },
);
