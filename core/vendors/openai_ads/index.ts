/**
 * OpenAI Ads Conversions API, declared (facts: developers.openai.com/ads/conversions-api and its
 * supported-events page, as quoted by callers): `POST https://bzr.openai.com/v1/events?pid={pixel id}`,
 * Bearer Conversions API key, `{ validate_only, events: [...] }` with up to 1,000 events (one bad event
 * fails the batch). Each event: `id` (deduplicates together with `type`), `type` (`page_viewed`,
 * `contents_viewed`, `items_added`, `checkout_started`, `order_created`, `lead_created`,
 * `registration_completed`, … or `custom` with `custom_event_name`), `timestamp_ms` (at most 7 days
 * old), `source_url` (required for web), `action_source`, `oppref` (OpenAI's click identifier),
 * `user` (`email_sha256`, `external_id_sha256`, plain `ip_address`, `user_agent`, `country`, `city`,
 * `zip_code`) and `data` whose `type` is the event's data shape (`contents` or `customer_action`) with
 * `amount` as an integer in the currency's minor units. Test mode sends `validate_only: true`.
 *
 * Unverified: the field names inside `data.contents[]` (`id`, `quantity`, `amount`), rate limits.
 */
import { identityRows } from '../../identity-kit/rows.js';
import { isRecord } from '../../json/index.js';
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import { SOURCES, standardEvents, valueRows } from '../spec/standard.js';

/** ISO 4217 currencies without minor units (amount sent as is). */
const ZERO_DECIMAL = new Set([
  'JPY',
  'KRW',
  'VND',
  'CLP',
  'ISK',
  'UGX',
  'XAF',
  'XOF',
  'PYG',
  'RWF',
  'KMF',
  'GNF',
  'DJF',
  'BIF',
  'VUV',
  'XPF',
]);
const minor = (amount: number, currency: unknown): number =>
  Math.round(ZERO_DECIMAL.has(String(currency)) ? amount : amount * 100);

/** The data shape each standard event type carries. */
const SHAPE: Record<string, string> = {
  lead_created: 'customer_action',
  registration_completed: 'customer_action',
  appointment_scheduled: 'customer_action',
  custom: 'custom',
};

const GLOBAL: MappingRow[] = [
  ...identityRows(
    'user',
    { em: 'email_sha256', external_id: 'external_id_sha256' },
    { targets: { em: 'email_sha256', external_id: 'external_id_sha256' } },
  ),
  { source: 'context.ip', target: 'user.ip_address' },
  { source: 'context.user_agent', target: 'user.user_agent' },
  {
    source: ['traits.address.country', 'traits.country'],
    target: 'user.country',
    transforms: ['trim', 'uppercase'],
  },
  { source: ['traits.address.city', 'traits.city'], target: 'user.city' },
  { source: ['traits.address.postal_code', 'traits.postal_code'], target: 'user.zip_code' },
  { source: ['context.click_ids.oppref', 'context.vendor_ids.oppref'], target: 'oppref' },
  { source: 'context.page.url', target: 'source_url' },
];

const CONTENTS: MappingRow = {
  source: 'properties.products',
  target: 'data.contents',
  items: [
    { source: ['product_id', 'sku'], target: 'id', transforms: ['to_string'] },
    { source: 'quantity', target: 'quantity', transforms: ['to_number'] },
    { source: 'price', target: 'amount', transforms: ['to_number'] },
  ],
};
const ONE: MappingRow[] = [
  { source: [...SOURCES.product_id], target: 'data.contents[0].id', transforms: ['to_string'] },
  { source: 'properties.quantity', target: 'data.contents[0].quantity', transforms: ['to_number'] },
  { source: 'properties.price', target: 'data.contents[0].amount', transforms: ['to_number'] },
];

const rows = (e: string): MappingRow[] => {
  switch (e) {
    case 'view_item':
    case 'add_to_cart':
      return [...valueRows('data.amount', 'data.currency'), ...ONE];
    case 'begin_checkout':
    case 'purchase':
      return [...valueRows('data.amount', 'data.currency'), CONTENTS];
    case 'lead':
      return valueRows('data.amount', 'data.currency');
    case 'search':
      return [{ value: 'search', target: 'custom_event_name' }];
    default:
      return [];
  }
};

