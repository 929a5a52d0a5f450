/**
 * LaunchDarkly custom (metric) events through the events bulk endpoint, declared (facts:
 * docs/vendors/more-vendors-and-catalog.md §18 catalog row `launchdarkly`, evidence S, read in
 * segmentio/action-destinations' LaunchDarkly destination): `POST
 * https://events.launchdarkly.com/events/bulk/{client-side ID}`, no other credential,
 * `X-LaunchDarkly-Event-Schema: 4` (the schema with context keys), a JSON array of `{ kind:
 * 'custom', key, contextKeys: { <context kind>: <key> }, metricValue, data, creationDate (ms) }`.
 * The event key is what a LaunchDarkly metric listens to; the context key must be the one your SDKs
 * evaluate flags with (the user id, else the anonymous id).
 *
 * Unverified: the EU and federal event hosts (not offered here); 200 events per request as a safe
 * batch size.
 */
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import { SOURCES, standardEvents } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  { source: ['user_id', 'anonymous_id'], target: 'context_key', transforms: ['to_string'] },
  { source: 'properties', target: 'data' },
];

/** What the registry holds for LaunchDarkly. */
export const launchdarkly = declareVendor(
  {
    id: 'launchdarkly',
    name: 'LaunchDarkly',
    category: 'analytics',
    description:
      'Feature flags and experimentation: your events as custom metric events for experiments and guarded rollouts.',
    api: 'Events bulk endpoint (/events/bulk/{client-side ID})',
    docs: 'https://launchdarkly.com/docs/sdk/features/events',
    status: 'beta',
    keywords: ['feature flags', 'experimentation', 'metrics', 'a/b testing'],
    logo: { pack: 'logos', name: 'launchdarkly-icon' },
    test_settings: { client_side_id: '5f0000000000000000000abc' },
    settings: [
      {
        key: 'client_side_id',
        label: 'Client-side ID',
        type: 'string',
        help: 'The environment’s client-side ID (Project settings → Environments).',
      },
      {
        key: 'context_kind',
        label: 'Context kind',
        type: 'string',
        required: false,
        default: 'user',
        help: 'The context kind your flags evaluate (user by default).',
      },
    ],
    spec: {
      endpoint: {
        base_url: 'https://events.launchdarkly.com',
        path: '/events/bulk/{{settings.client_side_id}}',
      },
      auth: { kind: 'none' },
      headers: { static: { 'x-launchdarkly-event-schema': '4' } },
      body: { wrapper: '{{items}}' },
      item: {
        fields: {
          kind: 'custom',
          key: '{{vendor_event}}',
          creationDate: '{{event.timestamp | to_unix_ms}}',
        },
      },
      eligibility: {
        any_of: [['contextKeys']],
        reason: 'LaunchDarkly needs a context key (user id or anonymous id)',
      },
      batching: { max_events: 200 },
      rate_limit_rps: 20,
    },
    mapping: {
      fields: [
        {
          path: 'key',
          required: true,
          auto: true,
          description: 'The event key a metric listens to (the event’s name).',
        },
        {
          path: 'context_key',
          required: false,
          description: 'The context key (user id, else anonymous id).',
        },
        {
          path: 'metricValue',
          required: false,
          description: 'Numeric metric value (revenue of a purchase).',
        },
        { path: 'data', required: false, description: 'Event properties (Data Export).' },
        { path: 'creationDate', required: true, auto: true, description: 'Epoch milliseconds.' },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents(
          {
            page_view: 'page-view',
            view_item: 'view-item',
            add_to_cart: 'add-to-cart',
            begin_checkout: 'begin-checkout',
            purchase: 'purchase',
            lead: 'lead',
            sign_up: 'sign-up',
            search: 'search',
          },
          (e) =>
            e === 'purchase' || e === 'begin_checkout' || e === 'lead'
              ? [{ source: [...SOURCES.value], target: 'metricValue', transforms: ['to_number'] }]
              : [],
        ),
        defaults: { action: 'pass_through' },
      },
    },
    unverified: ['200 events per request as a safe batch size'],
  },
  {
    hooks: {
      // `contextKeys` is keyed by the context kind (a setting).
      item(item, _event, params) {
        const key = item.context_key;
        delete item.context_key;
        if (typeof key === 'string' && key)
          item.contextKeys = {
            [typeof params.context_kind === 'string' ? params.context_kind : 'user']: key,
          };
      },
    },
    extraCheck: (item) =>
      item.kind !== 'custom' || typeof item.creationDate !== 'number'
        ? 'kind custom and a numeric creationDate are required'
        : undefined,
  },
);
