/**
 * Amazon Ads Conversions API (events manager), declared (facts: the vendor catalog,
 * docs/vendors/more-vendors-and-catalog.md §18, and Segment's Amazon Conversions API destination
 * read for the request shape): `POST {region host}/events/v1` — `advertising-api.amazon.com` (NA),
 * `advertising-api-eu.amazon.com` (EU), `advertising-api-fe.amazon.com` (FE) — with a Login with
 * Amazon access token (refresh-token grant at `https://api.amazon.com/auth/o2/token`, client id and
 * secret in the form) as Bearer, the app's client id in `Amazon-Advertising-API-ClientID` and the
 * advertiser in `Amazon-Ads-AccountId`. Body: `{ eventData: [...], ingestionMethod:
 * "SERVER_TO_SERVER" }`; each event `{ name, eventType (OFF_AMAZON_PURCHASES, ADD_TO_SHOPPING_CART,
 * CHECKOUT, LEAD, PAGE_VIEW, SEARCH, SIGN_UP, OTHER, …), eventActionSource: "WEBSITE", countryCode,
 * timestamp, matchKeys: [{ type, values: [one value] }], value, currencyCode, unitsSold,
 * clientDedupeId, consent }`. Match keys are SHA-256: email lowercased with everything but
 * `a-z0-9.@+-` removed, phone digits, names and places lowercase alphanumerics, postal code without
 * spaces. The answer is 207 with `success[]` and `error[]`, each naming its event by 1-based
 * `index`. EU events need a consent signal: the client IP is sent as the geographic one.
 *
 * Unverified: the EU/FE token hosts (api.amazon.co.uk / .co.jp are documented for LWA; the NA host is
 * used for all, as Segment does), events per request (500 chosen), rate limits.
 */
import { createHash } from 'node:crypto';
import { identityRows } from '../../identity-kit/rows.js';
import { isRecord } from '../../json/index.js';
import type { MappingRow } from '../../mapping/config.js';
import type { TransformTable } from '../../mapping/transforms.js';
import { jsonBody } from '../outcomes.js';
import type { EventOutcome } from '../types.js';
import { declareVendor } from '../spec/declared.js';
import type { VendorDeclaration } from '../spec/declaration.js';
import { SOURCES, standardEvents, valueRows } from '../spec/standard.js';
import { amazonAdsDouble } from './double.js';

export const AMAZON_TOKEN_URL = 'https://api.amazon.com/auth/o2/token';
const AMAZON_MAX_EVENTS = 500;

/** Standard event names (the event map's) → Amazon conversion type; other names are OTHER. */
const AMAZON_EVENT_TYPES: Readonly<Record<string, string>> = {
  'Page View': 'PAGE_VIEW',
  'Add to Cart': 'ADD_TO_SHOPPING_CART',
  Checkout: 'CHECKOUT',
  Purchase: 'OFF_AMAZON_PURCHASES',
  Lead: 'LEAD',
  'Sign Up': 'SIGN_UP',
  Search: 'SEARCH',
};

/** Match key type for each temporary `match.*` field the mapping fills. */
const MATCH_KEYS: Readonly<Record<string, string>> = {
  email: 'EMAIL',
  phone: 'PHONE',
  first_name: 'FIRST_NAME',
  last_name: 'LAST_NAME',
  city: 'CITY',
  state: 'STATE',
  postal: 'POSTAL',
  maid: 'MAID',
};

const sha = (v: string): string => createHash('sha256').update(v, 'utf8').digest('hex');
/** SHA-256 after Amazon's email rule (lowercase, only `a-z0-9.@+-` kept); a digest passes through. */
const emailSha256 = (v: unknown): string | undefined => {
  if (typeof v !== 'string') return undefined;
  const t = v.trim().toLowerCase();
  if (/^[a-f0-9]{64}$/.test(t)) return t;
  const e = t.replace(/[^a-z0-9.@+-]/g, '');
  return e.includes('@') ? sha(e) : undefined;
};
/** SHA-256 of the postal code lowercased without whitespace; a digest passes through. */
const postalSha256 = (v: unknown): string | undefined => {
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  const t = String(v).toLowerCase().replace(/\s+/g, '');
  return /^[a-f0-9]{64}$/.test(t) ? t : t ? sha(t) : undefined;
};
const TRANSFORMS: TransformTable = {
  'amazon.email_sha256': { fn: emailSha256 },
  'amazon.postal_sha256': { fn: postalSha256 },
};

