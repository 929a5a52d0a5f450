/**
 * Ortto custom activities API, declared. Facts: catalog row in docs/vendors/more-vendors-and-catalog.md
 * §18 (R,S) and Ortto's developer docs ("Create custom activity events"): `POST
 * https://api.ap3api.com/v1/activities/create` (EU instances `api.eu.ap3api.com`, Australian
 * `api.au.ap3api.com`), a private API key in `X-Api-Key`, `{ activities: [{ activity_id:
 * 'act:cm:<activity>', attributes, fields: { 'str::email', 'str::ei' } }], merge_by }`; activities
 * must be defined in Ortto first (their attribute keys are typed, e.g. `str:cm:order-id`, so
 * attributes are left to the mapping). Names from the mapping become `act:cm:<lower-case-dashed>`.
 * Unverified: 100 activities per request; the merge_by order; the regional hosts.
 */
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import type { SpecHooks } from '../spec/interpret.js';
import { SOURCES, specEventNames, standardEvents } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  { source: [...SOURCES.email], target: 'fields.str::email', transforms: ['id.email'] },
  { source: 'user_id', target: 'fields.str::ei', transforms: ['to_string'] },
];

const hooks: SpecHooks = {
  item(item) {
    const id = String(item.activity_id ?? '');
    if (!id.startsWith('act:')) {
      item.activity_id = `act:cm:${id
        .trim()
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')}`;
    }
  },
};

/** What the registry holds for Ortto. */
export const ortto = declareVendor(
  {
    id: 'ortto',
    name: 'Ortto',
    category: 'cdp',
    description:
      'Marketing automation: custom activities on Ortto people, to trigger journeys and build audiences.',
    api: 'Activities API (/v1/activities/create)',
    docs: 'https://help.ortto.com/a-271-create-custom-activity-events-via-the-api',
    status: 'beta',
    keywords: ['autopilot', 'marketing automation', 'journeys', 'custom activities'],
    unverified: [
      'at most 100 activities per request',
      'merge_by by external id, then email',
      'the EU and Australian hosts',
    ],
    test_settings: { api_key: 'test-ortto-key' },
    settings: [
      {
        key: 'api_key',
        label: 'Private API key',
        type: 'secret',
        help: 'Settings → Data sources → Custom API: the private API key.',
      },
      {
        key: 'region',
        label: 'Instance region',
        type: 'select',
        required: false,
        options: ['global', 'eu', 'au'],
        default: 'global',
        help: 'Where the Ortto instance is hosted.',
      },
    ],
    spec: {
      endpoint: {
        base_url: 'https://api.ap3api.com',
        regions: {
          setting: 'region',
          hosts: {
            global: 'https://api.ap3api.com',
            eu: 'https://api.eu.ap3api.com',
            au: 'https://api.au.ap3api.com',
          },
        },
        path: '/v1/activities/create',
      },
      auth: { kind: 'api_key', in: 'header', name: 'X-Api-Key', value: '{{settings.api_key}}' },
      body: { wrapper: { activities: '{{items}}', merge_by: ['str::ei', 'str::email'] } },
      item: { fields: { activity_id: '{{vendor_event}}' } },
      eligibility: {
        any_of: [['fields.str::email'], ['fields.str::ei']],
        reason: 'Ortto needs an email or a user id',
      },
      batching: { max_events: 100 },
      rate_limit_rps: 10,
      answer: { error_message: ['error', 'message'] },
    },
    mapping: {
      fields: [
        {
          path: 'activity_id',
          required: true,
          auto: true,
          description: 'The activity (act:cm:<name>).',
        },
        { path: 'fields.str::email', required: false, description: 'The person’s email.' },
        { path: 'fields.str::ei', required: false, description: 'Your user id (external id).' },
        {
          path: 'attributes',
          required: false,
          description: 'Activity attributes, by their typed keys (str:cm:…, int:cm:…).',
        },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents(specEventNames('kebab')),
        defaults: { action: 'pass_through' },
      },
    },
  },
  { hooks },
);
