/**
 * Matomo HTTP Tracking API, bulk form, declared (facts: docs/vendors/more-vendors-and-catalog.md §18 catalog
 * row `matomo`, evidence U; Matomo's "Tracking HTTP API" reference as generally known): `POST
 * {matomo}/matomo.php` with JSON `{ requests: ["?idsite=…&rec=1&…", …], token_auth }`, each request
 * one tracking call in query-string form. `token_auth` (a user with write access to the site) lets the
 * server set the visitor IP (`cip`), the time (`cdt`, epoch seconds) and user id. Page views carry
 * `action_name`; other events are Matomo events (`e_c` category, `e_a` action = the event's name,
 * `e_n`, `e_v`); a purchase is an ecommerce order (`idgoal=0`, `ec_id`, `revenue`, `ec_items`).
 * The visitor id `_id` is 16 hex digits: the anonymous id when it is one, else the first 16 hex
 * digits of its SHA-256. Answers `{ status, tracked, invalid, invalid_indices }`.
 * Matomo's FAQ "Request was not authenticated but should have": `cip` and `cdt` need a token of a
 * user with write access, and `cdt` may be at most one day old by default (older retries are
 * refused unless the server's configuration allows more).
 *
 * Unverified: `invalid_indices` in the bulk answer; 100 calls per bulk request as a safe size.
 */
import { createHash } from 'node:crypto';
import type { MappingRow } from '../../mapping/config.js';
import { isRecord } from '../../json/index.js';
import { jsonBody } from '../outcomes.js';
import { DataflyError } from '../../errors/index.js';
import { declareVendor } from '../spec/declared.js';
import type { SpecDouble } from '../spec/double.js';
import { SOURCES, standardEvents } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  { source: 'anonymous_id', target: '_id', transforms: ['to_string'] },
  { source: 'user_id', target: 'uid', transforms: ['to_string'] },
  { source: 'context.page.url', target: 'url' },
  { source: 'context.page.referrer', target: 'urlref' },
  { source: 'context.user_agent', target: 'ua' },
  { source: 'context.ip', target: 'cip' },
  { source: ['context.locale', 'context.language'], target: 'lang' },
  { source: 'timestamp', target: 'cdt', transforms: ['to_unix_seconds'] },
];

const HEX16 = /^[0-9a-f]{16}$/;
const visitorId = (id: string): string =>
  HEX16.test(id) ? id : createHash('sha256').update(id).digest('hex').slice(0, 16);

/** One tracking call as Matomo's query string (`?idsite=1&rec=1&…`), objects and arrays as JSON. */
function trackingQuery(item: Record<string, unknown>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(item))
    if (v !== undefined && v !== null && v !== '')
      q.set(k, typeof v === 'object' ? JSON.stringify(v) : String(v as string | number | boolean));
  return `?${q.toString()}`;
}

/** `ec_items`: `[[sku, name, category, price, quantity], …]`. */
function ecItems(props: Record<string, unknown>): unknown[] | undefined {
  const list = Array.isArray(props.products) ? props.products.filter(isRecord) : [];
  return list.length
    ? list.map((p) => [
        String((p.product_id ?? p.sku ?? '') as string),
        p.name ?? '',
        p.category ?? '',
        Number(p.price ?? 0),
        Number(p.quantity ?? 1),
      ])
    : undefined;
}

