/**
 * Airship Custom Events API, declared. Facts: catalog row in docs/vendors/more-vendors-and-catalog.md
 * §18 (R,S) and Airship's API reference ("Custom Events"): `POST
 * https://go.urbanairship.com/api/custom-events` (EU projects `go.airship.eu`), a bearer token
 * with the custom events role, `Accept: application/vnd.urbanairship+json; version=3`, a JSON
 * array of `{ occurred (ISO-8601, UTC), user: { named_user_id | channel }, body: { name, value,
 * transaction, properties } }`; answers `{ ok, operation_id }` or `{ ok: false, error, details }`.
 * Event names are lower case. Unverified: at most 100 events per request; the EU host.
 */
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import type { SpecHooks } from '../spec/interpret.js';
import { SOURCES, standardEvents } from '../spec/standard.js';
import { isRecord } from '../../json/index.js';

const GLOBAL: MappingRow[] = [
  { source: 'user_id', target: 'user.named_user_id', transforms: ['to_string'] },
  {
    source: 'context.vendor_ids.airship_channel_id',
    target: 'user.channel',
    transforms: ['to_string'],
  },
  { source: 'properties', target: 'body.properties' },
];

const hooks: SpecHooks = {
  // The name goes inside `body` beside the mapped fields (item fields would be replaced by them), in lower case.
  item(item, _event, _params, _test, _now, mapped) {
    item.body = {
      name: mapped.vendor_event.toLowerCase(),
      ...(isRecord(item.body) ? item.body : {}),
    };
  },
};

/** What the registry holds for Airship. */
export const airship = declareVendor(
  {
    id: 'airship',
    name: 'Airship',
    category: 'cdp',
    description:
      'Mobile app and push engagement: custom events on named users, for automations, journeys and reports.',
    api: 'Custom Events API (/api/custom-events)',
    docs: 'https://docs.airship.com/developer/rest-api/ua/operations/custom-events/',
    status: 'beta',
    keywords: ['urban airship', 'push notifications', 'mobile engagement'],
    unverified: ['at most 100 events per request', 'the EU host go.airship.eu'],
    test_settings: { access_token: 'test-airship-token' },
    settings: [
      {
        key: 'access_token',
        label: 'Bearer token',
        type: 'secret',
        help: 'A token with the Custom Events role (Settings → Tokens).',
      },
      {
        key: 'region',
        label: 'Cloud site',
        type: 'select',
        required: false,
        options: ['us', 'eu'],
        default: 'us',
        help: 'Where the project is hosted.',
      },
    ],
    spec: {
      endpoint: {
        base_url: 'https://go.urbanairship.com',
        regions: {
          setting: 'region',
          hosts: { us: 'https://go.urbanairship.com', eu: 'https://go.airship.eu' },
        },
        path: '/api/custom-events',
      },
      auth: { kind: 'bearer', token: '{{settings.access_token}}' },
      headers: { static: { accept: 'application/vnd.urbanairship+json; version=3' } },
      body: { wrapper: '{{items}}' },
      item: { fields: { occurred: '{{event.timestamp | to_iso8601}}' } },
      eligibility: {
        any_of: [['user.named_user_id'], ['user.channel']],
        reason: 'Airship needs a named user (your user id) or a channel id',
      },
      batching: { max_events: 100 },
      rate_limit_rps: 20,
      answer: {
        error_message: ['error', 'details.error', 'message'],
        body_codes: [
          {
            path: 'ok',
            values: [false],
            outcome: 'reject',
            statuses: 'non_error',
            label: 'Airship ok',
          },
        ],
      },
    },
    mapping: {
      fields: [
        {
          path: 'occurred',
          required: true,
          auto: true,
          description: 'When it happened (ISO-8601).',
        },
        {
          path: 'body.name',
          required: true,
          auto: true,
          description: 'The event’s name (lower case).',
        },
        {
          path: 'user.named_user_id',
          required: false,
          description: 'Your user id as the named user.',
        },
        { path: 'user.channel', required: false, description: 'An Airship channel id.' },
        {
          path: 'body.value',
          required: false,
          requiredFor: ['purchase'],
          description: 'A value (revenue reports).',
        },
        { path: 'body.transaction', required: false, description: 'A transaction id.' },
        { path: 'body.properties', required: false, description: 'Event properties.' },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents(
          {
            page_view: 'page_viewed',
            view_item: 'browsed',
            add_to_cart: 'added_to_cart',
            begin_checkout: 'checkout_started',
            purchase: 'purchased',
            lead: 'lead_generated',
            sign_up: 'registered_account',
            search: 'searched',
          },
          (e) =>
            e === 'purchase'
              ? [
                  { source: [...SOURCES.value], target: 'body.value', transforms: ['to_number'] },
                  {
                    source: [...SOURCES.order_id],
                    target: 'body.transaction',
                    transforms: ['to_string'],
                  },
                ]
              : [],
        ),
        defaults: { action: 'pass_through' },
      },
    },
    variants: [
      {
        key: 'eu',
        name: 'EU cloud site',
        description: 'Projects on Airship’s EU cloud site.',
        defaults: { region: 'eu' },
      },
    ],
  },
  { hooks },
);
