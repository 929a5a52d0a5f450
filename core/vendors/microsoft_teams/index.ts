/**
 * Microsoft Teams channel messages through a Workflows webhook ("Post to a channel when a webhook
 * request is received"), declared. Facts: catalog row in docs/vendors/more-vendors-and-catalog.md §18 (P;
 * auth `url_secret`) and Microsoft's docs on Workflows replacing Office 365 connectors: the secret
 * is the workflow's HTTP URL, `https://{host}.logic.azure.com/workflows/{id}/triggers/manual/paths/invoke?api-version=…&sp=…&sv=…&sig=…`
 * (newer ones on `*.environment.api.powerplatform.com` under `/powerautomate/automations/direct`);
 * `POST` a message whose attachment is an Adaptive Card; 202 on acceptance.
 * The host is per workflow, so the settings hook points the endpoint at it (an endpoint override
 * from the sandbox or a double still wins) and splits the path and query into parameters; the
 * setting is rewritten to the exact URL requested, so logs scrub it whole (`sig` is scrubbed as a
 * query secret too). Only orders, leads and sign-ups post by default.
 * Unverified: the powerplatform.com URL shape; the rate limit; Adaptive Card version 1.4 accepted.
 */
import { DataflyError } from '../../errors/index.js';
import { isRecord } from '../../json/index.js';
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import type { SpecHooks } from '../spec/interpret.js';
import { standardEvents } from '../spec/standard.js';
import { appendQuery } from '../spec/template.js';

const HOSTS = /^[a-z0-9.-]+\.(?:logic\.azure\.com|api\.powerplatform\.com)$/i;
const PATH =
  /^(|\/powerautomate\/automations\/direct)\/workflows\/([A-Za-z0-9_-]+)\/triggers\/manual\/paths\/invoke\/?$/;
const QUERY = [
  ['api-version', '__api_version'],
  ['sp', '__sp'],
  ['sv', '__sv'],
  ['sig', '__sig'],
] as const;
const NOISY = 'too frequent for a channel message; map it explicitly to post it';

const GLOBAL: MappingRow[] = [
  { source: 'user_id', target: 'user_id', transforms: ['to_string'] },
  { source: 'properties', target: 'properties' },
];

const fail = (why: string): never => {
  throw new DataflyError('config_error', `webhook_url: ${why}`, {
    field: 'parameters.webhook_url',
  });
};

const hooks: SpecHooks = {
  settings(params) {
    let url: URL;
    try {
      url = new URL(String(params.webhook_url ?? '').trim());
    } catch {
      return fail('not a URL');
    }
    if (url.protocol !== 'https:' || !HOSTS.test(url.hostname))
      fail('not a Teams workflow URL (…logic.azure.com or …api.powerplatform.com)');
    const m =
      PATH.exec(url.pathname) ??
      fail('not a workflow trigger URL (…/workflows/{id}/triggers/manual/paths/invoke)');
    const prefix = m[1] ?? '';
    params.__workflow = m[2];
    for (const [q, key] of QUERY) params[key] = url.searchParams.get(q) ?? undefined;
    if (!params.__sig) fail('the URL lacks its sig parameter');
    const canonical = new URL(
      `${url.origin}${prefix}/workflows/${String(params.__workflow)}/triggers/manual/paths/invoke`,
    );
    appendQuery(
      canonical,
      QUERY.flatMap(([q, key]) =>
        typeof params[key] === 'string' && params[key] ? [[q, params[key]] as const] : [],
      ),
    );
    params.webhook_url = canonical.toString();
    if (!params.endpoint_override) params.endpoint_override = `${url.origin}${prefix}`;
  },
  // A message with one Adaptive Card: the event's name, who, and its plain properties as facts.
  item(item, _event, _params, _test, _now, mapped) {
    const props = isRecord(item.properties) ? item.properties : {};
    const facts = Object.entries(props)
      .filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v))
      .slice(0, 10)
      .map(([title, v]) => ({ title, value: String(v as string) }));
    const who = typeof item.user_id === 'string' ? ` (user ${item.user_id})` : '';
    const body: unknown[] = [
      { type: 'TextBlock', text: `${mapped.vendor_event}${who}`, weight: 'Bolder', wrap: true },
    ];
    if (facts.length) body.push({ type: 'FactSet', facts });
    return {
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: {
            $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
            type: 'AdaptiveCard',
            version: '1.4',
            body,
          },
        },
      ],
    };
  },
};

/** What the registry holds for Microsoft Teams. */
export const microsoftTeams = declareVendor(
  {
    id: 'microsoft_teams',
    name: 'Microsoft Teams',
    category: 'other',
    description:
      'Team chat: an Adaptive Card in a Teams channel for each order, lead or sign-up (or any event you map).',
    api: 'Workflows webhook (Power Automate HTTP trigger)',
    docs: 'https://support.microsoft.com/en-us/office/create-incoming-webhooks-with-workflows-for-microsoft-teams-8ae491c7-0394-4861-ba59-055e33f75498',
    status: 'beta',
    keywords: [
      'teams',
      'chat',
      'notifications',
      'alerts',
      'webhook',
      'power automate',
      'workflows',
    ],
    logo: { pack: 'logos', name: 'microsoft-teams' },
    unverified: [
      'the powerplatform.com workflow URL shape',
      'the rate limit (1 message/s used)',
      'Adaptive Card version 1.4',
    ],
    test_settings: {
      webhook_url:
        'https://prod-00.westus.logic.azure.com:443/workflows/0000test' +
        '/triggers/manual/paths/invoke' +
        '?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=test-sig',
    },
    settings: [
      {
        key: 'webhook_url',
        label: 'Workflow URL',
        type: 'secret',
        help: 'In Teams: the channel’s … → Workflows → “Post to a channel when a webhook request is received”; copy the URL it shows.',
      },
    ],
    spec: {
      endpoint: {
        base_url: 'https://prod.logic.azure.com',
        path: '/workflows/{{settings.__workflow}}/triggers/manual/paths/invoke',
        query: {
          'api-version': '{{settings.__api_version}}',
          sp: '{{settings.__sp}}',
          sv: '{{settings.__sv}}',
          sig: '{{settings.__sig}}',
        },
      },
      auth: { kind: 'none' },
      batching: { max_events: 1 },
      rate_limit_rps: 1,
      answer: { error_message: ['error.message', 'message'] },
    },
    mapping: {
      fields: [
        { path: 'user_id', required: false, description: 'Who (in the card).' },
        { path: 'properties', required: false, description: 'Shown as the card’s facts.' },
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
