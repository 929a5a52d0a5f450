/**
 * LinkedIn Conversions API as a declaration (docs/vendors/ads-analytics-warehouse.md §7): `POST {base}/rest/conversionEvents`
 * as a `BATCH_CREATE` of up to 5000 elements, `Authorization: Bearer`, `LinkedIn-Version: YYYYMM`,
 * `X-Restli-Protocol-Version: 2.0.0`; `conversionHappenedAt` in **milliseconds** within 90 days;
 * `amount` a string. Answers: 200 with per-element statuses (request order), or a 4xx whose
 * message names bad rows as `Index: N, ERROR :: reason` — those fail, the others are retried. LinkedIn documents no test mode: `test_mode` sends every event to
 * `test_conversion_rule_id`, a rule not attached to live campaigns.
 */
import { textTransform } from '../../identity-kit/index.js';
import type { MappingRow } from '../../mapping/config.js';
import type { TransformTable } from '../../mapping/transforms.js';
import { adSettings, optional, setting, type VendorDeclaration } from '../spec/declaration.js';
import { declareVendor } from '../spec/declared.js';
import { fieldTable, row, standardEvents, valueRows } from '../spec/standard.js';
import { LINKEDIN_ID_TYPES, linkedinDouble } from './double.js';

/** Longest `eventId` LinkedIn accepts. */
const LINKEDIN_MAX_EVENT_ID = 64;

/** LinkedIn's plain-text rules: text trimmed with inner whitespace collapsed; country as upper-case alpha-2 (else dropped). */
export const linkedinTransforms: TransformTable = {
  'linkedin.text': textTransform((raw) => raw.trim().replace(/\s+/g, ' ') || undefined),
  'linkedin.country': textTransform((raw) => {
    const v = raw.trim().toUpperCase();
    return /^[A-Z]{2}$/.test(v) ? v : undefined;
  }),
};

/** The fields of one LinkedIn conversion event (as mapped; `ids.*` become `user.userIds`). */
export const LINKEDIN_FIELDS = fieldTable([
  ['conversion', 'required auto', 'urn:lla:llaPartnerConversion:{rule id} (from the parameters).'],
  ['conversionHappenedAt', 'required auto', 'Epoch milliseconds, within 90 days.'],
  ['eventId', 'auto', 'Dedup id with the Insight Tag.'],
  ['ids.SHA256_EMAIL', '', 'SHA-256 of the trimmed, lowercased email.'],
  ['ids.LINKEDIN_FIRST_PARTY_ADS_TRACKING_UUID', '', 'li_fat_id click id, plain.'],
  ['ids.ACXIOM_ID', '', 'Acxiom id, plain.'],
  ['ids.ORACLE_MOAT_ID', '', 'Oracle Moat id, plain.'],
  ['user.userInfo.firstName', '', 'Plain text (sent only with lastName).'],
  ['user.userInfo.lastName', '', 'Plain text (sent only with firstName).'],
  ['user.userInfo.title', '', 'Job title, plain text.'],
  ['user.userInfo.companyName', '', 'Company, plain text.'],
  ['user.userInfo.countryCode', '', 'ISO alpha-2, upper case.'],
  ['user.externalIds', '', 'Advertiser user id (only the first is used).'],
  ['conversionValue.amount', 'for PURCHASE', 'Amount as a string.'],
  ['conversionValue.currencyCode', 'for PURCHASE', 'ISO 4217.'],
  ['conversion_rule_id', '', 'Overrides the rule id for this event.'],
]);

const VALUE = valueRows('conversionValue.amount', 'conversionValue.currencyCode', {
  asText: true,
});

const LI_FAT_ID = 'LINKEDIN_FIRST_PARTY_ADS_TRACKING_UUID';
const INFO = 'user.userInfo';
const COMPANY = ['traits.company.name', 'traits.company', 'traits.company_name'];

/** Ids, plain-text user info and the external id, for every event (the item hook assembles `user`). */
const GLOBAL: MappingRow[] = [
  row('ids.SHA256_EMAIL', ['traits.email', 'properties.email'], 'first', 'id.email_sha256'),
  row(`ids.${LI_FAT_ID}`, ['context.click_ids.li_fat_id', 'context.vendor_ids.li_fat_id']),
  row(`${INFO}.firstName`, ['traits.first_name', 'traits.firstName'], 'linkedin.text'),
  row(`${INFO}.lastName`, ['traits.last_name', 'traits.lastName'], 'linkedin.text'),
  row(`${INFO}.title`, ['traits.title', 'traits.job_title'], 'linkedin.text'),
  row(`${INFO}.companyName`, COMPANY, 'linkedin.text'),
  row(`${INFO}.countryCode`, ['traits.address.country', 'traits.country'], 'linkedin.country'),
  row('user.externalIds', 'user_id', 'to_string', 'to_array'),
];

const RULE_ID = { regex: '^\\d+$', message: 'must be the numeric conversion rule id' };

