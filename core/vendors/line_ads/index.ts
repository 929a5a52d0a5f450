/**
 * LINE Ads Conversion API v1, declared (facts: LINE's Conversion API reference,
 * conversion-api-docs.linebiz.com, and callers' documentation): `POST
 * https://conversion-api.tr.line.me/v1/{line_tag_id}/events` with the Conversion API access token in
 * `X-Line-TagAccessToken`, a JSON array of events; 202 acknowledges. Each event: `event` (`source_type:
 * "web"`, `event_type` `page_view` or `conversion`, `event_name` = `Conversion` or a custom conversion
 * name, `event_timestamp` in Unix seconds, `deduplication_key`: the same name and key count once,
 * shared with the LINE Tag), `user` (`browser_id` = the `__lt__cid` cookie, `click_id` = `ldtag_cl`,
 * SHA-256 `email`/`phone`/`external_id`, `ip_address`, `user_agent`, `line_uid`) and `web` (`url`,
 * `referrer`). Non-default conversion names must exist as custom conversions in LINE Ads.
 *
 * Unverified: events per request (100 chosen), phone normalisation (E.164 with `+` before hashing),
 * the custom conversion names used as defaults, answer shapes.
 */
import { identityRows } from '../../identity-kit/rows.js';
import { isRecord } from '../../json/index.js';
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import { SOURCES, standardEvents, valueRows } from '../spec/standard.js';

const PAGE_VIEW = 'PageView';

const GLOBAL: MappingRow[] = [
  ...identityRows(
    'user',
    { em: 'email_sha256', ph: 'phone_e164_sha256', external_id: 'external_id_sha256' },
    { targets: { em: 'email', ph: 'phone' } },
  ),
  {
    source: ['context.vendor_ids.lt_cid', 'context.vendor_ids.line_browser_id'],
    target: 'user.browser_id',
  },
  {
    source: ['context.click_ids.ldtag_cl', 'context.vendor_ids.line_click_id'],
    target: 'user.click_id',
  },
  { source: 'context.vendor_ids.line_uid', target: 'user.line_uid' },
  { source: 'context.ip', target: 'user.ip_address' },
  { source: 'context.user_agent', target: 'user.user_agent' },
  { source: 'context.page.url', target: 'web.url' },
  { source: 'context.page.referrer', target: 'web.referrer' },
];

/** What the registry holds for LINE Ads. */
export const lineAds = declareVendor(
  {
    id: 'line_ads',
    name: 'LINE Ads',
    category: 'advertising',
    description: 'Sends page views and conversions to LINE Ads alongside the LINE Tag.',
    api: 'Conversion API v1 (/v1/{line_tag_id}/events)',
    docs: 'https://conversion-api-docs.linebiz.com/en/',
    status: 'beta',
    keywords: ['line tag', 'japan', 'taiwan', 'thailand', 'capi', 'conversions'],
    logo: { pack: 'simple-icons', name: 'line' },
    test_settings: { line_tag_id: 'test-tag-id', access_token: 'test-line-token' },
    settings: [
      {
        key: 'line_tag_id',
        label: 'LINE Tag ID',
        type: 'string',
        help: 'The LINE Tag id (LINE Business Manager → LINE Tag).',
        pattern: { regex: '^[A-Za-z0-9-]+$', message: 'must be the LINE Tag id' },
      },
      {
        key: 'access_token',
        label: 'Conversion API access token',
        type: 'secret',
        help: 'Issued for that tag in LINE Business Manager (X-Line-TagAccessToken).',
      },
    ],
    spec: {
      endpoint: {
        base_url: 'https://conversion-api.tr.line.me',
        path: '/v1/{{settings.line_tag_id}}/events',
      },
      auth: {
        kind: 'api_key',
        in: 'header',
        name: 'X-Line-TagAccessToken',
        value: '{{settings.access_token}}',
      },
      body: { wrapper: '{{items}}' },
      eligibility: {
        any_of: [
          ['user.browser_id'],
          ['user.click_id'],
          ['user.email'],
          ['user.phone'],
          ['user.line_uid'],
        ],
        reason: 'LINE needs the LINE Tag browser or click id, an email, a phone or a LINE user id',
      },
      batching: { max_events: 100 },
      rate_limit_rps: 10,
      answer: { error_message: ['message', 'details.0.message', 'error'] },
    },
    mapping: {
      fields: [
        {
          path: 'event',
          required: true,
          auto: true,
          description:
            'source_type, event_type, event_name (from the event map), event_timestamp, deduplication_key.',
        },
        {
          path: 'user.browser_id',
          required: false,
          description: 'LINE Tag browser id (__lt__cid).',
        },
        { path: 'user.click_id', required: false, description: 'LINE click id (ldtag_cl).' },
        {
          path: 'user.email',
          required: false,
          description: 'SHA-256 of the trimmed, lowercased email.',
        },
        { path: 'user.phone', required: false, description: 'SHA-256 of the E.164 phone.' },
        { path: 'user.external_id', required: false, description: 'SHA-256 of your user id.' },
        { path: 'user.ip_address', required: false, description: 'Client IP.' },
        { path: 'user.user_agent', required: false, description: 'User agent.' },
        { path: 'web.url', required: false, description: 'Page URL.' },
        { path: 'custom.value', required: false, description: 'Conversion value.' },
        { path: 'custom.currency', required: false, description: 'ISO 4217.' },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents(
          {
            page_view: PAGE_VIEW,
            view_item: 'ViewItem',
            add_to_cart: 'AddToCart',
            begin_checkout: 'BeginCheckout',
            purchase: 'Conversion',
            lead: 'Lead',
            sign_up: 'SignUp',
            search: 'Search',
          },
          (e) =>
            e === 'purchase' || e === 'lead'
              ? valueRows('custom.value', 'custom.currency')
              : e === 'search'
                ? [{ source: [...SOURCES.query], target: 'custom.search_term' }]
                : [],
        ),
        defaults: { action: 'drop' },
      },
    },
    unverified: [
      'events per request (100 chosen)',
      'phone hashed from E.164 with +',
      'custom conversion names as defaults (ViewItem, AddToCart, …)',
      'custom.value / custom.currency field names',
      'answer shapes',
    ],
  },
  {
    hooks: {
      // The `event` block is built from the event map's name: PageView is LINE's page_view type, every other name a conversion.
      item: (item, event, _p, _t, _n, mapped) => {
        const page = mapped.vendor_event === PAGE_VIEW;
        item.event = {
          source_type: 'web',
          event_type: page ? 'page_view' : 'conversion',
          ...(page ? {} : { event_name: mapped.vendor_event }),
          event_timestamp: Math.floor(Date.parse(event.timestamp) / 1000),
          deduplication_key: event.event_id,
          ...(isRecord(item.event) ? item.event : {}),
        };
      },
    },
  },
);
