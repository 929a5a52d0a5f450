/**
 * Dynamic Yield Experience API "Report Event", declared (facts: docs/vendors/more-vendors-and-catalog.md §18
 * catalog row `dynamic_yield`, evidence R,T; endpoint, hosts, identifiers and the purchase-v1 schema
 * confirmed in Dynamic Yield's API reference "Track Events" and Tealium's DY connector guide): `POST
 * https://dy-api.com/v2/collect/user/event` (EU `dy-api.eu`), the server-side API key in
 * `DY-API-Key`, `{ user: { dyid, dyid_server }, session: { dy }, events: [{ name, properties:
 * { dyType, value, currency, uniqueTransactionId, cart: [{ productId, quantity, itemPrice }] } }] }`,
 * one event per request here. Standard `dyType`s: `purchase-v1`, `add-to-cart-v1`, `signup-v1`,
 * `keyword-search-v1`; other events are custom events (no `dyType`). Page and product views are
 * reported with a page context through DY's page-view call, which this declaration does not make.
 *
 * Unverified: `user.id` (the anonymous id) when the `_dyid` cookie value is unknown, and
 * `session.custom` as the session when `_dyjsession` is unknown (DY's "API only" sites generate their
 * own ids; the exact fields for them were not read).
 */
import type { MappingRow } from '../../mapping/config.js';
import { isRecord } from '../../json/index.js';
import { declareVendor } from '../spec/declared.js';
import { SOURCES, STANDARD_MATCH, standardEvents } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  { source: 'context.vendor_ids.dyid', target: 'user.dyid', transforms: ['to_string'] },
  {
    source: ['context.vendor_ids.dyid_server', 'context.vendor_ids.dyid'],
    target: 'user.dyid_server',
    transforms: ['to_string'],
  },
  { source: 'anonymous_id', target: 'user.id', transforms: ['to_string'] },
  { source: 'context.vendor_ids.dyjsession', target: 'session.dy', transforms: ['to_string'] },
  {
    source: ['context.session_id', 'anonymous_id'],
    target: 'session.custom',
    transforms: ['to_string'],
  },
  { source: 'properties', target: 'event.event_properties' },
];

const value: MappingRow[] = [
  { source: [...SOURCES.value], target: 'event.properties.value', transforms: ['to_number'] },
  {
    source: [...SOURCES.currency],
    target: 'event.properties.currency',
    transforms: ['trim', 'uppercase'],
  },
];

/** DY's cart: `[{ productId, quantity, itemPrice }]` from the products. */
const cartOf = (props: Record<string, unknown>): Record<string, unknown>[] =>
  (Array.isArray(props.products)
    ? props.products.filter(isRecord)
    : props.product_id || props.sku
      ? [props]
      : []
  ).map((p) => ({
    productId: String((p.product_id ?? p.sku ?? '') as string),
    quantity: Number(p.quantity ?? 1),
    itemPrice: Number(p.price ?? 0),
  }));

