/**
 * AppsFlyer server-to-server in-app events (API3), declared (facts: docs/vendors/more-vendors-and-catalog.md
 * §12, from AppsFlyer's S2S mobile article and the API3 reference): `POST
 * https://api3.appsflyer.com/inappevent/{app_id}` with the S2S key in the `authentication` header,
 * one JSON event per request: `appsflyer_id` (the SDK's device id), `eventName` (`af_*` names or
 * custom), `eventValue` (an object: `af_revenue`, `af_currency`, `af_content_id`…), `eventTime` as
 * UTC `yyyy-MM-dd HH:mm:ss.SSS`, `eventCurrency`, `customer_user_id`, `ip`, and the advertising id
 * (`idfa` on iOS, `advertising_id` on Android). The app id of an iOS app must be `id` + its App Store
 * id: without the prefix AppsFlyer answers 200 and drops the event, so the setting refuses it.
 * Default quota 60,000 requests per minute per account.
 *
 * Events without an AppsFlyer id are not held back (the standard web events carry none): AppsFlyer
 * refuses them with a 400 naming the field.
 *
 * Unverified: 403/429 answer shapes; `af_lead` is not an AppsFlyer standard name, so leads go as `lead`.
 */
import type { Envelope } from '../../event/index.js';
import { isRecord } from '../../json/index.js';
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import { SOURCES, standardEvents } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  {
    source: ['context.vendor_ids.appsflyer_id', 'context.vendor_ids.af_id'],
    target: 'appsflyer_id',
  },
  { source: 'user_id', target: 'customer_user_id', transforms: ['to_string'] },
  { source: 'context.ip', target: 'ip' },
];

const VALUE: MappingRow[] = [
  { source: [...SOURCES.value], target: 'eventValue.af_revenue', transforms: ['to_number'] },
  {
    source: [...SOURCES.currency],
    target: 'eventValue.af_currency',
    transforms: ['trim', 'uppercase'],
  },
  { source: [...SOURCES.currency], target: 'eventCurrency', transforms: ['trim', 'uppercase'] },
];
const PRODUCT: MappingRow[] = [
  {
    source: [...SOURCES.product_id],
    target: 'eventValue.af_content_id',
    transforms: ['to_string'],
  },
  { source: 'properties.category', target: 'eventValue.af_content_type' },
  { source: 'properties.quantity', target: 'eventValue.af_quantity', transforms: ['to_number'] },
  { source: 'properties.price', target: 'eventValue.af_price', transforms: ['to_number'] },
  {
    source: [...SOURCES.currency],
    target: 'eventValue.af_currency',
    transforms: ['trim', 'uppercase'],
  },
];

