/**
 * Discord channel webhooks, declared. Facts: catalog row in docs/vendors/more-vendors-and-catalog.md §18
 * (R,P; auth `url_secret`) and Discord's developer docs ("Execute Webhook"): the secret is the
 * webhook URL, `https://discord.com/api/webhooks/{id}/{token}`; `POST` JSON `{ content }` (at most
 * 2,000 characters); with `?wait=true` Discord answers 200 with the message (else 204); errors as
 * `{ message, code }`; 429 with `retry_after` (seconds) in the body and a Retry-After header;
 * about 30 messages per minute per webhook.
 * The URL setting is checked and split by the settings hook into id and token (the base stays
 * discord.com, so an endpoint override from the sandbox or a double still receives the request);
 * the setting is rewritten to the exact URL requested, so logs scrub it whole.
 * Only orders, leads and sign-ups post by default.
 */
import { DataflyError } from '../../errors/index.js';
import { isRecord } from '../../json/index.js';
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import type { SpecHooks } from '../spec/interpret.js';
import { standardEvents } from '../spec/standard.js';

const HOOK =
  /^https:\/\/(?:discord|discordapp)\.com\/api(?:\/v\d+)?\/webhooks\/(\d+)\/([A-Za-z0-9_-]+)\/?$/;
const NOISY = 'too frequent for a channel message; map it explicitly to post it';
const MAX = 2000;

const GLOBAL: MappingRow[] = [
  { source: 'user_id', target: 'user_id', transforms: ['to_string'] },
  { source: 'properties', target: 'properties' },
];

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
        'webhook_url: not a Discord webhook URL (https://discord.com/api/webhooks/…)',
        { field: 'parameters.webhook_url' },
      );
    [params.__id, params.__token] = [m[1], m[2]];
    params.webhook_url = `https://discord.com/api/webhooks/${m[1]}/${m[2]}`;
  },
  item(item, _event, _params, _test, _now, mapped) {
    const content =
      typeof item.content === 'string' && item.content
        ? item.content
        : [
            `**${mapped.vendor_event}**${typeof item.user_id === 'string' ? ` (user ${item.user_id})` : ''}`,
            ...lines(item.properties),
          ].join('\n');
    return { content: content.slice(0, MAX) };
  },
};

/** What the registry holds for Discord. */
export const discord = declareVendor(
  {
    id: 'discord',
    name: 'Discord',
    category: 'other',
    description:
      'Community chat: a message in a Discord channel for each order, lead or sign-up (or any event you map).',
    api: 'Channel webhooks (Execute Webhook)',
    docs: 'https://discord.com/developers/docs/resources/webhook#execute-webhook',
    status: 'beta',
    keywords: ['chat', 'notifications', 'alerts', 'webhook', 'community'],
    logo: { pack: 'logos', name: 'discord-icon' },
    unverified: ['about 30 messages per minute per webhook'],
    test_settings: {
      webhook_url: 'https://discord.com/api/webhooks/123456789012345678/test-token-abc',
    },
    settings: [
      {
        key: 'webhook_url',
        label: 'Webhook URL',
        type: 'secret',
        help: 'Channel settings → Integrations → Webhooks → Copy Webhook URL.',
      },
    ],
    spec: {
      endpoint: {
        base_url: 'https://discord.com',
        path: '/api/webhooks/{{settings.__id}}/{{settings.__token}}',
        query: { wait: 'true' },
      },
      auth: { kind: 'none' },
      batching: { max_events: 1 },
      rate_limit_rps: 0.5,
      answer: { error_message: ['message'] },
    },
    mapping: {
      fields: [
        {
          path: 'content',
          required: false,
          description:
            'The message (Markdown, 2,000 characters); built from the event when not mapped.',
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
