/**
 * Split (Harness FME) events API, declared (facts: docs/vendors/more-vendors-and-catalog.md §18 catalog row
 * `splitio`, evidence R; confirmed in Split's API reference "Create Events" and Harness FME's "Sending
 * Event Data"): `POST https://events.split.io/api/events/bulk`,
 * a server-side SDK key as Bearer token, a JSON array of `{ eventTypeId, trafficTypeName, key,
 * value, timestamp (ms), properties }`. Event type ids match `[a-zA-Z0-9][-_.:a-zA-Z0-9]{0,79}`
 * (other characters become `_` here); property values are text, numbers, booleans or null.
 *
 * Unverified: 100 events per request as a safe size.
 */
import type { MappingRow } from '../../mapping/config.js';
import { isRecord } from '../../json/index.js';
import { declareVendor } from '../spec/declared.js';
import { SOURCES, standardEvents } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  { source: ['user_id', 'anonymous_id'], target: 'key', transforms: ['to_string'] },
  { source: 'properties', target: 'properties' },
];

const EVENT_TYPE = /^[a-zA-Z0-9][-_.:a-zA-Z0-9]{0,79}$/;
/** An event name as a Split event type id. */
const eventTypeId = (name: string): string => {
  const s = name.replace(/[^-_.:a-zA-Z0-9]/g, '_').replace(/^[^a-zA-Z0-9]+/, '');
  return (s || 'event').slice(0, 80);
};

/** What the registry holds for Split. */
export const splitio = declareVendor(
  {
    id: 'splitio',
    name: 'Split',
    category: 'analytics',
    description:
      'Feature flags and experimentation: your events as metrics for feature impact and experiments.',
    api: 'Events API (/api/events/bulk)',
    docs: 'https://docs.split.io/reference/create-events',
    status: 'beta',
    keywords: ['feature flags', 'experimentation', 'harness', 'metrics'],
    test_settings: { sdk_key: 'test-split-server-sdk-key' },
    settings: [
      {
        key: 'sdk_key',
        label: 'Server-side SDK key',
        type: 'secret',
        help: 'A server-side SDK API key of the environment (Admin settings → API keys).',
      },
      {
        key: 'traffic_type',
        label: 'Traffic type',
        type: 'string',
        required: false,
        default: 'user',
        help: 'The traffic type your keys belong to (user by default).',
      },
    ],
    spec: {
      endpoint: { base_url: 'https://events.split.io', path: '/api/events/bulk' },
      auth: { kind: 'bearer', token: '{{settings.sdk_key}}' },
      body: { wrapper: '{{items}}' },
      item: {
        fields: {
          eventTypeId: '{{vendor_event}}',
          trafficTypeName: '{{settings.traffic_type}}',
          timestamp: '{{event.timestamp | to_unix_ms}}',
        },
      },
      eligibility: { any_of: [['key']], reason: 'Split needs a key (user id or anonymous id)' },
      batching: { max_events: 100 },
      rate_limit_rps: 20,
    },
    mapping: {
      fields: [
        {
          path: 'eventTypeId',
          required: true,
          auto: true,
          description: 'The event type (its name, Split’s characters only).',
        },
        {
          path: 'trafficTypeName',
          required: true,
          auto: true,
          description: 'Traffic type (from the settings).',
        },
        { path: 'key', required: true, description: 'The key (user id, else anonymous id).' },
        { path: 'value', required: false, description: 'A numeric value (revenue of a purchase).' },
        { path: 'properties', required: false, description: 'Event properties.' },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents(
          {
            page_view: 'page_view',
            view_item: 'view_item',
            add_to_cart: 'add_to_cart',
            begin_checkout: 'begin_checkout',
            purchase: 'purchase',
            lead: 'lead',
            sign_up: 'sign_up',
            search: 'search',
          },
          (e) =>
            e === 'purchase' || e === 'begin_checkout' || e === 'lead'
              ? [{ source: [...SOURCES.value], target: 'value', transforms: ['to_number'] }]
              : [],
        ),
        defaults: { action: 'pass_through' },
      },
    },
    unverified: ['100 events per request as a safe size'],
  },
  {
    hooks: {
      item(item) {
        if (typeof item.eventTypeId === 'string') item.eventTypeId = eventTypeId(item.eventTypeId);
        // Property values: text, numbers, booleans and null only.
        if (isRecord(item.properties))
          item.properties = Object.fromEntries(
            Object.entries(item.properties).filter(([, v]) => v === null || typeof v !== 'object'),
          );
      },
    },
    extraCheck: (item) =>
      !EVENT_TYPE.test(String(item.eventTypeId))
        ? 'eventTypeId has characters Split refuses'
        : isRecord(item.properties) &&
            Object.values(item.properties).some((v) => v !== null && typeof v === 'object')
          ? 'properties must be flat'
          : undefined,
  },
);
