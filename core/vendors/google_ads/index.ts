/**
 * Google Ads conversions through the Data Manager API as a declaration (docs/vendors/ads-analytics-warehouse.md §3c): `POST
 * {base}/{api_version}/events:ingest` with an OAuth2 bearer (scope datamanager; a service-account
 * JWT, else an OAuth client's refresh token; no developer token), `destinations[]` (≤10, one per
 * conversion action) + `events[]` (≤2000) with hashed user identifiers and `encoding: HEX`.
 * Google documents this as the upgrade path from the Ads API conversion uploads (which need a
 * developer token). Fast-fail: a bad event fails the request; the events it names fail, the rest
 * are retried. Test mode sets `validateOnly`. Each event's conversion action comes
 * from its mapping (`destination`); the hooks below turn it into `destinationReferences` and the
 * request's `destinations[]`.
 */
import type { MappingRow } from '../../mapping/config.js';
import { consentModeRows, consentWords } from '../spec/consent-mode.js';
import {
  optional,
  setting,
  type SettingField,
  type VendorDeclaration,
} from '../spec/declaration.js';
import { declareVendor } from '../spec/declared.js';
import {
  FIRST_PORTS_MATCH,
  SOURCES,
  currencyRow,
  fieldTable,
  firstPortsValue,
  row,
  standardEvents,
  type StandardEvent,
} from '../spec/standard.js';
import { GOOGLE_TOKEN_URI } from '../spec/google-oauth.js';
import {
  DATA_MANAGER_MAX_DESTINATIONS,
  DATA_MANAGER_MAX_EVENTS,
  DATA_MANAGER_SCOPE,
  googleAdsDouble,
} from './double.js';

/** Ids given with or without dashes (`123-456-7890`), kept as digits. */
const digits = (what: string) => ({
  pattern: { regex: '^-*(?:\\d-*){1,20}$', message: `must be the ${what}, digits only` },
  strip: '-',
});

const GOOGLE_ADS_FIELDS = fieldTable([
  ['destination', 'required', 'Conversion action id (productDestinationId) for this event.'],
  ['eventTimestamp', 'required', 'RFC 3339 time of the conversion.'],
  ['transactionId', '', 'Order id; dedup key.'],
  ['eventSource', '', 'WEB, APP, IN_STORE, PHONE, OTHER.'],
  ['conversionValue', '', 'Value.'],
  ['currency', '', 'ISO 4217.'],
  ['adIdentifiers.gclid', '', 'Click id, plain.'],
  ['adIdentifiers.gbraid', '', 'iOS click id, plain.'],
  ['adIdentifiers.wbraid', '', 'iOS web click id, plain.'],
  ['adIdentifiers.landingPageDeviceInfo.userAgent', '', 'User agent.'],
  ['adIdentifiers.landingPageDeviceInfo.ipAddress', '', 'IP address.'],
  [
    'userData.userIdentifiers',
    '',
    'Hashed email / E.164 phone / address (names hashed, region and postal plain).',
  ],
  ['consent.adUserData', '', 'CONSENT_GRANTED / CONSENT_DENIED.'],
  ['consent.adPersonalization', '', 'CONSENT_GRANTED / CONSENT_DENIED.'],
  ['cartData.items', '', 'merchantProductId, quantity, unitPrice.'],
]);

const IDS = 'userData.userIdentifiers';
const ADDRESS = `${IDS}[2].address`;
const GOOGLE_ADS_GLOBAL: MappingRow[] = [
  row('eventTimestamp', 'timestamp', 'to_iso8601'),
  { value: 'WEB', target: 'eventSource' },
  { source: 'context.click_ids.gclid', target: 'adIdentifiers.gclid' },
  { source: 'context.click_ids.gbraid', target: 'adIdentifiers.gbraid' },
  { source: 'context.click_ids.wbraid', target: 'adIdentifiers.wbraid' },
  { source: 'context.user_agent', target: 'adIdentifiers.landingPageDeviceInfo.userAgent' },
  { source: 'context.ip', target: 'adIdentifiers.landingPageDeviceInfo.ipAddress' },
  row(`${IDS}[0].emailAddress`, ['traits.email', 'properties.email'], 'id.email_gmail_sha256'),
  row(`${IDS}[1].phoneNumber`, ['traits.phone', 'properties.phone'], 'id.phone_e164_sha256'),
  row(`${ADDRESS}.givenName`, 'traits.first_name', 'id.name_clean_sha256'),
  row(`${ADDRESS}.familyName`, 'traits.last_name', 'id.name_clean_sha256'),
  row(`${ADDRESS}.regionCode`, ['traits.country', 'traits.address.country'], 'id.region_code'),
  row(`${ADDRESS}.postalCode`, ['traits.postal_code', 'traits.address.postal_code'], 'id.postal'),
  ...consentModeRows(['consent.adUserData', 'consent.adPersonalization'], 'google.consent_status'),
];

