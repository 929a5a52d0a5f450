/**
 * Singular server-to-server EVENT endpoint, declared (facts: Singular's "S2S API Endpoint Reference",
 * support.singular.net): one `GET https://s2s.singular.net/api/v1/evt` per event, everything in the
 * query string: `a` (the SDK key — Singular demands it in the query), `p` (platform: Android, iOS,
 * PC, …), `i` (package name or bundle id), `ip`, `ve` (OS version), `n` (event name), `e` (JSON of
 * event attributes), `utime` (Unix seconds), a device id (`aifa` Google advertising id, `idfa`/`idfv`
 * on iOS, `sdid` Singular device id), `custom_user_id`, and for revenue events `is_revenue_event=true`
 * with `amt` and `cur`. Singular does not deduplicate, and a session (`/launch`, sent by the app's SDK
 * or backend) must exist before events. Any status but 200 is to be retried, per Singular.
 *
 * Events without a device id are not held back (the standard web events carry none): Singular refuses
 * them itself. Unverified: the answer body shapes; treating 4xx other than 429 as final (Singular's
 * reference says to retry anything but 200, which would retry bad requests forever).
 */
import { isRecord } from '../../json/index.js';
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import type { VendorDeclaration } from '../spec/declaration.js';
import { SOURCES, standardEvents } from '../spec/standard.js';
import { queryDouble } from '../podscribe/query-double.js';

const GLOBAL: MappingRow[] = [
  { source: 'context.ip', target: 'ip' },
  { source: 'context.os.version', target: 've' },
  { source: 'user_id', target: 'custom_user_id', transforms: ['to_string'] },
  { source: 'context.vendor_ids.singular_device_id', target: 'sdid' },
  { source: 'context.user_agent', target: 'ua' },
];

const QUERY = [
  'p',
  'i',
  'ip',
  've',
  'n',
  'e',
  'utime',
  'aifa',
  'idfa',
  'idfv',
  'sdid',
  'custom_user_id',
  'ua',
  'is_revenue_event',
  'amt',
  'cur',
] as const;

