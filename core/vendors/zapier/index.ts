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
import { declareVendor } from '../spec/declared.js';
import { HOOK_EVENT_ITEM, hookEventMapping, hookUrlSettings } from '../spec/hook-url.js';

const HOOK = /^https:\/\/hooks\.zapier\.com\/hooks\/catch\/(\d+)\/([A-Za-z0-9]+)\/?$/;

const hooks = hookUrlSettings(
  HOOK,
  'a Zapier catch hook URL (https://hooks.zapier.com/hooks/catch/…)',
  (m, params) => {
    [params.__account, params.__hook] = [m[1], m[2]];
    return `https://hooks.zapier.com/hooks/catch/${m[1]}/${m[2]}/`;
  },
);

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
      item: HOOK_EVENT_ITEM,
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
    mapping: hookEventMapping,
  },
  { hooks },
);
