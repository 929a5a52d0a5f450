/**
 * Slack incoming webhooks, declared. Facts: catalog row in docs/vendors/more-vendors-and-catalog.md §18
 * (R,P; auth `url_secret`) and Slack's "Sending messages using incoming webhooks" docs: the secret
 * is the webhook URL itself, `https://hooks.slack.com/services/T…/B…/…`; `POST` a JSON body `{
 * text }` (mrkdwn); answers are text: 200 `ok`, 400 `invalid_payload`, 403 `action_prohibited`,
 * 404 `channel_not_found`, 410 `channel_is_archived`; Slack's rate-limits page: posting messages,
 * incoming webhooks included, one per second (short bursts tolerated), 429 with Retry-After beyond.
 * The URL setting is checked and split by the settings hook into the three path parts (the base
 * stays hooks.slack.com, so an endpoint override from the sandbox or a double still receives the
 * request); the setting is rewritten to the exact URL requested, so logs scrub it whole.
 * Only orders, leads and sign-ups post by default: a channel message per page view would drown it.
 */
import { DataflyError } from '../../errors/index.js';
import { isRecord } from '../../json/index.js';
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import type { SpecHooks } from '../spec/interpret.js';
import { standardEvents } from '../spec/standard.js';

const HOOK =
  /^https:\/\/hooks\.slack\.com\/services\/([A-Za-z0-9]+)\/([A-Za-z0-9]+)\/([A-Za-z0-9]+)\/?$/;
const NOISY = 'too frequent for a channel message; map it explicitly to post it';

const GLOBAL: MappingRow[] = [
  { source: 'user_id', target: 'user_id', transforms: ['to_string'] },
  { source: 'properties', target: 'properties' },
];

/** A short mrkdwn line per plain property (at most 10). */
const lines = (props: unknown): string[] =>
  isRecord(props)
    ? Object.entries(props)
        .filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v))
        .slice(0, 10)
        .map(([k, v]) => `• ${k}: ${String(v as string)}`)
    : [];

const hooks: SpecHooks = {
  settings(params) {
    const m = HOOK.exec(String(params.webhook_url ?? '').trim());
    if (!m)
      throw new DataflyError(
        'config_error',
        'webhook_url: not a Slack incoming webhook URL (https://hooks.slack.com/services/…)',
        { field: 'parameters.webhook_url' },
      );
    [params.__team, params.__bot, params.__key] = [m[1], m[2], m[3]];
    params.webhook_url = `https://hooks.slack.com/services/${m[1]}/${m[2]}/${m[3]}`;
  },
  // A message the mapping did not write itself: the event's name, who, and its plain properties.
  item(item, _event, _params, _test, _now, mapped) {
    if (typeof item.text === 'string' && item.text) return { text: item.text };
    const who = typeof item.user_id === 'string' ? ` (user ${item.user_id})` : '';
    return { text: [`*${mapped.vendor_event}*${who}`, ...lines(item.properties)].join('\n') };
  },
};

/** What the registry holds for Slack. */
export const slack = declareVendor(
  {
    id: 'slack',
    name: 'Slack',
    category: 'other',
    description:
      'Team chat: a message in a Slack channel for each order, lead or sign-up (or any event you map).',
    api: 'Incoming webhooks',
    docs: 'https://api.slack.com/messaging/webhooks',
    status: 'ga',
    keywords: ['chat', 'notifications', 'alerts', 'webhook'],
    logo: { pack: 'logos', name: 'slack-icon' },
    test_settings: {
      webhook_url: 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
    },
    settings: [
      {
        key: 'webhook_url',
        label: 'Webhook URL',
        type: 'secret',
        help: 'The incoming webhook URL of your Slack app (Features → Incoming Webhooks → the channel’s URL).',
      },
    ],
    spec: {
      endpoint: {
        base_url: 'https://hooks.slack.com',
        path: '/services/{{settings.__team}}/{{settings.__bot}}/{{settings.__key}}',
      },
      auth: { kind: 'none' },
      batching: { max_events: 1 },
      rate_limit_rps: 1,
      answer: { error_message: ['error'], reason: 'Slack {{status}}: {{text}}' },
    },
    mapping: {
      fields: [
        {
          path: 'text',
          required: false,
          description: 'The message (mrkdwn); built from the event when not mapped.',
        },
        { path: 'user_id', required: false, description: 'Who (in the built message).' },
        { path: 'properties', required: false, description: 'Listed in the built message.' },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents({ purchase: 'New order', lead: 'New lead', sign_up: 'New sign-up' }),
        defaults: { action: 'drop' },
      },
    },
    not_mapped: {
      page_view: NOISY,
      view_item: NOISY,
      add_to_cart: NOISY,
      begin_checkout: NOISY,
      search: NOISY,
    },
  },
  { hooks },
);