const rows = (e: string): MappingRow[] => {
  switch (e) {
    case 'view_item':
    case 'add_to_cart':
      return PRODUCT;
    case 'begin_checkout':
      return [
        { source: [...SOURCES.value], target: 'eventValue.af_price', transforms: ['to_number'] },
        {
          source: [...SOURCES.currency],
          target: 'eventValue.af_currency',
          transforms: ['trim', 'uppercase'],
        },
      ];
    case 'purchase':
      return [
        ...VALUE,
        {
          source: [...SOURCES.order_id],
          target: 'eventValue.af_order_id',
          transforms: ['to_string'],
        },
        {
          source: 'properties.products[].product_id',
          target: 'eventValue.af_content_id',
          transforms: ['to_string'],
        },
      ];
    case 'lead':
      return [
        { source: [...SOURCES.value], target: 'eventValue.af_revenue', transforms: ['to_number'] },
        {
          source: [...SOURCES.currency],
          target: 'eventCurrency',
          transforms: ['trim', 'uppercase'],
        },
      ];
    case 'sign_up':
      return [{ source: 'properties.method', target: 'eventValue.af_registration_method' }];
    case 'search':
      return [{ source: [...SOURCES.query], target: 'eventValue.af_search_string' }];
    default:
      return [];
  }
};

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
/** `yyyy-MM-dd HH:mm:ss.SSS` in UTC, AppsFlyer's event time format. */
const appsflyerTime = (iso: string): string => {
  const d = new Date(Date.parse(iso));
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${date} ${time}.${pad(d.getUTCMilliseconds(), 3)}`;
};

/** The advertising id under AppsFlyer's name for the platform, from a mobile context (`context.device`, `context.os`). */
function advertisingId(e: Envelope): Record<string, string> {
  const ctx = e.context as Record<string, unknown>;
  const device = isRecord(ctx.device) ? ctx.device : {};
  const id =
    typeof device.advertising_id === 'string' && device.advertising_id
      ? device.advertising_id
      : undefined;
  if (!id) return {};
  const os = String(
    (isRecord(ctx.os) ? ctx.os.name : undefined) ?? device.type ?? '',
  ).toLowerCase();
  if (os === 'ios' || os === 'ipados') return { idfa: id };
  if (os === 'android') return { advertising_id: id };
  return {};
}

/** What the registry holds for AppsFlyer. */
export const appsflyer = declareVendor(
  {
    id: 'appsflyer',
    name: 'AppsFlyer',
    category: 'attribution',
    description: 'Sends in-app events and revenue to AppsFlyer for mobile attribution.',
    api: 'S2S in-app events API3 (/inappevent/{app_id})',
    docs: 'https://dev.appsflyer.com/hc/reference/s2s-events-api3-overview',
    status: 'ga',
    keywords: ['mmp', 'mobile attribution', 's2s', 'app events'],
    test_settings: { app_id: 'com.example.app', s2s_key: 'test-appsflyer-key' },
    settings: [
      {
        key: 'app_id',
        label: 'App ID',
        type: 'string',
        help: 'Android: the package name (com.example.app). iOS: id followed by the App Store id (id123456789).',
        pattern: {
          regex: '^(id[0-9]+|[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)+)$',
          message:
            'must be an Android package name or id + the App Store id (an iOS id without the prefix is silently dropped)',
        },
      },
      {
        key: 's2s_key',
        label: 'S2S API key',
        type: 'secret',
        help: 'The S2S token from AppsFlyer (Security center → API tokens), sent in the authentication header.',
      },
    ],
    spec: {
      endpoint: { base_url: 'https://api3.appsflyer.com', path: '/inappevent/{{settings.app_id}}' },
      auth: {
        kind: 'api_key',
        in: 'header',
        name: 'authentication',
        value: '{{settings.s2s_key}}',
      },
      body: { wrapper: '{{item}}' },
      item: { fields: { eventName: '{{vendor_event}}', eventValue: {} } },
      batching: { max_events: 1 },
      rate_limit_rps: 1000,
      answer: { error_message: ['message', 'error'] },
    },
    mapping: {
      fields: [
        {
          path: 'eventName',
          required: true,
          auto: true,
          description: 'af_* or custom event name (from the event map).',
        },
        {
          path: 'eventTime',
          required: true,
          auto: true,
          description: 'UTC yyyy-MM-dd HH:mm:ss.SSS.',
        },
        {
          path: 'appsflyer_id',
          required: false,
          description: 'AppsFlyer device id from the SDK (AppsFlyer requires it).',
        },
        { path: 'customer_user_id', required: false, description: 'Your user id.' },
        {
          path: 'eventValue',
          required: false,
          description: 'Event parameters: af_revenue, af_currency, af_content_id, …',
        },
        {
          path: 'eventCurrency',
          required: false,
          requiredFor: ['af_purchase'],
          description: 'ISO 4217.',
        },
        { path: 'ip', required: false, description: 'Device IP.' },
        { path: 'idfa', required: false, description: 'iOS advertising id.' },
        { path: 'advertising_id', required: false, description: 'Google advertising id.' },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents(
          {
            view_item: 'af_content_view',
            add_to_cart: 'af_add_to_cart',
            begin_checkout: 'af_initiated_checkout',
            purchase: 'af_purchase',
            lead: 'lead',
            sign_up: 'af_complete_registration',
            search: 'af_search',
          },
          rows,
        ),
        defaults: { action: 'drop' },
      },
    },
    not_mapped: {
      page_view: 'AppsFlyer has no page or screen view event; its SDK counts sessions',
    },
    unverified: ['403 and 429 answer shapes'],
  },
  {
    // AppsFlyer's time format has no T and no zone; an ISO time would be misread.
    extraCheck: (item) =>
      typeof item.eventTime === 'string' &&
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/.test(item.eventTime)
        ? undefined
        : 'eventTime must be yyyy-MM-dd HH:mm:ss.SSS (UTC)',
    hooks: {
      item: (item, event) => {
        item.eventTime = appsflyerTime(event.timestamp);
        Object.assign(item, advertisingId(event));
      },
    },
  },
);