const declaration: VendorDeclaration = {
  id: 'singular',
  name: 'Singular',
  category: 'attribution',
  description:
    'Sends in-app events and revenue to Singular for mobile attribution and ROI reporting.',
  api: 'S2S EVENT endpoint (s2s.singular.net/api/v1/evt)',
  docs: 'https://support.singular.net/hc/en-us/articles/360048588672-Server-to-Server-S2S-API-Endpoint-Reference',
  status: 'beta',
  keywords: ['mmp', 'mobile attribution', 's2s', 'roi'],
  test_settings: { sdk_key: 'test_org_sdkkey', app_id: 'com.example.app' },
  settings: [
    {
      key: 'sdk_key',
      label: 'SDK key',
      type: 'secret',
      help: 'Singular SDK key (Developer Tools → SDK Keys), sent as the a parameter.',
    },
    {
      key: 'app_id',
      label: 'App ID',
      type: 'string',
      help: 'Android package name or iOS bundle id (the i parameter).',
    },
    {
      key: 'platform',
      label: 'Default platform',
      type: 'select',
      required: false,
      options: ['Android', 'iOS', 'PC'],
      default: 'Android',
      help: 'Platform for events whose context names no OS.',
    },
  ],
  spec: {
    method: 'GET',
    endpoint: {
      base_url: 'https://s2s.singular.net',
      path: '/api/v1/evt',
      query: Object.fromEntries(QUERY.map((k) => [k, `{{item.${k}}}`])),
    },
    auth: { kind: 'api_key', in: 'query', name: 'a', value: '{{settings.sdk_key}}' },
    item: {
      fields: {
        n: '{{vendor_event}}',
        i: '{{settings.app_id}}',
        utime: '{{event.timestamp | to_unix_seconds}}',
      },
    },
    batching: { max_events: 1 },
    rate_limit_rps: 50,
    answer: { error_message: ['reason', 'message', 'error'] },
  },
  mapping: {
    fields: [
      { path: 'n', required: true, auto: true, description: 'Event name (≤ 32 ASCII characters).' },
      {
        path: 'p',
        required: true,
        auto: true,
        description: 'Platform (from the context OS, else the setting).',
      },
      { path: 'i', required: true, auto: true, description: 'App id (setting).' },
      { path: 'ip', required: false, description: 'Device IP (IPv4).' },
      { path: 've', required: false, description: 'OS version.' },
      { path: 'aifa', required: false, description: 'Google advertising id.' },
      { path: 'idfa', required: false, description: 'iOS advertising id.' },
      { path: 'idfv', required: false, description: 'iOS vendor id.' },
      { path: 'sdid', required: false, description: 'Singular device id.' },
      { path: 'e', required: false, description: 'Event attributes (JSON).' },
      { path: 'amt', required: false, requiredFor: ['__iap__'], description: 'Revenue amount.' },
      { path: 'cur', required: false, description: 'ISO 4217.' },
    ],
    defaults: {
      global: GLOBAL,
      events: standardEvents(
        {
          page_view: 'page_view',
          view_item: 'sng_content_view',
          add_to_cart: 'sng_add_to_cart',
          begin_checkout: 'sng_checkout_initiated',
          purchase: '__iap__',
          lead: 'lead',
          sign_up: 'sng_complete_registration',
          search: 'sng_search',
        },
        (e) =>
          e === 'purchase'
            ? [
                { value: 'true', target: 'is_revenue_event' },
                { source: [...SOURCES.value], target: 'amt', transforms: ['to_number'] },
                { source: [...SOURCES.currency], target: 'cur', transforms: ['trim', 'uppercase'] },
                {
                  source: [...SOURCES.order_id],
                  target: 'attributes.order_id',
                  transforms: ['to_string'],
                },
              ]
            : e === 'view_item' || e === 'add_to_cart'
              ? [
                  {
                    source: [...SOURCES.product_id],
                    target: 'attributes.sng_attr_content_id',
                    transforms: ['to_string'],
                  },
                ]
              : e === 'search'
                ? [{ source: [...SOURCES.query], target: 'attributes.sng_attr_search_string' }]
                : [],
      ),
      defaults: { action: 'drop' },
    },
  },
  variants: [
    {
      key: 'ios',
      name: 'iOS app',
      description: 'Events default to the iOS platform.',
      defaults: { platform: 'iOS' },
    },
  ],
  unverified: [
    'standard event names (sng_*) and attribute names',
    'answer shapes',
    '4xx other than 429 treated as final',
  ],
};

/** What the registry holds for Singular. */
export const singular = declareVendor(declaration, {
  double: queryDouble(declaration, ['a', 'p', 'i', 'n']),
  hooks: {
    // Platform and device ids from a mobile context (`context.os`, `context.device`); attributes travel as one JSON parameter.
    item: (item, event, params) => {
      const ctx = event.context as Record<string, unknown>;
      const os = String((isRecord(ctx.os) ? ctx.os.name : undefined) ?? '').toLowerCase();
      const device = isRecord(ctx.device) ? ctx.device : {};
      const ad = typeof device.advertising_id === 'string' ? device.advertising_id : undefined;
      const vendor = typeof device.id === 'string' ? device.id : undefined;
      item.p =
        os === 'ios' || os === 'ipados' ? 'iOS' : os === 'android' ? 'Android' : params.platform;
      if (item.p === 'Android' && ad) item.aifa = ad.toLowerCase();
      if (item.p === 'iOS')
        Object.assign(
          item,
          ad ? { idfa: ad.toUpperCase() } : {},
          vendor ? { idfv: vendor.toUpperCase() } : {},
        );
      if (isRecord(item.attributes)) item.e = JSON.stringify(item.attributes);
      delete item.attributes;
    },
  },
});
