/**
 * The Trade Desk real-time conversions as a declaration (docs/vendors/ads-analytics-warehouse.md §8, reconstructed from
 * open-source senders and integration vendors: TTD's portal is login-gated). `POST
 * {base}/track/realtimeconversion` with `{"data":[…]}`, no auth header (advertiser and tracker ids
 * are in the body), no time field (recorded on receipt). Batch cap, answers and dedup are
 * undocumented, so one conversion per request, classified by HTTP status with the body quoted.
 * No test endpoint exists: `test_mode` sends to `test_tracker_id`, a tracker no campaign uses.
 * Nothing is hashed: identity is one advertising id, mapped to `ids.<TYPE>` and turned into
 * `adid` + `adid_type` (the item hook). Event names are lowercase (RudderStack's map; custom names pass).
 */
import { textTransform } from '../../identity-kit/index.js';
import type { MappingRow } from '../../mapping/config.js';
import type { TransformTable } from '../../mapping/transforms.js';
import { optional, setting, type VendorDeclaration } from '../spec/declaration.js';
import { declareVendor } from '../spec/declared.js';
import { commerceRows, fieldTable, row, standardEvents, valueRows } from '../spec/standard.js';
import { isGuid, TTD_ID_TYPES, ttdDouble } from './double.js';

/** TTD's transforms: a TDID as a lowercase GUID, a currency as three upper-case letters (else dropped). */
export const ttdTransforms: TransformTable = {
  'the_trade_desk.guid': textTransform((raw) => {
    const v = raw.trim().toLowerCase();
    return isGuid(v) ? v : undefined;
  }),
  'the_trade_desk.currency': textTransform((raw) => {
    const v = raw.trim().toUpperCase();
    return /^[A-Z]{3}$/.test(v) ? v : undefined;
  }),
};

/** The fields of one real-time conversion. */
export const TTD_FIELDS = fieldTable([
  ['tracker_id', 'required auto', 'Event tracker id (parameter).'],
  ['adv', 'required auto', 'Advertiser id (parameter).'],
  ['event_name', 'auto', 'Lowercase event name (from the event map).'],
  ['ids.TDID', '', 'The Trade Desk id (36-character GUID).'],
  ['ids.UID2', '', 'UID2 token.'],
  ['ids.EUID', '', 'EUID token.'],
  ['ids.IDL', '', 'RampID.'],
  ['ids.IDFA', '', 'iOS advertising id.'],
  ['ids.AAID', '', 'Android advertising id.'],
  ['imp', '', 'Impression id (GUID) from the landing-page URL macro.'],
  ['value', 'for purchase', 'Order value (number).'],
  ['currency', '', 'ISO 4217.'],
  ['order_id', '', 'Order id (likely dedup key).'],
  ['items', '', 'Items: item_code, name, qty, price, cat.'],
  ['client_ip', '', 'Client IP, plain.'],
  ['referrer_url', '', 'Page URL.'],
  ['privacy_settings', '', '[{privacy_type:\"GDPR\", is_applicable, consent_string}].'],
]);

/** Advertising ids (the item hook keeps the first present), IP and page. */
const GLOBAL: MappingRow[] = [
  row('ids.TDID', ['context.vendor_ids.tdid', 'context.vendor_ids.ttd_id'], 'the_trade_desk.guid'),
  { source: ['context.vendor_ids.uid2', 'traits.uid2'], target: 'ids.UID2' },
  { source: ['context.vendor_ids.euid', 'traits.euid'], target: 'ids.EUID' },
  { source: 'context.ip', target: 'client_ip' },
  { source: 'context.page.url', target: 'referrer_url' },
];

const rows = commerceRows({
  value: valueRows('value', 'currency', { currency: ['the_trade_desk.currency'] }),
  orderId: 'order_id',
  products: {
    target: 'items',
    keys: { id: 'item_code', name: 'name', quantity: 'qty', price: 'price', category: 'cat' },
  },
});

const ID = { max_length: 64 };

export const ttdDeclaration: VendorDeclaration = {
  id: 'the_trade_desk',
  name: 'The Trade Desk',
  category: 'advertising',
  description:
    'Conversions sent to The Trade Desk in real time for programmatic campaign attribution.',
  api: 'Real-Time Conversions (insight.adsrvr.org/track/realtimeconversion)',
  docs: 'https://partner.thetradedesk.com',
  status: 'ga',
  test_settings: { advertiser_id: 'abc12345', tracker_id: 'hc7ihke' },
  settings: [
    setting('advertiser_id', 'Advertiser ID', 'string', 'The advertiser id (sent as adv).', ID),
    setting('tracker_id', 'Tracker ID', 'string', 'The event tracker / tracking tag id.', ID),
    optional('merchant_id', 'Merchant ID', 'string', 'For retail/merchant setups.', ID),
    optional(
      'test_tracker_id',
      'Test tracker ID',
      'string',
      'Tracker used while test mode is on.',
      ID,
    ),
  ],
  unverified: [
    'endpoint, body shape and answers: reconstructed from open-source senders (the portal is login-gated)',
  ],
  spec: {
    endpoint: {
      base_url: 'https://insight.adsrvr.org',
      path: '/track/realtimeconversion',
      test_mode: {
        item: { tracker_id: '{{settings.test_tracker_id}}' },
        requires: ['test_tracker_id'],
      },
    },
    body: { wrapper: { data: '{{items}}' } },
    item: {
      fields: {
        tracker_id: '{{settings.tracker_id}}',
        adv: '{{settings.advertiser_id}}',
        merchant_id: '{{settings.merchant_id}}',
        event_name: '{{vendor_event}}',
      },
    },
    // TTD documents no cap: one conversion per request, as the pixel sends.
    batching: { max_events: 1 },
    // TTD publishes no limit here.
    rate_limit_rps: 20,
    answer: { reason: 'HTTP {{status}}: {{text}}' },
  },
  mapping: {
    fields: TTD_FIELDS,
    defaults: {
      global: GLOBAL,
      // `pageview` and `lead` are our choice; TTD accepts custom names.
      events: standardEvents(
        {
          page_view: 'pageview',
          add_to_cart: 'addtocart',
          purchase: 'purchase',
          lead: 'lead',
          view_item: 'viewitem',
          begin_checkout: 'startcheckout',
          sign_up: 'signup',
          search: 'search',
        },
        rows,
      ),
      defaults: { action: 'drop' },
    },
  },
};

export const theTradeDesk = declareVendor(ttdDeclaration, {
  // The first advertising id present (TDID first) becomes `adid` + `adid_type`; a purchase without a
  // numeric value is skipped.
  hooks: {
    item(item) {
      if (item.event_name === 'purchase' && typeof item.value !== 'number')
        return 'a purchase needs a numeric value';
      const ids = item.ids as Record<string, unknown> | undefined;
      // Left undefined rather than deleted: JSON drops it, and the object keeps its fast shape.
      item.ids = undefined;
      const type = TTD_ID_TYPES.find((t) => typeof ids?.[t] === 'string' && ids[t] !== '');
      if (type) {
        item.adid = ids![type];
        item.adid_type = type;
      }
      return undefined;
    },
  },
  transforms: ttdTransforms,
  style: ttdDouble,
});
