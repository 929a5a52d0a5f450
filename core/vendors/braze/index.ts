/**
 * Braze `POST /users/track`, declared (facts: docs/vendors/more-vendors-and-catalog.md §8, from Braze's
 * API docs; REST hosts per instance from Braze's "API and SDK endpoints" page): the REST API key
 * with the `users.track` permission as a Bearer token, `{ events: [...], purchases: [...] }`,
 * each object naming its user by `external_id` (else a `user_alias`), `time` as ISO-8601.
 * A purchase is also one purchase object per product (`product_id`, `currency`, `price`,
 * `quantity`), the form Braze's revenue reports read. Braze counts at most 75 objects per request
 * (events + purchases + attributes, newer accounts); 50 events per request leaves room for the
 * purchases. Partial success: a 2xx with `errors: [{ type, input_array, index }]`; Braze does
 * not deduplicate, so retries stay minimal. Attributes (traits) are not sent.
 */
import type { Envelope } from '../../event/index.js';
import { isRecord } from '../../json/index.js';
import type { MappingRow } from '../../mapping/config.js';
import { jsonBody } from '../outcomes.js';
import { declareVendor } from '../spec/declared.js';
import type { SpecHooks } from '../spec/interpret.js';
import { standardEvents } from '../spec/standard.js';
import type { EventOutcome } from '../types.js';

/** Braze REST endpoints by instance (US-01 … EU-02). */
const HOSTS: Record<string, string> = {
  'US-01': 'https://rest.iad-01.braze.com',
  'US-02': 'https://rest.iad-02.braze.com',
  'US-03': 'https://rest.iad-03.braze.com',
  'US-04': 'https://rest.iad-04.braze.com',
  'US-05': 'https://rest.iad-05.braze.com',
  'US-06': 'https://rest.iad-06.braze.com',
  'US-07': 'https://rest.iad-07.braze.com',
  'US-08': 'https://rest.iad-08.braze.com',
  'US-10': 'https://rest.us-10.braze.com',
  'EU-01': 'https://rest.fra-01.braze.eu',
  'EU-02': 'https://rest.fra-02.braze.eu',
};

const GLOBAL: MappingRow[] = [
  { source: 'user_id', target: 'external_id', transforms: ['to_string'] },
  { source: 'anonymous_id', target: 'user_alias.alias_name', transforms: ['to_string'] },
  { target: 'user_alias.alias_label', value: 'anonymous_id' },
  { source: 'properties', target: 'properties' },
];

const PURCHASE_ROWS: MappingRow[] = [
  {
    source: 'properties.products',
    target: 'purchases',
    items: [
      { source: ['product_id', 'sku'], target: 'product_id', transforms: ['to_string'] },
      { source: 'price', target: 'price', transforms: ['to_number'] },
      { source: 'quantity', target: 'quantity', transforms: ['to_number'] },
    ],
  },
];

const hooks: SpecHooks = {
  // One user identifier per object: the external id, else the anonymous id as an alias (creating an alias-only profile needs `_update_existing_only: false`).
  item(item, event: Envelope) {
    const alias = item.user_alias;
    if (item.external_id !== undefined || !isRecord(alias) || alias.alias_name === undefined)
      delete item.user_alias;
    else item._update_existing_only = false;
    const who =
      item.external_id !== undefined
        ? { external_id: item.external_id }
        : isRecord(item.user_alias)
          ? { user_alias: item.user_alias, _update_existing_only: false }
          : {};
    if (Array.isArray(item.purchases)) {
      const currency =
        typeof event.properties.currency === 'string'
          ? event.properties.currency.trim().toUpperCase()
          : undefined;
      item.purchases = item.purchases
        .filter((p) => isRecord(p) && p.product_id !== undefined && typeof p.price === 'number')
        .map((p) => ({ ...who, ...(p as object), currency, time: item.time }));
    }
  },
  // Purchases leave their event for the request's `purchases` array.
  body(body, items) {
    if (!isRecord(body)) return body;
    const purchases = items.flatMap((i) =>
      Array.isArray(i.purchases) ? (i.purchases as unknown[]) : [],
    );
    const events = items.map(({ purchases: _p, ...rest }) => rest);
    return purchases.length ? { ...body, events, purchases } : { ...body, events };
  },
  // A 2xx "success" with non-fatal errors: the events named by index in `events` failed, the rest were processed.
  classify(response, request) {
    if (response.status < 200 || response.status >= 300) return undefined;
    const json = jsonBody(response.body);
    const errors = isRecord(json) && Array.isArray(json.errors) ? json.errors.filter(isRecord) : [];
    if (!errors.length) return undefined;
    return request.event_ids.map((event_id, i): EventOutcome => {
      const e = errors.find((x) => x.input_array === 'events' && Number(x.index) === i);
      return e
        ? {
            event_id,
            status: 'failed',
            code: 'vendor_rejected',
            reason: `Braze: ${typeof e.type === 'string' ? e.type : 'event rejected'}`,
          }
        : { event_id, status: 'delivered' };
    });
  },
};