const GLOBAL: MappingRow[] = [
  {
    source: ['traits.email', 'properties.email'],
    target: 'match.email',
    transforms: ['amazon.email_sha256'],
  },
  ...identityRows(
    'match',
    {
      ph: 'phone_digits_sha256',
      fn: 'place_ascii_sha256',
      ln: 'place_ascii_sha256',
      ct: 'place_ascii_sha256',
      st: 'place_ascii_sha256',
    },
    { targets: { ph: 'phone', fn: 'first_name', ln: 'last_name', ct: 'city', st: 'state' } },
  ),
  {
    source: ['traits.address.postal_code', 'traits.postal_code'],
    target: 'match.postal',
    transforms: ['amazon.postal_sha256'],
  },
  { source: 'context.device.advertising_id', target: 'match.maid' },
  {
    source: ['traits.address.country', 'traits.country', 'context.geo.country'],
    target: 'countryCode',
    transforms: ['trim', 'uppercase'],
  },
  { source: 'context.ip', target: 'consent.geo.ipAddress' },
  {
    source: ['context.click_ids.aaclid', 'context.click_ids.amazon_click_id'],
    target: 'amazonClickId',
  },
];

const declaration: VendorDeclaration = {
  id: 'amazon_ads',
  name: 'Amazon Ads',
  category: 'advertising',
  description:
    'Sends off-Amazon purchases, leads and other conversions to Amazon Ads for attribution and optimisation.',
  api: 'Conversions API (/events/v1)',
  docs: 'https://advertising.amazon.com/API/docs/en-us/amazon-conversions-api',
  status: 'beta',
  keywords: ['amazon dsp', 'sponsored ads', 'capi', 'conversions', 'lwa'],
  test_settings: {
    advertiser_id: 'ENTITY123',
    client_id: 'amzn1.application-oa2-client.test',
    client_secret: 'test-amazon-secret',
    refresh_token: 'Atzr|test-refresh',
  },
  settings: [
    {
      key: 'advertiser_id',
      label: 'Advertiser account ID',
      type: 'string',
      help: 'The Amazon Ads account id (sent as Amazon-Ads-AccountId).',
    },
    {
      key: 'client_id',
      label: 'LWA client ID',
      type: 'string',
      help: 'Login with Amazon client id of your Amazon Ads API application (also sent as Amazon-Advertising-API-ClientID).',
    },
    {
      key: 'client_secret',
      label: 'LWA client secret',
      type: 'secret',
      help: 'The client secret of that application.',
    },
    {
      key: 'refresh_token',
      label: 'Refresh token',
      type: 'secret',
      help: 'A Login with Amazon refresh token authorised for the advertiser.',
    },
    {
      key: 'region',
      label: 'Region',
      type: 'select',
      required: false,
      options: ['NA', 'EU', 'FE'],
      default: 'NA',
      help: 'The Amazon Ads API region of the advertiser.',
    },
    {
      key: 'country_code',
      label: 'Default country',
      type: 'string',
      required: false,
      default: 'US',
      help: 'ISO 3166-1 alpha-2 country for events whose user has none.',
      pattern: { regex: '^[A-Z]{2}$', message: 'must be a two-letter upper-case country code' },
    },
  ],
  spec: {
    endpoint: {
      base_url: 'https://advertising-api.amazon.com',
      regions: {
        setting: 'region',
        hosts: {
          NA: 'https://advertising-api.amazon.com',
          EU: 'https://advertising-api-eu.amazon.com',
          FE: 'https://advertising-api-fe.amazon.com',
        },
      },
      path: '/events/v1',
    },
    auth: {
      kind: 'oauth2_refresh_token',
      token_url: AMAZON_TOKEN_URL,
      client_id: '{{settings.client_id}}',
      client_secret: '{{settings.client_secret}}',
      refresh_token: '{{settings.refresh_token}}',
    },
    headers: {
      static: {
        'amazon-advertising-api-clientid': '{{settings.client_id}}',
        'amazon-ads-accountid': '{{settings.advertiser_id}}',
      },
    },
    body: { wrapper: { eventData: '{{items}}', ingestionMethod: 'SERVER_TO_SERVER' } },
    item: {
      fields: {
        name: '{{vendor_event}}',
        eventActionSource: 'WEBSITE',
        timestamp: '{{event.timestamp | to_iso8601}}',
        clientDedupeId: '{{event.event_id}}',
      },
    },
    eligibility: {
      any_of: [['matchKeys']],
      reason: 'Amazon needs at least one match key (email, phone, name, address or mobile ad id)',
    },
    batching: { max_events: AMAZON_MAX_EVENTS },
    rate_limit_rps: 10,
    answer: {
      success: [200, 201, 202, 207],
      error_message: ['message', 'details', 'error.message'],
    },
  },
  mapping: {
    fields: [
      { path: 'name', required: true, auto: true, description: 'Event name (from the event map).' },
      {
        path: 'eventType',
        required: true,
        auto: true,
        description: 'Amazon conversion type derived from the name.',
      },
      { path: 'eventActionSource', required: true, auto: true, description: 'WEBSITE.' },
      {
        path: 'countryCode',
        required: true,
        description: 'ISO alpha-2 country (the default country when the user has none).',
      },
      { path: 'timestamp', required: true, auto: true, description: 'ISO-8601 time.' },
      { path: 'clientDedupeId', required: false, auto: true, description: 'Dedup id.' },
      {
        path: 'match.email',
        required: false,
        description: 'SHA-256 email (Amazon normalisation) → EMAIL match key.',
      },
      {
        path: 'match.phone',
        required: false,
        description: 'SHA-256 phone digits → PHONE match key.',
      },
      {
        path: 'value',
        required: false,
        requiredFor: ['OFF_AMAZON_PURCHASES'],
        description: 'Value.',
      },
      { path: 'currencyCode', required: false, description: 'ISO 4217.' },
      { path: 'unitsSold', required: false, description: 'Units sold.' },
      {
        path: 'consent.geo.ipAddress',
        required: false,
        description: 'Client IP as the geographic consent signal.',
      },
    ],
    defaults: {
      global: GLOBAL,
      events: standardEvents(
        {
          page_view: 'Page View',
          view_item: 'View Item',
          add_to_cart: 'Add to Cart',
          begin_checkout: 'Checkout',
          purchase: 'Purchase',
          lead: 'Lead',
          sign_up: 'Sign Up',
          search: 'Search',
        },
        (e) =>
          e === 'purchase' || e === 'add_to_cart' || e === 'begin_checkout'
            ? [
                ...valueRows('value', 'currencyCode'),
                { source: ['properties.quantity'], target: 'unitsSold', transforms: ['to_number'] },
              ]
            : e === 'search'
              ? [
                  { source: [...SOURCES.query], target: 'customData[0].value' },
                  { value: 'search_term', target: 'customData[0].name' },
                ]
              : [],
      ),
      defaults: { action: 'drop' },
    },
  },
  variants: [
    {
      key: 'eu',
      name: 'Europe',
      description: 'Advertisers on the EU Amazon Ads API host.',
      defaults: { region: 'EU' },
    },
    {
      key: 'fe',
      name: 'Far East',
      description: 'Advertisers on the FE Amazon Ads API host (Japan, Australia, Singapore…).',
      defaults: { region: 'FE' },
    },
  ],
  unverified: [
    'EU and FE advertisers using the NA token host',
    'events per request (500 chosen)',
    'rate limit (10 requests/s chosen)',
  ],
};