/** The event's conversion action, from the parameter holding its id. */
const action = (...keys: string[]): MappingRow => ({
  source: keys.length > 1 ? keys.map((k) => `parameters.${k}`) : `parameters.${keys[0]!}`,
  target: 'destination',
});
function rows(e: StandardEvent): MappingRow[] {
  switch (e) {
    case 'add_to_cart':
      return [
        action('add_to_cart_conversion_action_id'),
        currencyRow('currency'),
        firstPortsValue(e, 'conversionValue'),
      ];
    case 'purchase':
      return [
        action('conversion_action_id'),
        row('transactionId', SOURCES.order_id, 'to_string'),
        firstPortsValue(e, 'conversionValue'),
        currencyRow('currency', 'USD'),
        {
          source: 'properties.products',
          target: 'cartData.items',
          items: [
            row('merchantProductId', ['product_id', 'sku'], 'to_string'),
            row('quantity', 'quantity', 'to_number'),
            row('unitPrice', 'price', 'to_number'),
          ],
        },
      ];
    case 'lead':
      return [
        action('lead_conversion_action_id', 'conversion_action_id'),
        row('transactionId', ['properties.lead_id', 'event_id'], 'to_string'),
        currencyRow('currency'),
        firstPortsValue(e, 'conversionValue'),
      ];
    default: // page_view
      return [action('page_view_conversion_action_id')];
  }
}

type Json = Record<string, unknown>;

/** Drop empty identifier slots and incomplete addresses (givenName, familyName, regionCode, postalCode all needed). */
function tidyUserData(ev: Json): void {
  const ud = ev.userData as { userIdentifiers?: (Json | undefined)[] } | undefined;
  if (!ud?.userIdentifiers) return;
  const ids = ud.userIdentifiers.filter((u): u is Json => {
    if (!u || Object.keys(u).length === 0) return false;
    const a = u.address as Json | undefined;
    return !a || !!(a.givenName && a.familyName && a.regionCode && a.postalCode);
  });
  if (ids.length) ud.userIdentifiers = ids;
  else delete ev.userData;
}

/** An optional conversion action for one more standard event (`{event}_conversion_action_id`). */
const action_id = (event: string, label: string, help: string): SettingField =>
  optional(`${event}_conversion_action_id`, `${label} conversion action ID`, 'string', help, {
    ...digits('conversion action id'),
  });