/** The contract double: a bulk of query-string calls with the site, `rec=1` and a visitor. */
const double: SpecDouble = {
  check(req) {
    const json = (status: number, body: unknown) => ({
      status,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!/\/matomo\.php$/.test(req.path))
      return json(404, { status: 'error', message: 'not found' });
    if (req.method !== 'POST') return json(405, { status: 'error', message: 'POST only' });
    const body = isRecord(req.json) ? req.json : {};
    if (typeof body.token_auth !== 'string' || !body.token_auth)
      return json(400, {
        status: 'error',
        message: 'token_auth is required for bulk requests with cip or cdt',
      });
    const requests = Array.isArray(body.requests) ? body.requests : [];
    if (requests.length === 0 || requests.length > 100)
      return json(400, { status: 'error', message: 'requests must hold 1 to 100 calls' });
    const invalid: number[] = [];
    requests.forEach((r, i) => {
      const q =
        typeof r === 'string' && r.startsWith('?') ? new URLSearchParams(r.slice(1)) : undefined;
      const ok =
        q &&
        q.get('idsite') &&
        q.get('rec') === '1' &&
        (HEX16.test(q.get('_id') ?? '') || q.get('uid')) &&
        (q.get('action_name') || q.get('e_a') || q.get('idgoal') || q.get('search'));
      if (!ok) invalid.push(i);
    });
    return json(200, {
      status: 'success',
      tracked: requests.length - invalid.length,
      invalid: invalid.length,
      invalid_indices: invalid,
    });
  },
  inBodyProblems(text) {
    const j = jsonBody(text);
    return isRecord(j) && Array.isArray(j.invalid_indices)
      ? j.invalid_indices.map((i) => `request ${String(i)} invalid`)
      : [];
  },
};

/** What the registry holds for Matomo. */
export const matomo = declareVendor(
  {
    id: 'matomo',
    name: 'Matomo',
    category: 'analytics',
    description:
      'Privacy-friendly web analytics you can host yourself: page views, events and ecommerce orders.',
    api: 'HTTP Tracking API (matomo.php, bulk)',
    docs: 'https://developer.matomo.org/api-reference/tracking-api',
    status: 'beta',
    keywords: ['web analytics', 'piwik', 'self-hosted', 'open source', 'privacy'],
    logo: { pack: 'logos', name: 'matomo-icon' },
    test_settings: {
      matomo_url: 'https://matomo.example.com',
      site_id: '1',
      token_auth: 'test-matomo-token',
    },
    settings: [
      {
        key: 'matomo_url',
        label: 'Matomo URL',
        type: 'url',
        help: 'Your Matomo (https://matomo.example.com or https://you.matomo.cloud).',
      },
      {
        key: 'site_id',
        label: 'Site ID',
        type: 'string',
        pattern: { regex: '^[0-9]+$', message: 'the numeric site id' },
        help: 'The website’s id (Administration → Websites → Manage).',
      },
      {
        key: 'token_auth',
        label: 'Auth token',
        type: 'secret',
        help: 'A token of a user with write access to the site (Administration → Personal → Security → Auth tokens).',
      },
      {
        key: 'event_category',
        label: 'Event category',
        type: 'string',
        required: false,
        default: 'Events',
        help: 'The category of non-page events that carry none of their own.',
      },
    ],
    spec: {
      // The host is the customer's Matomo: the settings hook points the request at it.
      endpoint: { base_url: 'https://matomo.example.com', path: '/matomo.php' },
      auth: { kind: 'api_key', in: 'body', name: 'token_auth', value: '{{settings.token_auth}}' },
      body: { wrapper: { requests: '{{items}}' } },
      item: {
        fields: {
          idsite: '{{settings.site_id}}',
          rec: 1,
          apiv: 1,
          e_a: '{{vendor_event}}',
          rand: '{{event.event_id}}',
        },
      },
      eligibility: {
        any_of: [['_id'], ['uid']],
        reason: 'Matomo needs a visitor (anonymous id or user id)',
      },
      batching: { max_events: 100 },
      rate_limit_rps: 20,
    },
    mapping: {
      fields: [
        {
          path: 'idsite',
          required: true,
          auto: true,
          description: 'The site (from the settings).',
        },
        {
          path: '_id',
          required: false,
          description: 'Visitor id (16 hex digits, from the anonymous id).',
        },
        { path: 'uid', required: false, description: 'Your user id.' },
        { path: 'url', required: false, description: 'Page URL.' },
        { path: 'action_name', required: false, description: 'Page title (page views).' },
        { path: 'e_c', required: false, description: 'Event category.' },
        {
          path: 'e_a',
          required: false,
          auto: true,
          description: 'Event action (the event’s name).',
        },
        { path: 'e_n', required: false, description: 'Event name.' },
        { path: 'e_v', required: false, description: 'Event value (a number).' },
        { path: 'ec_id', required: false, requiredFor: ['purchase'], description: 'Order id.' },
        { path: 'revenue', required: false, description: 'Order total.' },
        { path: 'search', required: false, description: 'Site search keyword.' },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents(
          {
            page_view: 'page view',
            view_item: 'Product Viewed',
            add_to_cart: 'Product Added',
            begin_checkout: 'Checkout Started',
            purchase: 'Order Completed',
            lead: 'Lead Generated',
            sign_up: 'Signed Up',
            search: 'Products Searched',
          },
          (e): MappingRow[] => {
            switch (e) {
              case 'page_view':
                return [
                  {
                    source: ['properties.title', 'context.page.title', 'name'],
                    target: 'action_name',
                  },
                ];
              case 'purchase':
                return [
                  { value: 0, target: 'idgoal' },
                  { source: [...SOURCES.order_id], target: 'ec_id', transforms: ['to_string'] },
                  { source: [...SOURCES.value], target: 'revenue', transforms: ['to_number'] },
                ];
              case 'search':
                return [{ source: [...SOURCES.query], target: 'search' }];
              case 'view_item':
              case 'add_to_cart':
                return [
                  { source: [...SOURCES.product_id], target: 'e_n', transforms: ['to_string'] },
                  { source: [...SOURCES.value], target: 'e_v', transforms: ['to_number'] },
                ];
              default:
                return [{ source: [...SOURCES.value], target: 'e_v', transforms: ['to_number'] }];
            }
          },
        ),
        defaults: { action: 'pass_through' },
      },
    },
    unverified: ['invalid_indices in the bulk answer', '100 calls per bulk request as a safe size'],
  },
  {
    hooks: {
      settings(params) {
        if (typeof params.matomo_url === 'string' && !params.endpoint_override)
          params.endpoint_override = params.matomo_url;
        if (!params.endpoint_override)
          throw new DataflyError('config_error', 'matomo_url is required', {
            field: 'parameters.matomo_url',
          });
      },
      item(item, event, params) {
        if (typeof item._id === 'string') item._id = visitorId(item._id);
        const props = isRecord(event.properties) ? event.properties : {};
        // Page views, site searches and orders are their own kinds of call, not Matomo events.
        if (event.type === 'page' || item.search !== undefined || item.idgoal !== undefined) {
          delete item.e_a;
          delete item.e_v;
        } else {
          item.e_c =
            typeof props.category === 'string'
              ? props.category
              : (params.event_category ?? 'Events');
        }
        if (item.idgoal !== undefined) {
          const items = ecItems(props);
          if (items) item.ec_items = items;
        }
      },
      body(body, items) {
        if (isRecord(body)) body.requests = items.map(trackingQuery);
        return body;
      },
      classify(response, request) {
        if (response.status !== 200) return undefined;
        const j = jsonBody(response.body);
        if (!isRecord(j) || !Array.isArray(j.invalid_indices)) return undefined;
        const bad = new Set(j.invalid_indices.map(Number));
        return request.event_ids.map((event_id, i) =>
          bad.has(i)
            ? {
                event_id,
                status: 'failed',
                code: 'vendor_rejected',
                reason: `Matomo: call ${i} of the bulk request is invalid`,
              }
            : { event_id, status: 'delivered' },
        );
      },
    },
    double,
  },
);
