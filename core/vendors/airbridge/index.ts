/**
 * Airbridge server-to-server events, declared (facts: Airbridge's API reference "Server-to-Server
 * Event", help.airbridge.io/en/references/s2s-event): `POST
 * https://api.airbridge.io/events/v1/apps/{app_name}/web/9320` for web events (`/mobile-app/9360` for
 * app events), the S2S API token in `Authorization` (Bearer), the user's IP in `X-Forwarded-For`, one
 * event per request: `eventUUID` (deduplicates), `eventTimestamp` in epoch milliseconds (at most 24
 * hours old), `user` (`externalUserID`, `externalUserEmail`, `externalUserPhone`), `browser`
 * (`clientID` from the web SDK, `userAgent`) or `device` (`deviceUUID`, `gaid`/`ifa`, `osName`), and
 * `eventData.goal` (`category` = Airbridge standard or custom event, `semanticAttributes` with
 * `totalValue`, `currency`, `transactionID`, `products`, `query`). Without a client/device id Airbridge
 * attributes by the user id it has already matched. Rate limit: 1,000 requests per minute.
 *
 * Unverified: email and phone sent SHA-256 hashed (Airbridge's SDKs hash them by default), the
 * standard category names used here, answer shapes.
 */
import { identityRows } from '../../identity-kit/rows.js';
import { DataflyError } from '../../errors/index.js';
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import { SOURCES, standardEvents } from '../spec/standard.js';

/** Path code Airbridge gives each platform's event endpoint. */
const PLATFORM_CODE: Record<string, string> = { web: '9320', 'mobile-app': '9360' };

const GLOBAL: MappingRow[] = [
  { source: 'user_id', target: 'user.externalUserID', transforms: ['to_string'] },
  ...identityRows(
    'user',
    { em: 'email_sha256', ph: 'phone_digits_sha256' },
    { targets: { em: 'externalUserEmail', ph: 'externalUserPhone' } },
  ),
  { source: 'context.vendor_ids.airbridge_client_id', target: 'browser.clientID' },
  { source: 'context.user_agent', target: 'browser.userAgent' },
  { source: 'context.vendor_ids.airbridge_device_id', target: 'device.deviceUUID' },
];

const SEM = 'eventData.goal.semanticAttributes';
const PRODUCTS: MappingRow = {
  source: 'properties.products',
  target: `${SEM}.products`,
  items: [
    { source: ['product_id', 'sku'], target: 'productID', transforms: ['to_string'] },
    { source: 'name', target: 'name' },
    { source: 'price', target: 'price', transforms: ['to_number'] },
    { source: 'quantity', target: 'quantity', transforms: ['to_number'] },
  ],
};
const rows = (e: string): MappingRow[] => {
  switch (e) {
    case 'view_item':
    case 'add_to_cart':
      return [
        {
          source: [...SOURCES.product_id],
          target: `${SEM}.products[0].productID`,
          transforms: ['to_string'],
        },
        { source: 'properties.name', target: `${SEM}.products[0].name` },
        {
          source: 'properties.price',
          target: `${SEM}.products[0].price`,
          transforms: ['to_number'],
        },
        {
          source: 'properties.quantity',
          target: `${SEM}.products[0].quantity`,
          transforms: ['to_number'],
        },
        {
          source: [...SOURCES.currency],
          target: `${SEM}.currency`,
          transforms: ['trim', 'uppercase'],
        },
      ];
    case 'begin_checkout':
    case 'purchase':
      return [
        { source: [...SOURCES.value], target: `${SEM}.totalValue`, transforms: ['to_number'] },
        {
          source: [...SOURCES.currency],
          target: `${SEM}.currency`,
          transforms: ['trim', 'uppercase'],
        },
        {
          source: [...SOURCES.order_id],
          target: `${SEM}.transactionID`,
          transforms: ['to_string'],
        },
        PRODUCTS,
      ];
    case 'lead':
      return [
        { source: [...SOURCES.value], target: 'eventData.goal.value', transforms: ['to_number'] },
      ];
    case 'search':
      return [{ source: [...SOURCES.query], target: `${SEM}.query` }];
    default:
      return [];
  }
};

