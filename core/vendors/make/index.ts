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
import { declareVendor } from '../spec/declared.js';
import { HOOK_EVENT_ITEM, hookEventMapping, hookUrlSettings } from '../spec/hook-url.js';

const HOOK =
  /^https:\/\/(hook\.[a-z0-9]+\.(?:make\.com|make\.celonis\.com)|hook\.integromat\.com)\/([A-Za-z0-9]+)\/?$/;

const hooks = hookUrlSettings(
  HOOK,
  'a Make webhook URL (https://hook.<zone>.make.com/…)',
  (m, params) => {
    params.__token = m[2];
    if (!params.endpoint_override) params.endpoint_override = `https://${m[1]}`;
    return `https://${m[1]}/${m[2]}`;
  },
);

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
      item: HOOK_EVENT_ITEM,
      batching: { max_events: 1 },
      rate_limit_rps: 10,
      answer: {
        error_message: ['message', 'error'],
        reason: ['HTTP {{status}}: {{body.message}}', 'HTTP {{status}}: {{text}}'],
      },
    },
    mapping: hookEventMapping,
  },
  { hooks },
);