export const linkedinDeclaration: VendorDeclaration = {
  id: 'linkedin',
  name: 'LinkedIn',
  category: 'advertising',
  description:
    'B2B conversions (leads, sign-ups, purchases) attributed to LinkedIn campaigns through your conversion rules.',
  api: 'Conversions API (/rest/conversionEvents)',
  docs: 'https://learn.microsoft.com/linkedin/marketing/integrations/ads-reporting/conversions-api',
  status: 'ga',
  test_settings: { access_token: 'test-linkedin-token', conversion_rule_id: '123456' },
  logo: { pack: 'logos', name: 'linkedin-icon' },
  settings: [
    adSettings.accessToken('3-legged OAuth access token with the rw_conversions scope.'),
    setting(
      'conversion_rule_id',
      'Conversion rule ID',
      'string',
      'Id of a conversion rule created with conversionMethod CONVERSIONS_API (urn:lla:llaPartnerConversion:{id}).',
      { pattern: RULE_ID },
    ),
    optional(
      'conversion_rules',
      'Conversion rules by type',
      'json',
      'Rule type (e.g. PURCHASE, LEAD) → conversion rule id, for events mapped to other rule types.',
      { default: {}, values: RULE_ID },
    ),
    optional(
      'test_conversion_rule_id',
      'Test conversion rule ID',
      'string',
      'Rule used while test mode is on.',
      { pattern: RULE_ID },
    ),
    optional(
      'linkedin_version',
      'LinkedIn API version',
      'string',
      'LinkedIn-Version header (YYYYMM), e.g. 202511.',
      { default: '202511', pattern: { regex: '^\\d{6}$', message: 'must be YYYYMM' } },
    ),
  ],
  spec: {
    endpoint: {
      base_url: 'https://api.linkedin.com',
      path: '/rest/conversionEvents',
      test_mode: { requires: ['test_conversion_rule_id'] },
    },
    auth: { kind: 'bearer', token: '{{settings.access_token}}' },
    headers: {
      static: {
        'linkedin-version': '{{settings.linkedin_version}}',
        'x-restli-protocol-version': '2.0.0',
        'x-restli-method': 'BATCH_CREATE',
      },
    },
    body: { wrapper: { elements: '{{items}}' } },
    // `conversion` holds the rule type until the item hook turns it into the rule's URN.
    item: {
      fields: {
        conversion: '{{vendor_event}}',
        conversionHappenedAt: '{{event.timestamp | to_unix_ms}}',
        eventId: '{{event.event_id}}',
      },
    },
    batching: { max_events: 5000 },
    // 600/min reported for connector apps; app tiers vary.
    rate_limit_rps: 5,
    answer: {
      error_message: ['message'],
      reason: 'HTTP {{status}} {{body.code}}: {{body.message}}',
      per_event: {
        path: 'elements',
        status_field: 'status',
        error_field: 'error',
        http_status: true,
      },
      // A refused batch names its bad rows; the others were not taken.
      rows: {
        in: 'rejected',
        list: 'message',
        pattern: 'Index: (\\d+), ERROR :: ([^\\n]+)',
        others: {
          outcome: 'retry',
          code: 'upstream_unavailable',
          reason: 'batch refused because of other events; resend without them',
        },
      },
    },
  },
  mapping: {
    fields: LINKEDIN_FIELDS,
    defaults: {
      global: GLOBAL,
      // Rule types, looked up in `conversion_rules` (else the default rule).
      events: standardEvents(
        {
          page_view: 'KEY_PAGE_VIEW',
          add_to_cart: 'ADD_TO_CART',
          purchase: 'PURCHASE',
          lead: 'LEAD',
          view_item: 'VIEW_CONTENT',
          begin_checkout: 'START_CHECKOUT',
          sign_up: 'SIGN_UP',
          search: 'SEARCH',
        },
        (e) => (e === 'page_view' || e === 'sign_up' || e === 'search' ? [] : VALUE),
      ),
      defaults: { action: 'drop' },
    },
  },
};

export const linkedin = declareVendor(linkedinDeclaration, {
  // The conversion rule per event (a per-event override, the rule for its type, the default, or the
  // test rule), ids assembled into `user.userIds`, and the 64-character event id limit.
  hooks: {
    item(item, _event, params, test) {
      const ids = item.ids as Record<string, unknown> | undefined;
      const user = item.user as Record<string, unknown> | undefined;
      const override = item.conversion_rule_id;
      const userIds = LINKEDIN_ID_TYPES.flatMap((idType) =>
        typeof ids?.[idType] === 'string' && ids[idType] ? [{ idType, idValue: ids[idType] }] : [],
      );
      const info = user?.userInfo as Record<string, unknown> | undefined;
      const hasInfo = !!(info?.firstName && info.lastName);
      if (!userIds.length && !hasInfo)
        return 'LinkedIn needs a user id (email, li_fat_id, …) or userInfo with firstName and lastName';
      const rules = params.conversion_rules as Record<string, string>;
      const rule = test
        ? params.test_conversion_rule_id
        : typeof override === 'string' || typeof override === 'number'
          ? String(override)
          : (rules[item.conversion as string] ?? params.conversion_rule_id);
      const externalIds = Array.isArray(user?.externalIds)
        ? user.externalIds.slice(0, 1)
        : undefined;
      // Changed in place; keys left undefined rather than deleted (JSON drops them, the object keeps its fast shape).
      item.conversion = `urn:lla:llaPartnerConversion:${String(rule)}`;
      // LinkedIn refuses event ids over 64 characters: such an event goes without dedup rather than not at all.
      if ((item.eventId as string).length > LINKEDIN_MAX_EVENT_ID) item.eventId = undefined;
      item.user = {
        userIds,
        ...(hasInfo ? { userInfo: info } : {}),
        ...(externalIds?.length ? { externalIds } : {}),
      };
      if (ids !== undefined) item.ids = undefined;
      if (override !== undefined) item.conversion_rule_id = undefined;
      return undefined;
    },
  },
  transforms: linkedinTransforms,
  style: linkedinDouble,
});