/** What the registry holds for OpenAI Ads. */
export const openaiAds = declareVendor(
  {
    id: 'openai_ads',
    name: 'OpenAI Ads (ChatGPT)',
    category: 'advertising',
    description: 'Sends conversions to OpenAI Ads so ChatGPT campaigns are measured and optimised.',
    api: 'Conversions API (bzr.openai.com/v1/events)',
    docs: 'https://developers.openai.com/ads/conversions-api',
    status: 'beta',
    keywords: ['chatgpt', 'capi', 'conversions', 'oppref'],
    logo: { pack: 'logos', name: 'openai-icon' },
    test_settings: { pixel_id: 'testPixel1', api_key: 'test-openai-ads-key' },
    settings: [
      {
        key: 'pixel_id',
        label: 'Pixel ID',
        type: 'string',
        help: 'From the Conversions tab of OpenAI Ads Manager.',
        pattern: { regex: '^[A-Za-z0-9]+$', message: 'must be the pixel id (letters and digits)' },
      },
      {
        key: 'api_key',
        label: 'Conversions API key',
        type: 'secret',
        help: 'From the Conversions tab of OpenAI Ads Manager (Bearer).',
      },
      {
        key: 'action_source',
        label: 'Action source',
        type: 'select',
        required: false,
        options: ['web', 'mobile_app', 'offline', 'physical_store', 'phone_call', 'email', 'other'],
        default: 'web',
        help: 'Where the conversions happen.',
      },
    ],
    spec: {
      endpoint: {
        base_url: 'https://bzr.openai.com',
        path: '/v1/events',
        query: { pid: '{{settings.pixel_id}}' },
        test_mode: { body: { validate_only: true } },
      },
      auth: { kind: 'bearer', token: '{{settings.api_key}}' },
      body: { wrapper: { validate_only: false, events: '{{items}}' } },
      item: {
        fields: {
          id: '{{event.event_id}}',
          type: '{{vendor_event}}',
          timestamp_ms: '{{event.timestamp | to_unix_ms}}',
          action_source: '{{settings.action_source}}',
        },
      },
      batching: { max_events: 1000 },
      rate_limit_rps: 10,
      // One bad event fails the whole batch: resend each alone so only the bad one fails.
      answer: {
        error_message: ['error.message', 'message', 'errors.0.message'],
        retry_rejected_batch_one_by_one: true,
      },
    },
    mapping: {
      fields: [
        {
          path: 'id',
          required: true,
          auto: true,
          description: 'Event id; deduplicates with type.',
        },
        {
          path: 'type',
          required: true,
          auto: true,
          description: 'Standard event type or custom (from the event map).',
        },
        {
          path: 'timestamp_ms',
          required: true,
          auto: true,
          description: 'Epoch milliseconds, at most 7 days old.',
        },
        {
          path: 'data.type',
          required: true,
          auto: true,
          description: 'Data shape: contents, customer_action, plan_enrollment or custom.',
        },
        { path: 'custom_event_name', required: false, description: 'Name of a custom event.' },
        { path: 'source_url', required: false, description: 'Page URL (required for web events).' },
        {
          path: 'oppref',
          required: false,
          description: 'OpenAI’s privacy-preserving click identifier.',
        },
        {
          path: 'user.email_sha256',
          required: false,
          description: 'SHA-256 of the trimmed, lowercased email.',
        },
        {
          path: 'user.external_id_sha256',
          required: false,
          description: 'SHA-256 of your user id.',
        },
        { path: 'user.ip_address', required: false, description: 'Client IP.' },
        { path: 'user.user_agent', required: false, description: 'Client user agent.' },
        {
          path: 'data.amount',
          required: false,
          requiredFor: ['order_created'],
          description: 'Amount (converted to minor units when sent).',
        },
        {
          path: 'data.currency',
          required: false,
          description: 'ISO 4217; required with an amount.',
        },
        { path: 'data.contents', required: false, description: 'Items: id, quantity, amount.' },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents(
          {
            page_view: 'page_viewed',
            view_item: 'contents_viewed',
            add_to_cart: 'items_added',
            begin_checkout: 'checkout_started',
            purchase: 'order_created',
            lead: 'lead_created',
            sign_up: 'registration_completed',
            search: 'custom',
          },
          rows,
        ),
        defaults: { action: 'drop' },
      },
    },
    unverified: [
      'data.contents[] field names (id, quantity, amount)',
      'rate limit (10 requests/s chosen)',
    ],
  },
  {
    // Amounts are integers in minor units, and every event names its data shape.
    extraCheck: (item) => {
      const data = isRecord(item.data) ? item.data : {};
      if (!['contents', 'customer_action', 'plan_enrollment', 'custom'].includes(String(data.type)))
        return `data.type ${String(data.type)} is not a data shape`;
      return data.amount === undefined || Number.isInteger(data.amount)
        ? undefined
        : 'data.amount must be an integer in minor units';
    },
    hooks: {
      // The data shape follows the event type; amounts travel as integers in minor units.
      item: (item) => {
        const data = isRecord(item.data) ? item.data : {};
        const currency = data.currency;
        if (typeof data.amount === 'number') data.amount = minor(data.amount, currency);
        if (Array.isArray(data.contents))
          for (const c of data.contents)
            if (isRecord(c) && typeof c.amount === 'number') c.amount = minor(c.amount, currency);
        item.data = { type: SHAPE[String(item.type)] ?? 'contents', ...data };
      },
    },
  },
);
