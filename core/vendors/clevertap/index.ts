/**
 * CleverTap Upload API (events), declared. Facts: catalog row in docs/vendors/more-vendors-and-catalog.md
 * §18 (R,S) and CleverTap's API reference ("Upload Events"): `POST https://{region}.api.clevertap.com/1/upload`,
 * the `X-CleverTap-Account-Id` and `X-CleverTap-Passcode` headers, `{ d: [{ identity, ts (epoch
 * seconds), type: 'event', evtName, evtData }] }`, at most 1,000 records per request; orders are
 * the `Charged` system event with `Amount`, `Charged ID` and `Items`; the answer is `{ status:
 * 'success' | 'partial' | 'fail', processed, unprocessed: [...] }`.
 * Unverified: the region list; the answer's status values for a partly refused batch.
 */
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import { SOURCES, standardEvents } from '../spec/standard.js';

const HOSTS = {
  eu1: 'https://eu1.api.clevertap.com',
  in1: 'https://in1.api.clevertap.com',
  us1: 'https://us1.api.clevertap.com',
  sg1: 'https://sg1.api.clevertap.com',
  aps3: 'https://aps3.api.clevertap.com',
  mec1: 'https://mec1.api.clevertap.com',
};

const GLOBAL: MappingRow[] = [
  { source: ['user_id', ...SOURCES.email], target: 'identity', transforms: ['to_string'] },
  { source: 'properties', target: 'evtData' },
];

const CHARGED: MappingRow[] = [
  { source: [...SOURCES.value], target: 'evtData.Amount', transforms: ['to_number'] },
  { source: [...SOURCES.order_id], target: 'evtData.Charged ID', transforms: ['to_string'] },
  {
    source: 'properties.products',
    target: 'evtData.Items',
    items: [
      { source: ['product_id', 'sku'], target: 'product_id', transforms: ['to_string'] },
      { source: 'name', target: 'name' },
      { source: 'price', target: 'price', transforms: ['to_number'] },
      { source: 'quantity', target: 'quantity', transforms: ['to_number'] },
    ],
  },
];

/** What the registry holds for CleverTap. */
export const clevertap = declareVendor({
  id: 'clevertap',
  name: 'CleverTap',
  category: 'cdp',
  description:
    'Mobile engagement and retention: events and Charged orders on CleverTap user profiles, for campaigns and journeys.',
  api: 'Upload API (/1/upload)',
  docs: 'https://developer.clevertap.com/docs/upload-events-api',
  status: 'beta',
  keywords: ['mobile marketing', 'retention', 'push notifications', 'journeys'],
  unverified: ['the region hosts', 'the answer’s status for a partly refused batch'],
  test_settings: { account_id: 'TEST-123-456', passcode: 'test-passcode', region: 'eu1' },
  settings: [
    {
      key: 'account_id',
      label: 'Account ID',
      type: 'string',
      help: 'Settings → Project: the Project (Account) ID.',
    },
    {
      key: 'passcode',
      label: 'Passcode',
      type: 'secret',
      help: 'Settings → Project: the Passcode.',
    },
    {
      key: 'region',
      label: 'Region',
      type: 'select',
      options: Object.keys(HOSTS),
      default: 'eu1',
      help: 'The region of the account (from the dashboard URL, e.g. us1.dashboard.clevertap.com → us1).',
    },
  ],
  spec: {
    endpoint: {
      base_url: HOSTS.eu1,
      regions: { setting: 'region', hosts: HOSTS },
      path: '/1/upload',
    },
    auth: {
      kind: 'api_key',
      in: 'header',
      name: 'X-CleverTap-Passcode',
      value: '{{settings.passcode}}',
    },
    headers: { static: { 'x-clevertap-account-id': '{{settings.account_id}}' } },
    body: { wrapper: { d: '{{items}}' } },
    item: {
      fields: {
        type: 'event',
        evtName: '{{vendor_event}}',
        ts: '{{event.timestamp | to_unix_seconds}}',
      },
    },
    eligibility: {
      any_of: [['identity']],
      reason: 'CleverTap needs an identity (user id or email)',
    },
    batching: { max_events: 1000 },
    rate_limit_rps: 15,
    answer: {
      error_message: ['error', 'unprocessed.0.error'],
      body_codes: [
        {
          path: 'status',
          values: ['fail'],
          outcome: 'reject',
          statuses: 'non_error',
          label: 'CleverTap status',
        },
      ],
    },
  },
  mapping: {
    fields: [
      { path: 'type', required: true, auto: true, description: 'Always event.' },
      {
        path: 'evtName',
        required: true,
        auto: true,
        description: 'The event’s name (Charged for orders).',
      },
      { path: 'ts', required: true, auto: true, description: 'Epoch seconds.' },
      {
        path: 'identity',
        required: false,
        description: 'The user’s identity (user id, else email).',
      },
      { path: 'evtData', required: false, description: 'Event properties.' },
    ],
    defaults: {
      global: GLOBAL,
      events: standardEvents(
        {
          page_view: 'Page Viewed',
          view_item: 'Product Viewed',
          add_to_cart: 'Added To Cart',
          begin_checkout: 'Checkout Started',
          purchase: 'Charged',
          lead: 'Lead Generated',
          sign_up: 'Signed Up',
          search: 'Searched',
        },
        (e) => (e === 'purchase' ? CHARGED : []),
      ),
      defaults: { action: 'pass_through' },
    },
  },
});
