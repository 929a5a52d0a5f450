/**
 * RudderStack as a destination: its HTTP API (Segment-compatible), declared. Catalog evidence U
 * (docs/vendors/more-vendors-and-catalog.md §18: server API not confirmed), so every fact is listed as
 * unverified: `POST {data plane URL}/v1/batch`, HTTP Basic with the source's write key as user
 * and an empty password, `{ batch: [{ type: 'track' | 'page', event | name, userId, anonymousId,
 * properties, context, timestamp, messageId }] }`, about 4 MB per request and 32 KB per call.
 * The data plane URL is per customer, so the settings hook points the endpoint at it (an
 * endpoint override set by the sandbox or a double still wins).
 */
import { DataflyError } from '../../errors/index.js';
import { declareVendor } from '../spec/declared.js';
import type { SpecHooks } from '../spec/interpret.js';
import { batchCallMapping, batchCallSpec, pageCalls } from '../spec/segment-calls.js';

const hooks: SpecHooks = {
  settings(params) {
    let url: URL;
    try {
      url = new URL(String(params.data_plane_url ?? ''));
    } catch {
      throw new DataflyError('config_error', 'data_plane_url: not a URL', {
        field: 'parameters.data_plane_url',
      });
    }
    if (url.protocol !== 'https:' || url.search || url.hash)
      throw new DataflyError('config_error', 'data_plane_url: an https URL without query', {
        field: 'parameters.data_plane_url',
      });
    if (!params.endpoint_override)
      params.endpoint_override = `${url.origin}${url.pathname}`.replace(/\/+$/, '');
  },
  ...pageCalls,
};

/** What the registry holds for RudderStack. */
export const rudderstack = declareVendor(
  {
    id: 'rudderstack',
    name: 'RudderStack',
    category: 'cdp',
    description:
      'Customer data platform: every event as a RudderStack track or page call on your data plane, for its destinations and warehouse.',
    api: 'HTTP API (/v1/batch)',
    docs: 'https://www.rudderstack.com/docs/api/http-api/',
    status: 'beta',
    keywords: ['cdp', 'warehouse native', 'write key', 'data plane'],
    logo: { pack: 'logos', name: 'rudderstack-icon' },
    unverified: [
      'the /v1/batch path and body shape',
      'Basic auth with the write key',
      'about 4 MB per request and 32 KB per call',
    ],
    test_settings: {
      write_key: 'test-rudder-write-key',
      data_plane_url: 'https://example-dataplane.rudderstack.com',
    },
    settings: [
      {
        key: 'write_key',
        label: 'Write key',
        type: 'secret',
        help: 'The write key of an HTTP source (Sources → the source → Setup).',
      },
      {
        key: 'data_plane_url',
        label: 'Data plane URL',
        type: 'string',
        pattern: { regex: '^https://\\S+$', message: 'an https URL' },
        help: 'Your data plane’s URL (top of the Connections page), e.g. https://acme.dataplane.rudderstack.com.',
      },
    ],
    spec: {
      endpoint: { base_url: 'https://hosted.rudderlabs.com', path: '/v1/batch' },
      auth: { kind: 'basic', username: '{{settings.write_key}}', password: '' },
      ...batchCallSpec('RudderStack needs a userId or an anonymousId'),
      batching: { max_events: 100, max_bytes: 4_000_000 },
      rate_limit_rps: 100,
    },
    mapping: batchCallMapping,
  },
  { hooks },
);
