/**
 * Zapier "Webhooks by Zapier" catch hooks, declared. Facts: catalog row in
 * docs/vendors/more-vendors-and-catalog.md §18 (S; auth `url_secret`) and Zapier's help pages on
 * Catch Hook triggers: the secret is the hook URL,
 * `https://hooks.zapier.com/hooks/catch/{account}/{hook}/`; any JSON `POST` starts the Zap; the
 * answer is 200 `{ status: 'success', attempt, id, request_id }`.
 * One event per request (an array would start one run per element, without per-event answers).
 * The URL setting is checked and split by the settings hook (the base stays hooks.zapier.com, so
 * an endpoint override from the sandbox or a double still receives the request); the setting is
 * rewritten to the exact URL requested, so logs scrub it whole.
 * Unverified: Zapier's webhook rate limits (20 requests/s used).
 */
import { DataflyError } from '../../errors/index.js';
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import type { SpecHooks } from '../spec/interpret.js';
import { standardEvents } from '../spec/standard.js';

const HOOK = /^https:\/\/hooks\.zapier\.com\/hooks\/catch\/(\d+)\/([A-Za-z0-9]+)\/?$/;

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
        'webhook_url: not a Zapier catch hook URL (https://hooks.zapier.com/hooks/catch/…)',
        { field: 'parameters.webhook_url' },
      );
    [params.__account, params.__hook] = [m[1], m[2]];
    params.webhook_url = `https://hooks.zapier.com/hooks/catch/${m[1]}/${m[2]}/`;
  },
};

/** What the registry holds for Zapier. */
export const zapier = declareVendor(
  {
    id: 'zapier',
    name: 'Zapier',
    category: 'other',
    description:
      'No-code automation: every event starts your Zap through a “Catch Hook” trigger, to reach thousands of apps.',
    api: 'Webhooks by Zapier (Catch Hook)',
    docs: 'https://help.zapier.com/hc/en-us/articles/8496288690317-Trigger-Zaps-from-webhooks',
    status: 'beta',
    keywords: ['automation', 'no-code', 'zaps', 'webhook', 'integrations'],
    logo: { pack: 'logos', name: 'zapier-icon' },
    unverified: ['Zapier’s webhook rate limits (20 requests/s used)'],
    test_settings: { webhook_url: 'https://hooks.zapier.com/hooks/catch/123456/abcdef/' },
    settings: [
      {
        key: 'webhook_url',
        label: 'Webhook URL',
        type: 'secret',
        help: 'In the Zap: trigger “Webhooks by Zapier” → Catch Hook; copy the URL it gives.',
      },
    ],
    spec: {
      endpoint: {
        base_url: 'https://hooks.zapier.com',
        path: '/hooks/catch/{{settings.__account}}/{{settings.__hook}}/',
      },
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
      rate_limit_rps: 20,
      answer: {
        error_message: ['message', 'error'],
        body_codes: [
          {
            path: 'status',
            values: ['failure', 'error'],
            outcome: 'reject',
            statuses: 'non_error',
            label: 'Zapier status',
          },
        ],
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