/** What the registry holds for Dynamic Yield. */
export const dynamicYield = declareVendor(
  {
    id: 'dynamic_yield',
    name: 'Dynamic Yield',
    category: 'analytics',
    description:
      'Personalization: purchases, add-to-carts, sign-ups and searches that feed Dynamic Yield’s targeting and recommendations.',
    api: 'Experience API (/v2/collect/user/event)',
    docs: 'https://dy.dev/reference/trackevents',
    status: 'beta',
    keywords: ['personalization', 'recommendations', 'mastercard'],
    test_settings: { api_key: 'test-dy-server-key' },
    settings: [
      {
        key: 'api_key',
        label: 'Server-side API key',
        type: 'secret',
        help: 'An Experience API server-side key (Settings → API Keys).',
      },
      {
        key: 'region',
        label: 'Data center',
        type: 'select',
        required: false,
        options: ['us', 'eu'],
        default: 'us',
        help: 'The section’s data center (dy-api.com or dy-api.eu).',
      },
    ],
    spec: {
      endpoint: {
        base_url: 'https://dy-api.com',
        regions: {
          setting: 'region',
          hosts: { us: 'https://dy-api.com', eu: 'https://dy-api.eu' },
        },
        path: '/v2/collect/user/event',
      },
      auth: { kind: 'api_key', in: 'header', name: 'dy-api-key', value: '{{settings.api_key}}' },
      body: { wrapper: '{{item}}' },
      eligibility: {
        any_of: [['user.dyid'], ['user.id']],
        reason: 'Dynamic Yield needs the _dyid cookie value or a user id',
      },
      batching: { max_events: 1 },
      rate_limit_rps: 20,
      answer: { error_message: ['error', 'message'] },
    },
    mapping: {
      fields: [
        { path: 'user.dyid', required: false, description: 'The _dyid cookie value.' },
        {
          path: 'user.dyid_server',
          required: false,
          description: 'The _dyid_server cookie value.',
        },
        { path: 'session.dy', required: false, description: 'The _dyjsession cookie value.' },
        { path: 'event.name', required: false, auto: true, description: 'The event’s name.' },
        {
          path: 'event.properties.dyType',
          required: false,
          description: 'DY event type (purchase-v1, add-to-cart-v1…).',
        },
        {
          path: 'event.properties.value',
          required: false,
          requiredFor: ['purchase'],
          description: 'Value.',
        },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents(
          {
            add_to_cart: 'Add to Cart',
            begin_checkout: 'Checkout Started',
            purchase: 'Purchase',
            lead: 'Lead',
            sign_up: 'Signup',
            search: 'Keyword Search',
          },
          (e): MappingRow[] => {
            switch (e) {
              case 'purchase':
                return [
                  { value: 'purchase-v1', target: 'event.properties.dyType' },
                  {
                    source: [...SOURCES.order_id],
                    target: 'event.properties.uniqueTransactionId',
                    transforms: ['to_string'],
                  },
                  ...value,
                ];
              case 'add_to_cart':
                return [
                  { value: 'add-to-cart-v1', target: 'event.properties.dyType' },
                  {
                    source: [...SOURCES.product_id],
                    target: 'event.properties.productId',
                    transforms: ['to_string'],
                  },
                  ...value,
                ];
              case 'sign_up':
                return [{ value: 'signup-v1', target: 'event.properties.dyType' }];
              case 'search':
                return [
                  { value: 'keyword-search-v1', target: 'event.properties.dyType' },
                  { source: [...SOURCES.query], target: 'event.properties.keywords' },
                ];
              default:
                return value;
            }
          },
        ),
        defaults: { action: 'pass_through' },
      },
    },
    not_mapped: {
      page_view:
        'Dynamic Yield takes page views with a page context through its page-view call, not as events',
      view_item: 'a product view is a page view with a product context in Dynamic Yield',
    },
    unverified: ['user.id when the _dyid cookie value is unknown', 'session.custom as the session'],
  },
  {
    hooks: {
      // One event in `events`; purchases and add-to-carts carry a cart.
      item(item, event, _params, _test, _now, mapped) {
        // Page and product views are page-view calls in DY: not sent as events (see not_mapped).
        if (event.type === 'page')
          return 'Dynamic Yield takes page views through its page-view call';
        if (
          mapped.mapping === null &&
          event.event !== undefined &&
          STANDARD_MATCH.view_item.includes(event.event)
        )
          return 'a product view is a page view with a product context in Dynamic Yield';
        const ev = isRecord(item.event) ? item.event : {};
        const props = isRecord(ev.properties) ? ev.properties : {};
        const own = isRecord(ev.event_properties) ? ev.event_properties : {};
        // Typed events follow DY's schema (their own fields only); custom events carry the event's properties.
        const p: Record<string, unknown> = props.dyType ? { ...props } : { ...own, ...props };
        if (p.dyType === 'purchase-v1' || p.dyType === 'add-to-cart-v1') {
          const cart = cartOf(isRecord(event.properties) ? event.properties : {});
          if (cart.length) p.cart = cart;
        }
        const out: Record<string, unknown> = {
          user: item.user,
          events: [{ name: mapped.vendor_event, properties: p }],
        };
        if (isRecord(item.session)) out.session = item.session;
        return out;
      },
    },
    extraCheck: (item) =>
      !Array.isArray(item.events) ||
      item.events.length !== 1 ||
      !isRecord(item.events[0]) ||
      typeof item.events[0].name !== 'string'
        ? 'events must hold one named event'
        : undefined,
  },
);
