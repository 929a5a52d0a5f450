/**
 * Intercom data events (`POST https://api.intercom.io/events`; EU `api.eu.intercom.io`, Australia
 * `api.au.intercom.io`), declared. Facts: catalog row in docs/vendors/more-vendors-and-catalog.md §18
 * (R,S,P) and Intercom's API reference: an access token as a Bearer token, the `Intercom-Version`
 * header, one event per request `{ event_name, created_at (epoch seconds), user_id | email | id,
 * metadata }`, 202 without a body, errors as `{ type: 'error.list', errors: [{ code, message }] }`.
 * Metadata (Intercom's help "Set up event tracking"): at most 20 pairs, no nested JSON, strings up
 * to 255 characters, keys without `.` or `$`: other values and keys are left out, strings cut.
 * Unverified: the regional hosts.
 */
import { isRecord } from '../../json/index.js';
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import type { SpecHooks } from '../spec/interpret.js';
import { SOURCES, standardEvents } from '../spec/standard.js';

const MAX_METADATA = 20;
const MAX_STRING = 255;

const GLOBAL: MappingRow[] = [
  { source: 'user_id', target: 'user_id', transforms: ['to_string'] },
  { source: [...SOURCES.email], target: 'email', transforms: ['id.email'] },
  { source: 'properties', target: 'metadata' },
];

const hooks: SpecHooks = {
  item(item) {
    if (!isRecord(item.metadata)) return;
    const plain = Object.entries(item.metadata).filter(
      ([k, v]) => !/[.$]/.test(k) && ['string', 'number', 'boolean'].includes(typeof v),
    );
    item.metadata = Object.fromEntries(
      plain
        .slice(0, MAX_METADATA)
        .map(([k, v]) => [k, typeof v === 'string' ? v.slice(0, MAX_STRING) : v]),
    );
  },
};

/** What the registry holds for Intercom. */
export const intercom = declareVendor(
  {
    id: 'intercom',
    name: 'Intercom',
    category: 'cdp',
    description:
      'Customer messaging: events on the Intercom contact, for targeting messages, series and support context.',
    api: 'Data events API (POST /events)',
    docs: 'https://developers.intercom.com/docs/references/rest-api/api.intercom.io/data-events/createdataevent',
    status: 'beta',
    keywords: ['support', 'messaging', 'chat', 'data events'],
    logo: { pack: 'logos', name: 'intercom-icon' },
    unverified: ['the EU and Australian hosts'],
    test_settings: { access_token: 'test-intercom-token' },
    settings: [
      {
        key: 'access_token',
        label: 'Access token',
        type: 'secret',
        help: 'The access token of your Intercom app (Developer Hub → your app → Authentication).',
      },
      {
        key: 'region',
        label: 'Workspace region',
        type: 'select',
        required: false,
        options: ['us', 'eu', 'au'],
        default: 'us',
        help: 'Where the workspace is hosted.',
      },
      {
        key: 'api_version',
        label: 'API version',
        type: 'string',
        required: false,
        default: '2.11',
        help: 'Sent in the Intercom-Version header.',
      },
    ],
    spec: {
      endpoint: {
        base_url: 'https://api.intercom.io',
        regions: {
          setting: 'region',
          hosts: {
            us: 'https://api.intercom.io',
            eu: 'https://api.eu.intercom.io',
            au: 'https://api.au.intercom.io',
          },
        },
        path: '/events',
      },
      auth: { kind: 'bearer', token: '{{settings.access_token}}' },
      headers: {
        static: { 'intercom-version': '{{settings.api_version}}', accept: 'application/json' },
      },
      item: {
        fields: {
          event_name: '{{vendor_event}}',
          created_at: '{{event.timestamp | to_unix_seconds}}',
        },
      },
      eligibility: {
        any_of: [['user_id'], ['email']],
        reason: 'Intercom needs a user id or an email',
      },
      batching: { max_events: 1 },
      rate_limit_rps: 15,
      answer: { error_message: ['errors.0.message', 'message'] },
    },
    mapping: {
      fields: [
        { path: 'event_name', required: true, auto: true, description: 'The event’s name.' },
        { path: 'created_at', required: true, auto: true, description: 'Epoch seconds.' },
        { path: 'user_id', required: false, description: 'Your user id.' },
        { path: 'email', required: false, description: 'The contact’s email.' },
        { path: 'metadata', required: false, description: 'Up to 20 plain properties.' },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents({
          page_view: 'viewed-page',
          view_item: 'viewed-product',
          add_to_cart: 'added-to-cart',
          begin_checkout: 'started-checkout',
          purchase: 'placed-order',
          lead: 'submitted-lead',
          sign_up: 'signed-up',
          search: 'searched-products',
        }),
        defaults: { action: 'pass_through' },
      },
    },
    variants: [
      {
        key: 'eu',
        name: 'EU workspace',
        description: 'Workspaces hosted in Intercom’s EU region.',
        defaults: { region: 'eu' },
      },
    ],
  },
  { hooks },
);