/** Per-event outcomes of a 207: `error[]` names failed events by 1-based index; the rest succeeded. */
function classify207(body: string, ids: readonly string[]): EventOutcome[] | undefined {
  const json = jsonBody(body);
  if (!isRecord(json) || !Array.isArray(json.error)) return undefined;
  const failed = new Map<number, string>();
  for (const e of json.error) {
    if (!isRecord(e) || typeof e.index !== 'number') continue;
    const sub = Array.isArray(e.subErrors)
      ? e.subErrors[0]
      : Array.isArray(e.errors)
        ? e.errors[0]
        : undefined;
    const msg = isRecord(sub) ? (sub.errorMessage ?? sub.message) : undefined;
    failed.set(e.index - 1, typeof msg === 'string' ? msg : 'rejected by Amazon');
  }
  return ids.map((event_id, i) =>
    failed.has(i)
      ? { event_id, status: 'failed', code: 'vendor_rejected', reason: failed.get(i)! }
      : { event_id, status: 'delivered' },
  );
}

/** What the registry holds for Amazon Ads. */
export const amazonAds = declareVendor(declaration, {
  transforms: TRANSFORMS,
  hooks: {
    // The match-key fields become Amazon's list of typed keys; the type follows the name; the country falls back to the setting.
    item: (item, _e, params) => {
      const match = isRecord(item.match) ? item.match : {};
      delete item.match;
      const keys = Object.entries(MATCH_KEYS).flatMap(([field, type]) =>
        typeof match[field] === 'string' && match[field] ? [{ type, values: [match[field]] }] : [],
      );
      if (keys.length) item.matchKeys = keys;
      item.eventType = AMAZON_EVENT_TYPES[String(item.name)] ?? 'OTHER';
      if (!item.countryCode && typeof params.country_code === 'string')
        item.countryCode = params.country_code;
    },
    classify: (response, request) =>
      response.status === 207 ? classify207(response.body, request.event_ids) : undefined,
  },
  double: amazonAdsDouble,
});
