/**
 * MoEngage Data API, track event, declared. Facts: catalog row in docs/vendors/more-vendors-and-catalog.md
 * §18 (R,S) and MoEngage's Data API reference: `POST https://api-0{N}.moengage.com/v1/event/{APP_ID}`
 * (N = the workspace's data center), HTTP Basic with the workspace (app) id and the Data API key,
 * `{ type: 'event', customer_id, actions: [{ action, attributes, platform, current_time }] }`;
 * answers `{ status: 'success' | 'fail', message | error: { message, type } }`.
 * Unverified: data centers 04–06; `current_time` as epoch seconds; the rate limit.
 */
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import type { SpecHooks } from '../spec/interpret.js';
import { standardEvents } from '../spec/standard.js';
import { isRecord } from '../../json/index.js';

const HOSTS = Object.fromEntries(
  ['01', '02', '03', '04', '05', '06'].map((n) => [`dc${n}`, `https://api-${n}.moengage.com`]),
);

const GLOBAL: MappingRow[] = [
  { source: 'user_id', target: 'customer_id', transforms: ['to_string'] },
  { source: 'properties', target: 'action.attributes' },
];

const hooks: SpecHooks = {
  // The one action of the request: name, attributes, time; mapped under `action`, sent in `actions`.
  item(item, event, _params, _test, _now, mapped) {
    const action = isRecord(item.action) ? item.action : {};
    const { action: _a, ...rest } = item;
    return {
      ...rest,
      actions: [
        {
          action: mapped.vendor_event,
          ...action,
          platform: 'web',
          current_time: Math.floor(Date.parse(event.timestamp) / 1000),
        },
      ],
    };
  },
};

/** What the registry holds for MoEngage. */
export const moengage = declareVendor(
  {
    id: 'moengage',
    name: 'MoEngage',
    category: 'cdp',
    description:
      'Customer engagement: events on MoEngage users, for flows, segments and personalised campaigns.',
    api: 'Data API (/v1/event/{app_id})',
    docs: 'https://developers.moengage.com/hc/en-us/articles/4413167466260-Track-User-and-Events',
    status: 'beta',
    keywords: ['engagement', 'push notifications', 'mobile marketing', 'flows'],
    unverified: ['data centers 04–06', 'current_time as epoch seconds', 'the rate limit'],
    test_settings: {
      app_id: 'TESTAPPID123',
      api_key: 'test-moengage-data-key',
      data_center: 'dc01',
    },
    settings: [
      {
        key: 'app_id',
        label: 'Workspace ID',
        type: 'string',
        help: 'Settings → Account → APIs: the Workspace (App) ID.',
      },
      {
        key: 'api_key',
        label: 'Data API key',
        type: 'secret',
        help: 'Settings → Account → APIs: the Data API key.',
      },
      {
        key: 'data_center',
        label: 'Data center',
        type: 'select',
        options: Object.keys(HOSTS),
        default: 'dc01',
        help: 'The workspace’s data center (dashboard-01 → dc01, dashboard-02 → dc02…).',
      },
    ],
    spec: {
      endpoint: {
        base_url: HOSTS.dc01!,
        regions: { setting: 'data_center', hosts: HOSTS },
        path: '/v1/event/{{settings.app_id}}',
      },
      auth: { kind: 'basic', username: '{{settings.app_id}}', password: '{{settings.api_key}}' },
      item: { fields: { type: 'event' } },
      eligibility: {
        any_of: [['customer_id']],
        reason: 'MoEngage needs a customer id (your user id)',
      },
      batching: { max_events: 1 },
      rate_limit_rps: 20,
      answer: {
        error_message: ['error.message', 'message'],
        body_codes: [
          {
            path: 'status',
            values: ['fail'],
            outcome: 'reject',
            statuses: 'non_error',
            label: 'MoEngage status',
          },
        ],
      },
    },
    mapping: {
      fields: [
        { path: 'type', required: true, auto: true, description: 'Always event.' },
        { path: 'customer_id', required: false, description: 'Your user id.' },
        { path: 'action.attributes', required: false, description: 'Event attributes.' },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents({
          page_view: 'Page Viewed',
          view_item: 'Product Viewed',
          add_to_cart: 'Added To Cart',
          begin_checkout: 'Checkout Started',
          purchase: 'Order Completed',
          lead: 'Lead Generated',
          sign_up: 'Signed Up',
          search: 'Searched',
        }),
        defaults: { action: 'pass_through' },
      },
    },
    variants: [
      {
        key: 'eu',
        name: 'EU data center',
        description: 'Workspaces on MoEngage’s DC-02 (EU).',
        defaults: { data_center: 'dc02' },
      },
    ],
  },
  { hooks },
);
