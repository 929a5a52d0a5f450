/**
 * mParticle Events API (server-to-server), declared. Facts: catalog row in
 * docs/vendors/more-vendors-and-catalog.md §18 (S: Segment's destination) and mParticle's Events
 * API reference: `POST https://s2s.{pod}.mparticle.com/v2/bulkevents` with an array of batches (one
 * per event here), HTTP Basic with the input's server-to-server key and secret; each batch carries
 * `environment`, `user_identities` (`customer_id`, `email`), `ip` and `events: [{ event_type,
 * data }]`: `custom_event` (`event_name`, `custom_event_type`, `custom_attributes`), `screen_view`
 * for page views, `commerce_event` with a `purchase` product action for orders; times as
 * `timestamp_unixtime_ms`, `source_message_id` for deduplication. 202 on success.
 * Unverified: 100 batches per bulk request; the pod hosts beyond US1; the error body shape.
 */
import { isRecord } from '../../json/index.js';
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import type { SpecHooks } from '../spec/interpret.js';
import { SOURCES, standardEvents } from '../spec/standard.js';

const HOSTS = {
  us1: 'https://s2s.us1.mparticle.com',
  us2: 'https://s2s.us2.mparticle.com',
  eu1: 'https://s2s.eu1.mparticle.com',
  au1: 'https://s2s.au1.mparticle.com',
};

const GLOBAL: MappingRow[] = [
  { source: 'user_id', target: 'user_identities.customer_id', transforms: ['to_string'] },
  { source: [...SOURCES.email], target: 'user_identities.email', transforms: ['id.email'] },
  { source: 'context.ip', target: 'ip' },
  { source: 'properties', target: 'data.custom_attributes' },
];

const PURCHASE: MappingRow[] = [
  {
    source: [...SOURCES.order_id],
    target: 'data.product_action.transaction_id',
    transforms: ['to_string'],
  },
  {
    source: [...SOURCES.value],
    target: 'data.product_action.total_amount',
    transforms: ['to_number'],
  },
  {
    source: [...SOURCES.currency],
    target: 'data.currency_code',
    transforms: ['trim', 'uppercase'],
  },
  {
    source: 'properties.products',
    target: 'data.product_action.products',
    items: [
      { source: ['product_id', 'sku'], target: 'id', transforms: ['to_string'] },
      { source: 'name', target: 'name' },
      { source: 'price', target: 'price', transforms: ['to_number'] },
      { source: 'quantity', target: 'quantity', transforms: ['to_number'] },
    ],
  },
];

const hooks: SpecHooks = {
  // The batch's one event: a screen view for pages, a commerce event for orders, else a custom event.
  item(item, event, _params, _test, _now, mapped) {
    const data = isRecord(item.data) ? item.data : {};
    const common = {
      timestamp_unixtime_ms: Date.parse(event.timestamp),
      source_message_id: event.event_id,
    };
    let e: Record<string, unknown>;
    if (event.type === 'page')
      e = {
        event_type: 'screen_view',
        data: { ...data, ...common, screen_name: mapped.vendor_event },
      };
    else if (isRecord(data.product_action))
      e = {
        event_type: 'commerce_event',
        data: {
          ...data,
          ...common,
          product_action: { action: 'purchase', ...data.product_action },
        },
      };
    else
      e = {
        event_type: 'custom_event',
        data: { ...data, ...common, event_name: mapped.vendor_event, custom_event_type: 'other' },
      };
    const { data: _d, ...batch } = item;
    return { ...batch, events: [e] };
  },
};

/** What the registry holds for mParticle. */
export const mparticle = declareVendor(
  {
    id: 'mparticle',
    name: 'mParticle',
    category: 'cdp',
    description:
      'Customer data platform: events, page views and purchases as mParticle batches, for audiences and mParticle’s own outputs.',
    api: 'Events API (/v2/bulkevents)',
    docs: 'https://docs.mparticle.com/developers/apis/http/',
    status: 'beta',
    keywords: ['rokt', 'cdp', 'server to server', 's2s'],
    logo: { pack: 'logos', name: 'mparticle-icon' },
    unverified: [
      '100 batches per bulk request',
      'the pod hosts other than s2s.us1',
      'the error answer shape',
    ],
    test_settings: { api_key: 'test-mp-key', api_secret: 'test-mp-secret' },
    settings: [
      {
        key: 'api_key',
        label: 'Server-to-server key',
        type: 'string',
        help: 'The key of a custom feed or server input (Setup → Inputs → Feeds / Platforms).',
      },
      {
        key: 'api_secret',
        label: 'Server-to-server secret',
        type: 'secret',
        help: 'The secret paired with the key.',
      },
      {
        key: 'pod',
        label: 'Pod',
        type: 'select',
        required: false,
        options: Object.keys(HOSTS),
        default: 'us1',
        help: 'The data center of the workspace (from its login URL).',
      },
      {
        key: 'environment',
        label: 'Environment',
        type: 'select',
        required: false,
        options: ['production', 'development'],
        default: 'production',
        help: 'development routes data to the development environment.',
      },
    ],
    spec: {
      endpoint: {
        base_url: HOSTS.us1,
        regions: { setting: 'pod', hosts: HOSTS },
        path: '/v2/bulkevents',
      },
      auth: {
        kind: 'basic',
        username: '{{settings.api_key}}',
        password: '{{settings.api_secret}}',
      },
      body: { wrapper: '{{items}}' },
      item: { fields: { environment: '{{settings.environment}}' } },
      eligibility: {
        any_of: [['user_identities.customer_id'], ['user_identities.email']],
        reason: 'mParticle needs a user id or an email',
      },
      batching: { max_events: 100, max_bytes: 256_000 },
      rate_limit_rps: 50,
      answer: { error_message: ['errors.0.message', 'message'] },
    },
    mapping: {
      fields: [
        {
          path: 'environment',
          required: true,
          auto: true,
          description: 'production or development.',
        },
        { path: 'user_identities.customer_id', required: false, description: 'Your user id.' },
        { path: 'user_identities.email', required: false, description: 'Email.' },
        { path: 'ip', required: false, description: 'The visitor’s IP address.' },
        { path: 'data.custom_attributes', required: false, description: 'Event attributes.' },
        { path: 'data.product_action.transaction_id', required: false, description: 'Order id.' },
        {
          path: 'data.product_action.total_amount',
          required: false,
          requiredFor: ['purchase'],
          description: 'Order total.',
        },
        {
          path: 'data.product_action.products',
          required: false,
          description: 'Products (id, name, price, quantity).',
        },
        { path: 'data.currency_code', required: false, description: 'ISO 4217 currency.' },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents(
          {
            page_view: 'Page View',
            view_item: 'Product Viewed',
            add_to_cart: 'Product Added',
            begin_checkout: 'Checkout Started',
            purchase: 'Order Completed',
            lead: 'Lead Generated',
            sign_up: 'Signed Up',
            search: 'Products Searched',
          },
          (e) => (e === 'purchase' ? PURCHASE : []),
        ),
        defaults: { action: 'pass_through' },
      },
    },
    variants: [
      {
        key: 'eu',
        name: 'EU pod',
        description: 'Workspaces on mParticle’s EU1 pod.',
        defaults: { pod: 'eu1' },
      },
    ],
  },
  { hooks },
);
