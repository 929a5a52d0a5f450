/**
 * Optimizely Event API, declared (facts: docs/vendors/more-vendors-and-catalog.md §18 catalog row
 * `optimizely`, evidence S; confirmed in Optimizely's Event API guides "Get started", "Bundle
 * events and visitors" and "Troubleshoot"): `POST
 * https://logx.optimizely.com/v1/events`, no auth (the account id in the body), `{ account_id,
 * anonymize_ip, client_name, client_version, enrich_decisions: true, visitors: [{ visitor_id,
 * attributes, snapshots: [{ decisions: [], events: [{ entity_id, key, timestamp (ms), uuid,
 * revenue (cents), value, tags }] }] }] }`. With `enrich_decisions` Optimizely joins the event to the
 * visitor's experiment decisions itself. `entity_id` is the event's id in the Optimizely project:
 * the integration maps event keys to ids (`event_ids`); events without one are skipped. A request
 * is at most 3.5 MB; Optimizely answers 204 once it stored the payload, which is no validation:
 * `X-Optimizely-Strict: true` asks for failure statuses instead. EU data residency (approved
 * customers): `eu.logx.optimizely.com`. The visitor id must be the one Optimizely bucketed the
 * visitor with (the anonymous id here, or `context.vendor_ids.optimizely_end_user_id`).
 *
 * Unverified: the strict header's failure answers (status and body).
 */
import { createHash } from 'node:crypto';
import type { MappingRow } from '../../mapping/config.js';
import { isRecord } from '../../json/index.js';
import { declareVendor } from '../spec/declared.js';
import { SOURCES, standardEvents } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  {
    source: ['context.vendor_ids.optimizely_end_user_id', 'anonymous_id', 'user_id'],
    target: 'visitor_id',
    transforms: ['to_string'],
  },
  { source: 'properties', target: 'tags' },
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuidOf = (id: string): string => {
  if (UUID.test(id)) return id;
  const h = createHash('sha256').update(id).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/** What the registry holds for Optimizely. */
export const optimizely = declareVendor(
  {
    id: 'optimizely',
    name: 'Optimizely',
    category: 'analytics',
    description:
      'Experimentation: conversions and revenue sent server-side to your Optimizely experiments’ results.',
    api: 'Event API (logx /v1/events)',
    docs: 'https://docs.developers.optimizely.com/feature-experimentation/docs/event-api',
    status: 'beta',
    keywords: ['experimentation', 'a/b testing', 'conversions'],
    logo: { pack: 'logos', name: 'optimizely-icon' },
    test_settings: {
      account_id: '12345678',
      event_ids: {
        page_view: '1001',
        view_item: '1002',
        add_to_cart: '1003',
        begin_checkout: '1004',
        purchase: '1005',
        lead: '1006',
        sign_up: '1007',
        search: '1008',
      },
    },
    settings: [
      {
        key: 'account_id',
        label: 'Account ID',
        type: 'string',
        pattern: { regex: '^[0-9]+$', message: 'the numeric account id' },
        help: 'Your Optimizely account id (Account settings → Plan).',
      },
      {
        key: 'event_ids',
        label: 'Event ids',
        type: 'json',
        help: 'Event key → the event’s id in your Optimizely project, e.g. {"purchase": "21234567"}.',
      },
      {
        key: 'anonymize_ip',
        label: 'Anonymize IP',
        type: 'boolean',
        required: false,
        default: true,
        help: 'Ask Optimizely to anonymize visitor IPs.',
      },
      {
        key: 'region',
        label: 'Data residency',
        type: 'select',
        required: false,
        options: ['us', 'eu'],
        default: 'us',
        help: 'EU logging (eu.logx.optimizely.com) is for approved EU customers only.',
      },
    ],
    spec: {
      endpoint: {
        base_url: 'https://logx.optimizely.com',
        regions: {
          setting: 'region',
          hosts: { us: 'https://logx.optimizely.com', eu: 'https://eu.logx.optimizely.com' },
        },
        path: '/v1/events',
      },
      auth: { kind: 'none' },
      headers: { static: { 'x-optimizely-strict': 'true' } },
      body: {
        wrapper: {
          account_id: '{{settings.account_id}}',
          anonymize_ip: '{{settings.anonymize_ip}}',
          client_name: 'datafly-signal',
          client_version: '1.0.0',
          enrich_decisions: true,
          visitors: '{{items}}',
        },
      },
      eligibility: { any_of: [['visitor_id']], reason: 'Optimizely needs the visitor id' },
      batching: { max_events: 100, max_bytes: 3_500_000 },
      rate_limit_rps: 20,
    },
    mapping: {
      fields: [
        {
          path: 'visitor_id',
          required: true,
          description: 'The visitor id Optimizely bucketed (the anonymous id).',
        },
        {
          path: 'revenue',
          required: false,
          requiredFor: ['purchase'],
          description: 'Revenue (sent in cents).',
        },
        { path: 'value', required: false, description: 'A numeric value.' },
        { path: 'tags', required: false, description: 'Event tags (the event properties).' },
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
            e === 'purchase'
              ? [{ source: [...SOURCES.value], target: 'revenue', transforms: ['to_number'] }]
              : e === 'lead'
                ? [{ source: [...SOURCES.value], target: 'value', transforms: ['to_number'] }]
                : [],
        ),
        defaults: { action: 'pass_through' },
      },
    },
    unverified: ['failure answers of X-Optimizely-Strict'],
  },
  {
    hooks: {
      // The visitor → one snapshot holding the event, its entity id from the settings' map.
      item(item, event, params, _test, _now, mapped) {
        const ids = isRecord(params.event_ids) ? params.event_ids : {};
        const entity = ids[mapped.vendor_event];
        if (typeof entity !== 'string' && typeof entity !== 'number')
          return `no Optimizely event id for "${mapped.vendor_event}" in event_ids`;
        const ev: Record<string, unknown> = {
          entity_id: String(entity),
          key: mapped.vendor_event,
          timestamp: Date.parse(event.timestamp),
          uuid: uuidOf(event.event_id),
        };
        if (typeof item.revenue === 'number') ev.revenue = Math.round(item.revenue * 100);
        if (typeof item.value === 'number') ev.value = item.value;
        if (isRecord(item.tags) && Object.keys(item.tags).length) ev.tags = item.tags;
        return {
          visitor_id: item.visitor_id,
          attributes: [],
          snapshots: [{ decisions: [], events: [ev] }],
        };
      },
    },
    extraCheck: (item) => {
      const ev =
        Array.isArray(item.snapshots) &&
        isRecord(item.snapshots[0]) &&
        Array.isArray(item.snapshots[0].events)
          ? item.snapshots[0].events[0]
          : undefined;
      if (
        !isRecord(ev) ||
        typeof ev.entity_id !== 'string' ||
        typeof ev.timestamp !== 'number' ||
        !UUID.test(String(ev.uuid))
      )
        return 'snapshots[0].events[0] needs entity_id, a millisecond timestamp and a UUID';
      return ev.revenue !== undefined && !Number.isInteger(ev.revenue)
        ? 'revenue must be an integer (cents)'
        : undefined;
    },
  },
);