/** What the registry holds for Airbridge. */
export const airbridge = declareVendor(
  {
    id: 'airbridge',
    name: 'Airbridge',
    category: 'attribution',
    description: 'Sends web and app events to Airbridge for cross-platform attribution.',
    api: 'Server-to-Server Event API (/events/v1/apps/{app}/web)',
    docs: 'https://help.airbridge.io/en/references/s2s-event',
    status: 'beta',
    keywords: ['mmp', 'web-to-app', 'attribution', 's2s'],
    test_settings: { app_name: 'testapp', api_token: 'test-airbridge-token' },
    settings: [
      {
        key: 'app_name',
        label: 'App name',
        type: 'string',
        help: 'The Airbridge app name (its unique id).',
        pattern: {
          regex: '^[a-z0-9_-]+$',
          message: 'must be the app name (lowercase letters, digits, - and _)',
        },
      },
      {
        key: 'api_token',
        label: 'S2S API token',
        type: 'secret',
        help: 'The S2S event API token (Settings → Tokens).',
      },
      {
        key: 'platform',
        label: 'Events from',
        type: 'select',
        required: false,
        options: ['web', 'mobile-app'],
        default: 'web',
        help: 'Whether the events come from the website or the app.',
      },
    ],
    spec: {
      endpoint: {
        base_url: 'https://api.airbridge.io',
        path: '/events/v1/apps/{{settings.app_name}}/{{settings.platform}}/{{settings.platform_code}}',
      },
      auth: { kind: 'bearer', token: '{{settings.api_token}}' },
      headers: { from_event: { 'x-forwarded-for': '{{event.context.ip}}' } },
      body: { wrapper: '{{item}}' },
      item: {
        fields: {
          eventUUID: '{{event.event_id}}',
          eventTimestamp: '{{event.timestamp | to_unix_ms}}',
        },
      },
      eligibility: {
        any_of: [['user.externalUserID'], ['browser.clientID'], ['device.deviceUUID']],
        reason: 'Airbridge needs a user id, the web SDK’s client id or a device id',
      },
      batching: { max_events: 1 },
      rate_limit_rps: 16,
      answer: { error_message: ['message', 'error.message', 'error'] },
    },
    mapping: {
      fields: [
        { path: 'eventUUID', required: true, auto: true, description: 'Dedup id.' },
        {
          path: 'eventTimestamp',
          required: true,
          auto: true,
          description: 'Epoch milliseconds, at most 24 hours old.',
        },
        {
          path: 'eventData.goal.category',
          required: true,
          auto: true,
          description: 'Airbridge standard or custom event category (from the event map).',
        },
        { path: 'user.externalUserID', required: false, description: 'Your user id.' },
        {
          path: 'user.externalUserEmail',
          required: false,
          description: 'SHA-256 of the trimmed, lowercased email.',
        },
        {
          path: 'user.externalUserPhone',
          required: false,
          description: 'SHA-256 of the phone digits with country code.',
        },
        { path: 'browser.clientID', required: false, description: 'Web SDK client id.' },
        { path: 'device.deviceUUID', required: false, description: 'Airbridge device id (apps).' },
        {
          path: `${SEM}.totalValue`,
          required: false,
          requiredFor: ['airbridge.ecommerce.order.completed'],
          description: 'Order total.',
        },
        { path: `${SEM}.currency`, required: false, description: 'ISO 4217.' },
        { path: `${SEM}.transactionID`, required: false, description: 'Order id.' },
        {
          path: `${SEM}.products`,
          required: false,
          description: 'Products: productID, name, price, quantity.',
        },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents(
          {
            view_item: 'airbridge.ecommerce.product.viewed',
            add_to_cart: 'airbridge.ecommerce.product.addedToCart',
            begin_checkout: 'airbridge.initiateCheckout',
            purchase: 'airbridge.ecommerce.order.completed',
            lead: 'lead',
            sign_up: 'airbridge.user.signup',
            search: 'airbridge.ecommerce.searchResults.viewed',
          },
          rows,
        ),
        defaults: { action: 'drop' },
      },
    },
    variants: [
      {
        key: 'app',
        name: 'App events',
        description: 'Events from a mobile app (the mobile-app endpoint).',
        defaults: { platform: 'mobile-app' },
      },
    ],
    not_mapped: { page_view: 'Airbridge’s web SDK counts page views itself' },
    unverified: [
      'email and phone accepted SHA-256 hashed',
      'standard category names (initiateCheckout, searchResults.viewed)',
      'answer shapes',
    ],
  },
  {
    hooks: {
      settings: (params) => {
        const code = PLATFORM_CODE[String(params.platform ?? 'web')];
        if (!code)
          throw new DataflyError('config_error', 'parameters.platform: must be web or mobile-app', {
            field: 'parameters.platform',
          });
        params.platform_code = code;
      },
      // The event category joins the mapped goal fields.
      item: (item, _e, _p, _t, _n, mapped) => {
        const data = (item.eventData ?? {}) as { goal?: Record<string, unknown> };
        item.eventData = { ...data, goal: { category: mapped.vendor_event, ...(data.goal ?? {}) } };
      },
    },
  },
);
