/**
 * OneSignal Custom Events API, declared. Facts from OneSignal's API reference ("Create custom
 * events"): `POST https://api.onesignal.com/apps/{app_id}/custom_events` with `{ events: [{ name,
 * external_id | onesignal_id, timestamp (ISO-8601), idempotency_key, properties }] }`, the app's
 * REST API key as `Authorization: Key <key>`; events that cannot be processed are listed in a 202
 * answer's `errors: [{ event_id, error: { code, title } }]` (only those need resending), a 5xx
 * means the whole batch is retried; at most 2,024 bytes per event and 1 MB per request. The
 * `idempotency_key` must be a UUID (repeats ignored for about 4 hours): an event id that is not
 * one becomes a name-based UUID (version 5 layout) of it, the same on every retry.
 * Used to enter users into Journeys and Wait Until steps.
 * Unverified: that `errors[].event_id` echoes the idempotency key; the per-request event cap (100 used).
 */
import { createHash } from 'node:crypto';
import { isRecord } from '../../json/index.js';
import type { MappingRow } from '../../mapping/config.js';
import { jsonBody } from '../outcomes.js';
import type { EventOutcome } from '../types.js';
import { declareVendor } from '../spec/declared.js';
import type { SpecHooks } from '../spec/interpret.js';
import { specEventNames, standardEvents } from '../spec/standard.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A fixed namespace for the name-based ids (a random UUID chosen once for Datafly's OneSignal ids). */
const NAMESPACE = Buffer.from('6f1c2a7e4b8d4e0f9a3c5d7e1f2a3b4c', 'hex');

/**
 * The event id as a UUID: kept when it is one, else SHA-1 of namespace + id in the RFC 9562
 * version 5 layout.
 *
 * @example idempotencyKey('ORD-1001') // → the same UUID every time
 */
function idempotencyKey(eventId: string): string {
  if (UUID.test(eventId)) return eventId.toLowerCase();
  const h = createHash('sha1').update(NAMESPACE).update(eventId, 'utf8').digest().subarray(0, 16);
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

const hooks: SpecHooks = {
  item(item, event) {
    item.idempotency_key = idempotencyKey(event.event_id);
  },
  // A 202 listing failed events names them by their idempotency key: only those fail.
  classify(response, request) {
    if (response.status < 200 || response.status >= 300) return undefined;
    const json = jsonBody(response.body);
    const errors = isRecord(json) && Array.isArray(json.errors) ? json.errors.filter(isRecord) : [];
    if (!errors.length) return undefined;
    return request.event_ids.map((event_id): EventOutcome => {
      const key = idempotencyKey(event_id);
      const e = errors.find((x) => x.event_id === key || x.event_id === event_id);
      if (!e) return { event_id, status: 'delivered' };
      const title =
        isRecord(e.error) && typeof e.error.title === 'string' ? e.error.title : 'event rejected';
      return { event_id, status: 'failed', code: 'vendor_rejected', reason: `OneSignal: ${title}` };
    });
  },
};

const GLOBAL: MappingRow[] = [
  { source: 'user_id', target: 'external_id', transforms: ['to_string'] },
  { source: 'context.vendor_ids.onesignal_id', target: 'onesignal_id', transforms: ['to_string'] },
  { source: 'properties', target: 'properties' },
];

/** What the registry holds for OneSignal. */
export const onesignal = declareVendor(
  {
    id: 'onesignal',
    name: 'OneSignal',
    category: 'cdp',
    description:
      'Push, email and in-app messaging: custom events that start Journeys and drive Wait Until steps.',
    api: 'Custom Events API (/apps/{app_id}/custom_events)',
    docs: 'https://documentation.onesignal.com/reference/create-custom-events',
    status: 'ga',
    keywords: ['push notifications', 'journeys', 'in-app', 'messaging'],
    logo: { pack: 'logos', name: 'onesignal' },
    unverified: ['errors[].event_id echoing the idempotency key', 'at most 100 events per request'],
    test_settings: {
      app_id: '00000000-0000-4000-8000-000000000000',
      api_key: 'test-onesignal-rest-key',
    },
    settings: [
      {
        key: 'app_id',
        label: 'App ID',
        type: 'string',
        help: 'Settings → Keys & IDs: the OneSignal App ID.',
      },
      {
        key: 'api_key',
        label: 'REST API key',
        type: 'secret',
        help: 'Settings → Keys & IDs: a REST API key of the app.',
      },
    ],
    spec: {
      endpoint: {
        base_url: 'https://api.onesignal.com',
        path: '/apps/{{settings.app_id}}/custom_events',
      },
      auth: {
        kind: 'api_key',
        in: 'header',
        name: 'Authorization',
        value: '{{settings.api_key}}',
        prefix: 'Key ',
      },
      body: { wrapper: { events: '{{items}}' } },
      item: { fields: { name: '{{vendor_event}}', timestamp: '{{event.timestamp | to_iso8601}}' } },
      eligibility: {
        any_of: [['external_id'], ['onesignal_id']],
        reason: 'OneSignal needs the user’s External ID (your user id) or OneSignal ID',
      },
      batching: { max_events: 100, max_bytes: 1_000_000 },
      rate_limit_rps: 50,
      answer: {
        error_message: ['errors.0.title', 'errors.0', 'errors.0.error.title'],
        per_event: {
          path: 'errors',
          match: 'id',
          id_field: 'event_id',
          item_id_field: 'idempotency_key',
          error_field: 'error',
          message_field: 'error.title',
        },
      },
    },
    mapping: {
      fields: [
        {
          path: 'name',
          required: true,
          auto: true,
          description: 'The event’s name (at most 128 characters).',
        },
        {
          path: 'timestamp',
          required: true,
          auto: true,
          description: 'When it happened (ISO-8601).',
        },
        {
          path: 'idempotency_key',
          required: true,
          auto: true,
          description: 'The event id as a UUID.',
        },
        {
          path: 'external_id',
          required: false,
          description: 'Your user id (the OneSignal External ID).',
        },
        { path: 'onesignal_id', required: false, description: 'The OneSignal ID.' },
        {
          path: 'properties',
          required: false,
          description: 'Event properties (for Journeys and personalisation).',
        },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents(specEventNames('snake')),
        defaults: { action: 'pass_through' },
      },
    },
  },
  { hooks },
);