/** What the registry holds for Braze. */
export const braze = declareVendor(
  {
    id: 'braze',
    name: 'Braze',
    category: 'cdp',
    description:
      'Customer engagement: custom events and purchases on each user’s Braze profile, for segments and campaigns.',
    api: 'REST API /users/track',
    docs: 'https://www.braze.com/docs/api/endpoints/user_data/post_user_track',
    status: 'ga',
    keywords: ['engagement', 'crm', 'messaging', 'push', 'email'],
    logo: { pack: 'logos', name: 'braze-icon' },
    test_settings: { api_key: 'test-braze-rest-key', instance: 'US-01' },
    settings: [
      {
        key: 'api_key',
        label: 'REST API key',
        type: 'secret',
        help: 'A REST API key with the users.track permission (Settings → APIs and Identifiers).',
      },
      {
        key: 'instance',
        label: 'Instance',
        type: 'select',
        options: Object.keys(HOSTS),
        default: 'US-01',
        help: 'Your Braze cluster: the dashboard URL tells it (dashboard-03.braze.com → US-03, dashboard-01.braze.eu → EU-01).',
      },
    ],
    spec: {
      endpoint: {
        base_url: HOSTS['US-01']!,
        regions: { setting: 'instance', hosts: HOSTS },
        path: '/users/track',
      },
      auth: { kind: 'bearer', token: '{{settings.api_key}}' },
      body: { wrapper: { events: '{{items}}' } },
      item: { fields: { name: '{{vendor_event}}', time: '{{event.timestamp | to_iso8601}}' } },
      eligibility: {
        any_of: [['external_id'], ['user_alias.alias_name']],
        reason: 'Braze needs a user id or an anonymous id',
      },
      batching: { max_events: 50, max_bytes: 4_000_000 },
      rate_limit_rps: 100,
      // Fatal answers: {"message":"…","errors":[…]} with 400/401/403/404/429/5xx.
      answer: { error_message: ['message'] },
    },
    mapping: {
      fields: [
        { path: 'name', required: true, auto: true, description: 'The custom event’s name.' },
        { path: 'time', required: true, auto: true, description: 'When it happened (ISO-8601).' },
        { path: 'external_id', required: false, description: 'Your user id.' },
        {
          path: 'user_alias.alias_name',
          required: false,
          description: 'Anonymous id, as a user alias when there is no user id.',
        },
        { path: 'properties', required: false, description: 'Event properties.' },
        {
          path: 'purchases',
          required: false,
          requiredFor: ['purchase'],
          description: 'One purchase per product: product_id, price, quantity.',
        },
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
          (e) => (e === 'purchase' ? PURCHASE_ROWS : []),
        ),
        defaults: { action: 'pass_through' },
      },
    },
    variants: [
      {
        key: 'eu',
        name: 'EU instance',
        description: 'Workspaces on Braze’s EU-01 cluster.',
        defaults: { instance: 'EU-01' },
      },
    ],
  },
  { hooks },
);
