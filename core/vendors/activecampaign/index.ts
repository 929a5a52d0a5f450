/**
 * ActiveCampaign event tracking (`POST https://trackcmp.net/event`), declared. Facts: catalog row
 * in docs/vendors/more-vendors-and-catalog.md §18 (R,P) and ActiveCampaign's "Track event" reference: a
 * form-encoded body `actid` (account id), `key` (the event tracking key, not the API token),
 * `event` (name), `eventdata` (one text value), `visit` (JSON `{"email": …}`: the contact), one
 * event per request; the answer is 200 `{ success: 1 | 0, message }`. Event tracking must be
 * enabled in the account (Settings → Tracking). Unverified: the answer's exact `success` values
 * and rate limits (5 requests/s per account is ActiveCampaign's general API limit).
 */
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import type { SpecHooks } from '../spec/interpret.js';
import { SOURCES, specEventNames, standardEvents } from '../spec/standard.js';
import { isRecord } from '../../json/index.js';

const GLOBAL: MappingRow[] = [
  { source: [...SOURCES.email], target: 'visit.email', transforms: ['id.email'] },
  { source: 'properties', target: 'eventdata', transforms: ['json'] },
];

const hooks: SpecHooks = {
  // The contact is named by email inside the `visit` JSON text.
  item(item) {
    const email = isRecord(item.visit) ? item.visit.email : undefined;
    if (typeof email !== 'string' || !email)
      return 'ActiveCampaign event tracking needs the contact’s email';
    item.visit = JSON.stringify({ email });
  },
};

/** What the registry holds for ActiveCampaign. */
export const activecampaign = declareVendor(
  {
    id: 'activecampaign',
    name: 'ActiveCampaign',
    category: 'cdp',
    description:
      'Email marketing and CRM: tracked events on contacts, to start automations and segment by behaviour.',
    api: 'Event tracking (trackcmp.net/event)',
    docs: 'https://developers.activecampaign.com/reference/track-event',
    status: 'beta',
    keywords: ['email marketing', 'automation', 'crm', 'event tracking'],
    unverified: ['the answer’s success values (1 / 0)', 'the rate limit (5 requests/s assumed)'],
    test_settings: { account_id: '123456', event_key: 'test-event-key' },
    settings: [
      {
        key: 'account_id',
        label: 'Account ID (actid)',
        type: 'string',
        help: 'Settings → Tracking → Event Tracking: the actid shown in the example.',
      },
      {
        key: 'event_key',
        label: 'Event key',
        type: 'secret',
        help: 'Settings → Tracking → Event Tracking: the event key (not the API token).',
      },
    ],
    spec: {
      endpoint: { base_url: 'https://trackcmp.net', path: '/event' },
      auth: { kind: 'api_key', in: 'body', name: 'key', value: '{{settings.event_key}}' },
      body: { encoding: 'form' },
      item: { fields: { actid: '{{settings.account_id}}', event: '{{vendor_event}}' } },
      batching: { max_events: 1 },
      rate_limit_rps: 5,
      answer: {
        error_message: ['message'],
        body_codes: [
          {
            path: 'success',
            values: [0, '0', false],
            outcome: 'reject',
            statuses: 'non_error',
            label: 'ActiveCampaign success',
          },
        ],
      },
    },
    mapping: {
      fields: [
        { path: 'actid', required: true, auto: true, description: 'The account id.' },
        { path: 'event', required: true, auto: true, description: 'The event’s name.' },
        {
          path: 'visit.email',
          required: false,
          description: 'The contact’s email (required to track).',
        },
        {
          path: 'eventdata',
          required: false,
          description: 'One text value (the properties as JSON by default).',
        },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents(specEventNames()),
        defaults: { action: 'pass_through' },
      },
    },
  },
  { hooks },
);