export const googleAdsDeclaration: VendorDeclaration = {
  id: 'google_ads',
  name: 'Google Ads',
  category: 'advertising',
  description:
    'Offline and enhanced conversions through the Data Manager API (no developer token).',
  api: 'Data Manager API (events:ingest)',
  docs: 'https://developers.google.com/data-manager/api/reference/rest/v1/events/ingest',
  status: 'ga',
  test_settings: {
    customer_id: '123-456-7890',
    conversion_action_id: '987654321',
    client_id: 'test-client',
    client_secret: 'test-client-secret',
    refresh_token: 'test-refresh',
  },
  logo: { pack: 'logos', name: 'google-ads' },
  settings: [
    setting(
      'customer_id',
      'Customer ID',
      'string',
      'The Google Ads conversion customer (owns the conversion actions), digits only (123-456-7890 → 1234567890).',
      digits('Google Ads conversion customer id'),
    ),
    setting(
      'conversion_action_id',
      'Conversion action ID',
      'string',
      'Tools → Conversions → the conversion action id for purchases.',
      digits('conversion action id'),
    ),
    action_id('lead', 'Lead', 'Conversion action for leads (default: the purchase one).'),
    action_id('page_view', 'Page view', 'Set to send page views as conversions.'),
    action_id('add_to_cart', 'Add to cart', 'Set to send add-to-cart events as conversions.'),
    optional(
      'login_customer_id',
      'Manager (MCC) customer ID',
      'string',
      'Digits only; set when acting through a manager account.',
      digits('manager account id'),
    ),
    optional(
      'service_account_json',
      'Service account key',
      'secret',
      'JSON key of a service account with access to the account (scope https://www.googleapis.com/auth/datamanager).',
      { json: true },
    ),
    optional(
      'client_id',
      'OAuth client ID',
      'string',
      'Instead of a service account: OAuth 2.0 client id for the refresh-token flow.',
    ),
    optional('client_secret', 'OAuth client secret', 'secret', 'OAuth 2.0 client secret.'),
    optional(
      'refresh_token',
      'OAuth refresh token',
      'secret',
      'Refresh token with the datamanager scope.',
    ),
    optional('api_version', 'API version', 'string', 'Data Manager API version segment.', {
      default: 'v1',
      pattern: { regex: '^v\\d+$', message: 'must be v followed by digits' },
    }),
  ],
  spec: {
    endpoint: {
      base_url: 'https://datamanager.googleapis.com',
      path: '/{{settings.api_version}}/events:ingest',
      test_mode: { body: { validateOnly: true } },
    },
    auth: {
      kind: 'first_of',
      options: [
        {
          when: ['service_account_json'],
          auth: {
            kind: 'google_service_account',
            key: '{{settings.service_account_json}}',
            scopes: [DATA_MANAGER_SCOPE],
          },
        },
        {
          when: ['client_id', 'client_secret', 'refresh_token'],
          auth: {
            kind: 'oauth2_refresh_token',
            token_url: GOOGLE_TOKEN_URI,
            client_id: '{{settings.client_id}}',
            client_secret: '{{settings.client_secret}}',
            refresh_token: '{{settings.refresh_token}}',
          },
        },
      ],
    },
    // `destinations` and `encoding` are added from the items (the body hook below).
    body: { wrapper: { events: '{{items}}' } },
    batching: {
      max_events: DATA_MANAGER_MAX_EVENTS,
      distinct: { key: '{{fields.destinationReferences}}', max: DATA_MANAGER_MAX_DESTINATIONS },
    },
    rate_limit_rps: 10,
    answer: {
      error_message: ['error.message'],
      // Fast-fail: a 400 names the bad events; the others were not ingested.
      rows: {
        in: 'rejected',
        list: 'error.details[].fieldViolations',
        index: 'field',
        pattern: '(?:^|\\.)events\\[(\\d+)\\]',
        reason: [
          '{{row.field}}: {{row.description}}',
          '{{row.field}}: {{body.error.status}}: {{body.error.message}}',
        ],
        others: {
          outcome: 'retry',
          reason: 'not ingested: another event in the request was rejected (fast-fail)',
        },
      },
      reason: ['{{body.error.status}}: {{body.error.message}}', '{{body.error.status}}:'],
      body_codes: [
        { path: 'error.status', values: ['RESOURCE_EXHAUSTED'], outcome: 'throttle' },
        {
          path: 'error.status',
          values: ['DEADLINE_EXCEEDED', 'INTERNAL', 'UNAVAILABLE', 'ABORTED'],
          outcome: 'retry',
        },
      ],
    },
  },
  mapping: {
    fields: GOOGLE_ADS_FIELDS,
    defaults: {
      global: GOOGLE_ADS_GLOBAL,
      events: standardEvents(
        { page_view: 'page_view', add_to_cart: 'add_to_cart', purchase: 'purchase', lead: 'lead' },
        rows,
        FIRST_PORTS_MATCH,
      ),
      defaults: { action: 'drop' },
    },
  },
  variants: [
    {
      key: 'retail',
      name: 'Retail',
      description: 'Purchases with order id and value; advertising consent.',
      defaults: { consent_categories: ['advertising'], batch_size: 2000 },
    },
  ],
};

export const googleAds = declareVendor(googleAdsDeclaration, {
  // Each event's conversion action as a `destinationReferences` entry and the request's
  // `destinations[]` from them; identifiers Data Manager would refuse left out.
  hooks: {
    item(item, _event, _params, _test, _now, mapped) {
      const { destination, ...event } = item;
      if (typeof destination !== 'string' || !destination)
        return `no conversion action for "${mapped.vendor_event}" (set the ${mapped.mapping ?? 'event'} conversion action id)`;
      if (!event.eventTimestamp) return 'eventTimestamp is missing';
      tidyUserData(event);
      return { destinationReferences: [`ca-${destination}`], ...event };
    },
    body(body, items, params) {
      const refs = [...new Set(items.flatMap((i) => i.destinationReferences as string[]))];
      const account = (id: unknown) => ({ accountType: 'GOOGLE_ADS', accountId: id });
      const destinations = refs.map((ref) => ({
        operatingAccount: account(params.customer_id),
        ...(params.login_customer_id ? { loginAccount: account(params.login_customer_id) } : {}),
        productDestinationId: ref.slice(3),
        reference: ref,
      }));
      return {
        destinations,
        ...(items.some((i) => i.userData) ? { encoding: 'HEX' } : {}),
        ...(body as Json),
      };
    },
  },
  transforms: { 'google.consent_status': consentWords('CONSENT_GRANTED', 'CONSENT_DENIED') },
  double: googleAdsDouble,
});
