/**
 * Bloomreach Engagement Tracking API, batch commands, declared. Facts: catalog row in
 * docs/vendors/more-vendors-and-catalog.md §18 (R,T) and Bloomreach's Tracking API docs
 * ("Tracking API overview": `/track/v2/projects/{projectToken}`, 6,000 requests per minute per
 * IP, 429 beyond): `POST {api base}/track/v2/projects/{token}/batch` with `{ commands: [{ name:
 * 'customers/events', data: { customer_ids: { registered, cookie }, event_type, timestamp
 * (epoch seconds), properties } }] }`, HTTP Basic with an API key id and secret; the answer lists
 * one `{ success, errors }` result per command, in order.
 * Unverified: 50 commands per batch; the per-command result shape. The API base is per instance
 * (api.exponea.com by default), so the settings hook points the endpoint at it (an endpoint
 * override set by the sandbox or a double still wins).
 */
import { DataflyError } from '../../errors/index.js';
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import type { SpecHooks } from '../spec/interpret.js';
import { standardEvents } from '../spec/standard.js';

const BASE = /^https:\/\/[a-z0-9.-]+\.(?:exponea\.com|bloomreach\.co|bloomreach\.com)\/?$/;

const GLOBAL: MappingRow[] = [
  { source: 'user_id', target: 'customer_ids.registered', transforms: ['to_string'] },
  { source: 'anonymous_id', target: 'customer_ids.cookie', transforms: ['to_string'] },
  { source: 'properties', target: 'properties' },
];

const hooks: SpecHooks = {
  settings(params) {
    const base = String(params.api_base ?? '');
    if (!BASE.test(base))
      throw new DataflyError('config_error', 'api_base: not a Bloomreach API base URL', {
        field: 'parameters.api_base',
      });
    if (!params.endpoint_override) params.endpoint_override = base.replace(/\/+$/, '');
  },
};

/** What the registry holds for Bloomreach Engagement. */
export const bloomreach = declareVendor(
  {
    id: 'bloomreach',
    name: 'Bloomreach Engagement',
    category: 'cdp',
    description:
      'Customer data and marketing automation: events on Bloomreach customers, for scenarios, segments and recommendations.',
    api: 'Tracking API (/track/v2/projects/{token}/batch)',
    docs: 'https://documentation.bloomreach.com/engagement/reference/batch-commands-2',
    status: 'beta',
    keywords: ['exponea', 'engagement', 'marketing automation'],
    unverified: [
      '50 commands per batch request',
      'the per-command result shape ({ success, errors })',
    ],
    test_settings: {
      project_token: 'test-project-token',
      api_key_id: 'test-key-id',
      api_secret: 'test-secret',
    },
    settings: [
      {
        key: 'project_token',
        label: 'Project token',
        type: 'string',
        help: 'Project settings → Access management → API: the project token.',
      },
      {
        key: 'api_key_id',
        label: 'API key ID',
        type: 'string',
        help: 'A private API key’s ID with the tracking permissions (events).',
      },
      { key: 'api_secret', label: 'API secret', type: 'secret', help: 'The API key’s secret.' },
      {
        key: 'api_base',
        label: 'API base URL',
        type: 'string',
        required: false,
        default: 'https://api.exponea.com',
        help: 'Your instance’s API base URL (Project settings → Access management → API).',
      },
    ],
    spec: {
      endpoint: {
        base_url: 'https://api.exponea.com',
        path: '/track/v2/projects/{{settings.project_token}}/batch',
      },
      auth: {
        kind: 'basic',
        username: '{{settings.api_key_id}}',
        password: '{{settings.api_secret}}',
      },
      body: { wrapper: { commands: '{{items}}' } },
      item: {
        fields: {
          name: 'customers/events',
          data: {
            event_type: '{{vendor_event}}',
            timestamp: '{{event.timestamp | to_unix_seconds}}',
          },
        },
        mapped_at: 'data',
      },
      eligibility: {
        any_of: [['data.customer_ids.registered'], ['data.customer_ids.cookie']],
        reason: 'Bloomreach needs a user id or an anonymous id',
      },
      batching: { max_events: 50 },
      rate_limit_rps: 100,
      answer: {
        error_message: ['errors.0', 'error', 'message'],
        per_event: {
          path: 'results',
          match: 'index',
          status_field: 'success',
          ok_values: [true],
          message_field: 'errors.0',
        },
      },
    },
    mapping: {
      fields: [
        { path: 'customer_ids.registered', required: false, description: 'Your user id.' },
        { path: 'customer_ids.cookie', required: false, description: 'Anonymous id.' },
        { path: 'properties', required: false, description: 'Event properties.' },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents({
          page_view: 'page_visit',
          view_item: 'view_item',
          add_to_cart: 'cart_update',
          begin_checkout: 'checkout',
          purchase: 'purchase',
          lead: 'lead',
          sign_up: 'registration',
          search: 'search',
        }),
        defaults: { action: 'pass_through' },
      },
    },
  },
  { hooks },
);
