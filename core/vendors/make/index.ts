/**
 * Make (formerly Integromat) custom webhooks, declared. Facts: catalog row in
 * docs/vendors/more-vendors-and-catalog.md §18 (P; auth `url_secret`) and Make's help on the
 * Webhooks app: the secret is the webhook URL, `https://hook.{zone}.make.com/{token}` (zones eu1,
 * eu2, us1, us2…); any JSON `POST` starts the scenario; the answer is 200 `Accepted` (text); a
 * webhook queues what the scenario has not yet processed.
 * The zone host is per webhook, so the settings hook points the endpoint at it (an endpoint
 * override from the sandbox or a double still wins) and takes the token as the path; the setting
 * is rewritten to the exact URL requested, so logs scrub it whole.
 * Unverified: the rate limit (Make documents about 30 requests/s per webhook; 10 used).
 */
import { DataflyError } from '../../errors/index.js';
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import type { SpecHooks } from '../spec/interpret.js';
import { standardEvents } from '../spec/standard.js';

const HOOK =
  /^https:\/\/(hook\.[a-z0-9]+\.(?:make\.com|make\.celonis\.com)|hook\.integromat\.com)\/([A-Za-z0-9]+)\/?$/;

const GLOBAL: MappingRow[] = [
  { source: 'user_id', target: 'user_id' },
  { source: 'anonymous_id', target: 'anonymous_id' },
  { source: 'properties', target: 'properties' },
  { source: 'traits', target: 'traits' },
  { source: 'context', target: 'context' },
];

const hooks: SpecHooks = {
  settings(params) {
    const m = HOOK.exec(String(params.webhook_url ?? '').trim());
    if (!m)
      throw new DataflyError(
        'config_error',
        'webhook_url: not a Make webhook URL (https://hook.<zone>.make.com/…)',
        { field: 'parameters.webhook_url' },
      );
    params.__token = m[2];
    params.webhook_url = `https://${m[1]}/${m[2]}`;
    if (!params.endpoint_override) params.endpoint_override = `https://${m[1]}`;
  },
};

/** What the registry holds for Make. */
export const make = declareVendor(
  {
    id: 'make',
    name: 'Make',
    category: 'other',
    description:
      'Visual automation: every event starts your Make scenario through a custom webhook, to reach any app.',
    api: 'Webhooks app (custom webhook)',
    docs: 'https://help.make.com/webhooks',
    status: 'beta',
    keywords: ['integromat', 'automation', 'no-code', 'scenarios', 'webhook'],
    logo: { pack: 'simple-icons', name: 'make' },
    unverified: ['the rate limit (10 requests/s used)'],
    test_settings: { webhook_url: 'https://hook.eu1.make.com/testtoken0123456789abcdef' },
    settings: [
      {
        key: 'webhook_url',
        label: 'Webhook URL',
        type: 'secret',
        help: 'In the scenario: Webhooks → Custom webhook → Add; copy the address it shows.',
      },
    ],
    spec: {
      endpoint: { base_url: 'https://hook.eu1.make.com', path: '/{{settings.__token}}' },
      auth: { kind: 'none' },
      item: {
        fields: {
          event: '{{vendor_event}}',
          event_id: '{{event.event_id}}',
          type: '{{event.type}}',
          timestamp: '{{event.timestamp}}',
        },
      },
      batching: { max_events: 1 },
      rate_limit_rps: 10,
      answer: {
        error_message: ['message', 'error'],
        reason: ['HTTP {{status}}: {{body.message}}', 'HTTP {{status}}: {{text}}'],
      },
    },
    mapping: {
      fields: [
        { path: 'event', required: true, auto: true, description: 'The event’s name.' },
        { path: 'event_id', required: true, auto: true, description: 'The event id.' },
        {
          path: 'timestamp',
          required: true,
          auto: true,
          description: 'When it happened (ISO-8601).',
        },
        { path: 'user_id', required: false, description: 'Your user id.' },
        { path: 'anonymous_id', required: false, description: 'Anonymous id.' },
        { path: 'properties', required: false, description: 'Event properties.' },
        { path: 'traits', required: false, description: 'User traits.' },
        {
          path: 'context',
          required: false,
          description: 'Context: page, ip, user agent, campaign…',
        },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents({
          page_view: 'page_view',
          view_item: 'view_item',
          add_to_cart: 'add_to_cart',
          begin_checkout: 'begin_checkout',
          purchase: 'purchase',
          lead: 'lead',
          sign_up: 'sign_up',
          search: 'search',
        }),
        defaults: { action: 'pass_through' },
      },
    },
  },
  { hooks },
);
