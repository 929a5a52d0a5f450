/**
 * Brevo (formerly Sendinblue) events API, declared. Facts: catalog row in
 * docs/vendors/more-vendors-and-catalog.md §18 (R,P) and Brevo's API reference ("Create an event"):
 * `POST https://api.brevo.com/v3/events`, the API key in the `api-key` header, one event per
 * request `{ event_name, event_date (ISO-8601), identifiers: { email_id | ext_id | phone_id },
 * event_properties }`, 204 on success, errors as `{ code, message }`.
 * Unverified: the rate limit (10 requests/s assumed); phone identifiers in E.164.
 */
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import { SOURCES, specEventNames, standardEvents } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  { source: [...SOURCES.email], target: 'identifiers.email_id', transforms: ['id.email'] },
  { source: 'user_id', target: 'identifiers.ext_id', transforms: ['to_string'] },
  { source: [...SOURCES.phone], target: 'identifiers.phone_id', transforms: ['id.phone_e164'] },
  { source: 'properties', target: 'event_properties' },
];

/** What the registry holds for Brevo. */
export const brevo = declareVendor({
  id: 'brevo',
  name: 'Brevo',
  category: 'cdp',
  description:
    'Email, SMS and marketing automation: events on Brevo contacts, to trigger automations and segment.',
  api: 'Events API (/v3/events)',
  docs: 'https://developers.brevo.com/reference/createevent',
  status: 'beta',
  keywords: ['sendinblue', 'email marketing', 'sms', 'automation'],
  logo: { pack: 'simple-icons', name: 'brevo' },
  unverified: ['the rate limit (10 requests/s assumed)', 'phone identifiers in E.164'],
  test_settings: { api_key: 'test-brevo-key' },
  settings: [
    {
      key: 'api_key',
      label: 'API key',
      type: 'secret',
      help: 'SMTP & API → API keys: an API key (xkeysib-…).',
    },
  ],
  spec: {
    endpoint: { base_url: 'https://api.brevo.com', path: '/v3/events' },
    auth: { kind: 'api_key', in: 'header', name: 'api-key', value: '{{settings.api_key}}' },
    item: {
      fields: { event_name: '{{vendor_event}}', event_date: '{{event.timestamp | to_iso8601}}' },
    },
    eligibility: {
      any_of: [['identifiers.email_id'], ['identifiers.ext_id'], ['identifiers.phone_id']],
      reason: 'Brevo needs an email, a user id or a phone',
    },
    batching: { max_events: 1 },
    rate_limit_rps: 10,
    answer: { error_message: ['message'] },
  },
  mapping: {
    fields: [
      { path: 'event_name', required: true, auto: true, description: 'The event’s name.' },
      {
        path: 'event_date',
        required: true,
        auto: true,
        description: 'When it happened (ISO-8601).',
      },
      { path: 'identifiers.email_id', required: false, description: 'The contact’s email.' },
      { path: 'identifiers.ext_id', required: false, description: 'Your user id.' },
      { path: 'identifiers.phone_id', required: false, description: 'Phone (E.164).' },
      { path: 'event_properties', required: false, description: 'Event properties.' },
      {
        path: 'contact_properties',
        required: false,
        description: 'Contact attributes to update (upper-case attribute names).',
      },
    ],
    defaults: {
      global: GLOBAL,
      events: standardEvents({ ...specEventNames('snake'), add_to_cart: 'cart_updated' }),
      defaults: { action: 'pass_through' },
    },
  },
});
