/**
 * Attentive Custom Events API, declared. Facts: catalog row in docs/vendors/more-vendors-and-catalog.md
 * §18 (R,S) and Attentive's API reference ("Custom Events"): `POST
 * https://api.attentivemobile.com/v1/events/custom`, an API key (private app) as a Bearer token,
 * one event per request `{ type, properties, externalEventId, occurredAt (ISO-8601), user: {
 * phone (E.164) | email | externalIdentifiers: { clientUserId } } }`, 204 on success.
 * Property values must be plain values (objects and lists are left out).
 * Unverified: the rate limit (150 requests/s assumed); that externalEventId deduplicates.
 */
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import type { SpecHooks } from '../spec/interpret.js';
import { SOURCES, specEventNames, standardEvents } from '../spec/standard.js';
import { isRecord } from '../../json/index.js';

const GLOBAL: MappingRow[] = [
  { source: [...SOURCES.phone], target: 'user.phone', transforms: ['id.phone_e164'] },
  { source: [...SOURCES.email], target: 'user.email', transforms: ['id.email'] },
  { source: 'user_id', target: 'user.externalIdentifiers.clientUserId', transforms: ['to_string'] },
  { source: 'properties', target: 'properties' },
];

const hooks: SpecHooks = {
  item(item) {
    if (isRecord(item.properties))
      item.properties = Object.fromEntries(
        Object.entries(item.properties).filter(([, v]) =>
          ['string', 'number', 'boolean'].includes(typeof v),
        ),
      );
  },
};

/** What the registry holds for Attentive. */
export const attentive = declareVendor(
  {
    id: 'attentive',
    name: 'Attentive',
    category: 'cdp',
    description:
      'SMS and email marketing: custom events on subscribers, to trigger journeys and segment by behaviour.',
    api: 'Custom Events API (/v1/events/custom)',
    docs: 'https://docs.attentive.com/openapi/reference/tag/Custom-Events/',
    status: 'beta',
    keywords: ['sms marketing', 'text messaging', 'journeys'],
    unverified: [
      'the rate limit (150 requests/s assumed)',
      'externalEventId deduplicating repeats',
    ],
    test_settings: { api_key: 'test-attentive-key' },
    settings: [
      {
        key: 'api_key',
        label: 'API key',
        type: 'secret',
        help: 'The API key of a private app with the custom events write permission (Marketplace → Create app).',
      },
    ],
    spec: {
      endpoint: { base_url: 'https://api.attentivemobile.com', path: '/v1/events/custom' },
      auth: { kind: 'bearer', token: '{{settings.api_key}}' },
      item: {
        fields: {
          type: '{{vendor_event}}',
          externalEventId: '{{event.event_id}}',
          occurredAt: '{{event.timestamp | to_iso8601}}',
        },
      },
      eligibility: {
        any_of: [['user.phone'], ['user.email'], ['user.externalIdentifiers.clientUserId']],
        reason: 'Attentive needs a phone, an email or a user id',
      },
      batching: { max_events: 1 },
      rate_limit_rps: 150,
      answer: { error_message: ['message', 'error', 'errors.0.message'] },
    },
    mapping: {
      fields: [
        { path: 'type', required: true, auto: true, description: 'The event’s name.' },
        { path: 'externalEventId', required: true, auto: true, description: 'The event id.' },
        {
          path: 'occurredAt',
          required: true,
          auto: true,
          description: 'When it happened (ISO-8601).',
        },
        { path: 'user.phone', required: false, description: 'Phone (E.164).' },
        { path: 'user.email', required: false, description: 'Email.' },
        {
          path: 'user.externalIdentifiers.clientUserId',
          required: false,
          description: 'Your user id.',
        },
        { path: 'properties', required: false, description: 'Plain event properties.' },
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
