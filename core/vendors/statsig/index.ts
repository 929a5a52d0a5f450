/**
 * Statsig HTTP API `log_event`, declared (facts: docs/vendors/more-vendors-and-catalog.md §18 catalog row
 * `statsig`, evidence R; confirmed in Statsig's API reference "Log Custom Events"): `POST https://events.statsigapi.net/v1/log_event`,
 * the server secret key in `statsig-api-key`, `{ events: [{ eventName, user: { userID, customIDs,
 * ip, userAgent }, value, metadata, time (epoch ms) }] }`, answered 202 `{ success: true }`. Events
 * feed experiment and metric results; a user needs `userID` or a custom id (the anonymous id as
 * `customIDs.stableID`). Metadata values are sent as text, the way Statsig's SDKs send them.
 *
 * Unverified: 1,000 events per request as a safe size.
 */
import type { MappingRow } from '../../mapping/config.js';
import { isRecord } from '../../json/index.js';
import { declareVendor } from '../spec/declared.js';
import { SOURCES, standardEvents } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  { source: 'user_id', target: 'user.userID', transforms: ['to_string'] },
  { source: 'anonymous_id', target: 'user.customIDs.stableID', transforms: ['to_string'] },
  { source: 'context.ip', target: 'user.ip' },
  { source: 'context.user_agent', target: 'user.userAgent' },
  { source: 'properties', target: 'metadata' },
];

/** What the registry holds for Statsig. */
export const statsig = declareVendor(
  {
    id: 'statsig',
    name: 'Statsig',
    category: 'analytics',
    description:
      'Experimentation and feature flags: your events as metrics for experiments and product analytics.',
    api: 'HTTP API (/v1/log_event)',
    docs: 'https://docs.statsig.com/api-reference/events/log-custom-events',
    status: 'beta',
    keywords: ['experimentation', 'a/b testing', 'feature flags', 'metrics'],
    test_settings: { server_secret: 'secret-test-statsig-key' },
    settings: [
      {
        key: 'server_secret',
        label: 'Server secret key',
        type: 'secret',
        help: 'A server secret key (secret-…, Project Settings → Keys & Environments).',
      },
    ],
    spec: {
      endpoint: { base_url: 'https://events.statsigapi.net', path: '/v1/log_event' },
      auth: {
        kind: 'api_key',
        in: 'header',
        name: 'statsig-api-key',
        value: '{{settings.server_secret}}',
      },
      body: { wrapper: { events: '{{items}}' } },
      item: { fields: { eventName: '{{vendor_event}}', time: '{{event.timestamp | to_unix_ms}}' } },
      eligibility: {
        any_of: [['user.userID'], ['user.customIDs.stableID']],
        reason: 'Statsig needs a user id or a stable id',
      },
      batching: { max_events: 1000 },
      rate_limit_rps: 20,
      answer: { error_message: ['message', 'error'] },
    },
    mapping: {
      fields: [
        { path: 'eventName', required: true, auto: true, description: 'The event’s name.' },
        { path: 'user.userID', required: false, description: 'Your user id.' },
        {
          path: 'user.customIDs.stableID',
          required: false,
          description: 'Stable id (the anonymous id).',
        },
        {
          path: 'value',
          required: false,
          description: 'The event’s value (revenue, a search query…).',
        },
        { path: 'metadata', required: false, description: 'Event metadata (text values).' },
        { path: 'time', required: false, auto: true, description: 'Epoch milliseconds.' },
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
              : e === 'search'
                ? [{ source: [...SOURCES.query], target: 'value' }]
                : e === 'view_item' || e === 'add_to_cart'
                  ? [
                      {
                        source: [...SOURCES.product_id],
                        target: 'value',
                        transforms: ['to_string'],
                      },
                    ]
                  : [],
        ),
        defaults: { action: 'pass_through' },
      },
    },
    unverified: ['1,000 events per request as a safe size'],
  },
  {
    hooks: {
      // Statsig's metadata is a map of text: numbers and booleans as text, objects as JSON.
      item(item) {
        if (!isRecord(item.metadata)) return;
        const meta = Object.entries(item.metadata).flatMap(([k, v]) =>
          v === null || v === undefined
            ? []
            : [
                [
                  k,
                  typeof v === 'object'
                    ? JSON.stringify(v)
                    : String(v as string | number | boolean),
                ],
              ],
        );
        if (meta.length) item.metadata = Object.fromEntries(meta);
        else delete item.metadata;
      },
    },
    extraCheck: (item) =>
      isRecord(item.metadata) && Object.values(item.metadata).some((v) => typeof v !== 'string')
        ? 'metadata values must be text'
        : undefined,
  },
);
