/**
 * Accoil ingest endpoint, declared (facts: docs/vendors/more-vendors-and-catalog.md §18 catalog row
 * `accoil`, evidence R,S,P, read in segmentio/action-destinations' Accoil destination): Segment-format
 * calls, one per request, `POST https://in.accoil.com/segment`, HTTP Basic with the API key as
 * username and no password. Accoil scores B2B product engagement from event names and who did them,
 * not their properties: a track call is `{ type: 'track', event, userId, timestamp }`, a page call
 * `{ type: 'page', name, userId, timestamp }`. Events need the user id.
 *
 * Unverified: that `messageId` is accepted and deduplicates.
 */
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import { specEventNames, standardEvents } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [{ source: 'user_id', target: 'userId', transforms: ['to_string'] }];

/** What the registry holds for Accoil. */
export const accoil = declareVendor(
  {
    id: 'accoil',
    name: 'Accoil',
    category: 'analytics',
    description:
      'B2B product engagement scoring: which users and accounts do what in your product, without their data.',
    api: 'Ingest endpoint (/segment)',
    docs: 'https://www.accoil.com/docs',
    status: 'beta',
    keywords: ['product engagement', 'b2b', 'account scoring', 'product-led growth'],
    test_settings: { api_key: 'test-accoil-key' },
    settings: [
      {
        key: 'api_key',
        label: 'API key',
        type: 'secret',
        help: 'Your Accoil API key (Accoil account settings).',
      },
    ],
    spec: {
      endpoint: { base_url: 'https://in.accoil.com', path: '/segment' },
      auth: { kind: 'basic', username: '{{settings.api_key}}', password: '' },
      body: { wrapper: '{{item}}' },
      item: {
        fields: {
          type: 'track',
          event: '{{vendor_event}}',
          timestamp: '{{event.timestamp | to_iso8601}}',
          messageId: '{{event.event_id}}',
        },
      },
      eligibility: { any_of: [['userId']], reason: 'Accoil needs a user id' },
      batching: { max_events: 1 },
      rate_limit_rps: 20,
    },
    mapping: {
      fields: [
        { path: 'type', required: true, auto: true, description: 'track or page.' },
        {
          path: 'event',
          required: false,
          auto: true,
          description: 'The event’s name (track calls).',
        },
        { path: 'userId', required: true, description: 'Your user id.' },
        { path: 'timestamp', required: true, auto: true, description: 'ISO 8601 time.' },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents(specEventNames()),
        defaults: { action: 'pass_through' },
      },
    },
    unverified: ['messageId accepted and deduplicating'],
  },
  {
    hooks: {
      // Page events are page calls, named by `name`.
      item(item, event) {
        if (event.type !== 'page') return;
        item.type = 'page';
        delete item.event;
        if (event.name) item.name = event.name;
      },
    },
    extraCheck: (item) =>
      item.type === 'track' && typeof item.event !== 'string'
        ? 'event is required on track calls'
        : item.type !== 'track' && item.type !== 'page'
          ? 'type must be track or page'
          : undefined,
  },
);
