/**
 * Adobe Experience Platform Edge Network Server API, non-interactive collection, declared (facts:
 * docs/vendors/more-vendors-and-catalog.md §7b, from Adobe's Edge Network Server API docs): `POST
 * https://edge.adobedc.net/ee/v2/collect?dataStreamId={datastream}` (unauthenticated) or
 * `https://server.adobedc.net/…` (authenticated: an IMS access token as Bearer, `x-api-key` with the
 * client id, `x-gw-ims-org-id`), `{ events: [{ xdm, data }] }`, answered 204. Each event's XDM
 * carries `eventType` (`web.webpagedetails.pageViews`, `commerce.purchases`…), `timestamp`, `_id`,
 * an `identityMap` (FPID from the anonymous id, the hashed email as `Email_LC_SHA256`), web page
 * details and commerce fields; `data` holds the event's properties for datastream mapping. The
 * datastream forwards to Analytics, Target, Real-Time CDP… as configured in Adobe.
 *
 * Unverified: the IMS token URL and scopes for server-to-server credentials; the FPID namespace
 * accepting any anonymous id; event types for leads, sign-ups and searches (custom names).
 */
import type { MappingRow } from '../../mapping/config.js';
import { isRecord } from '../../json/index.js';
import { DataflyError } from '../../errors/index.js';
import { declareVendor } from '../spec/declared.js';
import type { Answer, RecordedRequest } from '../../doubles/index.js';
import { SOURCES, standardEvents } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  { source: 'timestamp', target: 'xdm.timestamp', transforms: ['to_iso8601'] },
  { source: 'event_id', target: 'xdm._id', transforms: ['to_string'] },
  { source: 'anonymous_id', target: 'xdm.identityMap.FPID[0].id', transforms: ['to_string'] },
  {
    source: [...SOURCES.email],
    target: 'xdm.identityMap.Email_LC_SHA256[0].id',
    transforms: ['id.email_sha256'],
  },
  { source: 'context.page.url', target: 'xdm.web.webPageDetails.URL' },
  { source: 'context.page.referrer', target: 'xdm.web.webReferrer.URL' },
  { source: 'context.user_agent', target: 'xdm.environment.browserDetails.userAgent' },
  { source: 'context.ip', target: 'xdm.environment.ipV4' },
  { source: 'properties', target: 'data' },
];

const counter = (path: string): MappingRow => ({ value: 1, target: `xdm.commerce.${path}.value` });

/** XDM product list items from the products. */
const productItems = (props: Record<string, unknown>): Record<string, unknown>[] =>
  (Array.isArray(props.products)
    ? props.products.filter(isRecord)
    : props.product_id || props.sku
      ? [props]
      : []
  ).map((p) => {
    const qty = Number(p.quantity ?? 1);
    return {
      SKU: String((p.product_id ?? p.sku ?? '') as string),
      ...(p.name !== undefined ? { name: String(p.name as string) } : {}),
      quantity: qty,
      ...(p.price !== undefined
        ? { priceTotal: Math.round(Number(p.price) * qty * 100) / 100 }
        : {}),
    };
  });

const AUTH_HEADERS = ['x-api-key', 'x-gw-ims-org-id'];

/**
 * The contract double: the datastream, `events[].xdm` with a type, time and identity, auth headers
 * together or not at all (the IMS token endpoint is the declaration's, answered by declareVendor).
 */
function respond(req: RecordedRequest): Answer {
  const json = (status: number, body: unknown) => ({
    status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const problem = (title: string, status = 400) =>
    json(status, { type: 'https://ns.adobe.com/aep/errors/EXEG-0003-400', status, title });
  if (req.path !== '/ee/v2/collect') return problem(`no such endpoint ${req.path}`, 404);
  if (!req.query.get('dataStreamId')) return problem('dataStreamId is required');
  const authed = Boolean(req.headers.authorization);
  if (
    authed &&
    (!req.headers.authorization!.startsWith('Bearer ') || AUTH_HEADERS.some((h) => !req.headers[h]))
  )
    return problem('authenticated calls need a Bearer token, x-api-key and x-gw-ims-org-id', 401);
  const events = isRecord(req.json) && Array.isArray(req.json.events) ? req.json.events : [];
  if (events.length === 0) return problem('events must hold at least one event');
  for (const [i, e] of events.entries()) {
    const xdm = isRecord(e) && isRecord(e.xdm) ? e.xdm : undefined;
    if (!xdm || typeof xdm.eventType !== 'string' || typeof xdm.timestamp !== 'string')
      return problem(`events[${i}].xdm needs eventType and timestamp`);
    if (!isRecord(xdm.identityMap) || Object.keys(xdm.identityMap).length === 0)
      return problem(`events[${i}].xdm.identityMap needs an identity`);
    const em =
      isRecord(xdm.identityMap) && Array.isArray(xdm.identityMap.Email_LC_SHA256)
        ? xdm.identityMap.Email_LC_SHA256
        : [];
    if (em.some((x) => !isRecord(x) || !/^[0-9a-f]{64}$/.test(String(x.id))))
      return problem(`events[${i}].xdm.identityMap.Email_LC_SHA256 must be lowercase SHA-256 hex`);
  }
  return { status: 204, body: '' };
}

/** What the registry holds for Adobe Experience Platform. */
export const adobeAep = declareVendor(
  {
    id: 'adobe_aep',
    name: 'Adobe Experience Platform (Edge Network)',
    category: 'analytics',
    description:
      'Adobe Experience Platform: events as XDM through your datastream to Adobe Analytics, Real-Time CDP, Target and more.',
    api: 'Edge Network Server API (/ee/v2/collect)',
    docs: 'https://experienceleague.adobe.com/en/docs/experience-platform/edge-network-server-api/overview',
    status: 'beta',
    keywords: ['xdm', 'datastream', 'real-time cdp', 'web sdk', 'alloy'],
    logo: { pack: 'logos', name: 'adobe-icon' },
    test_settings: { datastream_id: '11111111-2222-3333-4444-555555555555' },
    settings: [
      {
        key: 'datastream_id',
        label: 'Datastream ID',
        type: 'string',
        help: 'The datastream the events go through (Data Collection → Datastreams).',
      },
      {
        key: 'client_id',
        label: 'Client ID',
        type: 'string',
        required: false,
        help: 'OAuth server-to-server credential’s client id (Developer Console), for authenticated collection.',
      },
      {
        key: 'client_secret',
        label: 'Client secret',
        type: 'secret',
        required: false,
        help: 'The credential’s client secret.',
      },
      {
        key: 'org_id',
        label: 'IMS organization ID',
        type: 'string',
        required: false,
        help: 'Your organization id (…@AdobeOrg), for authenticated collection.',
      },
    ],
    spec: {
      endpoint: {
        base_url: 'https://edge.adobedc.net',
        path: '/ee/v2/collect',
        query: { dataStreamId: '{{settings.datastream_id}}' },
      },
      auth: {
        kind: 'first_of',
        options: [
          {
            when: ['client_id', 'client_secret', 'org_id'],
            auth: {
              kind: 'oauth2_client_credentials',
              token_url: 'https://ims-na1.adobelogin.com/ims/token/v3',
              client_id: '{{settings.client_id}}',
              client_secret: '{{settings.client_secret}}',
              scope:
                'openid,AdobeID,read_organizations,additional_info.projectedProductContext,session',
            },
          },
          { when: ['datastream_id'], auth: { kind: 'none' } },
        ],
      },
      headers: {
        static: { 'x-api-key': '{{settings.client_id}}', 'x-gw-ims-org-id': '{{settings.org_id}}' },
      },
      body: { wrapper: { events: '{{items}}' } },
      batching: { max_events: 100, max_bytes: 1_000_000 },
      rate_limit_rps: 20,
      // 4xx are RFC 7807 problems: `{ type, status, title, detail }`.
      answer: { error_message: ['detail', 'title'] },
    },
    mapping: {
      fields: [
        { path: 'xdm.eventType', required: true, auto: true, description: 'XDM event type.' },
        { path: 'xdm.timestamp', required: true, description: 'ISO 8601 time.' },
        { path: 'xdm._id', required: true, description: 'Unique event id.' },
        {
          path: 'xdm.identityMap.FPID[0].id',
          required: false,
          description: 'First-party device id (the anonymous id).',
        },
        {
          path: 'xdm.identityMap.Email_LC_SHA256[0].id',
          required: false,
          description: 'SHA-256 of the lower-cased email.',
        },
        {
          path: 'xdm.commerce.order.priceTotal',
          required: false,
          requiredFor: ['purchase'],
          description: 'Order total.',
        },
        {
          path: 'data',
          required: false,
          description: 'Free-form data for datastream mapping (the event properties).',
        },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents(
          {
            page_view: 'web.webpagedetails.pageViews',
            view_item: 'commerce.productViews',
            add_to_cart: 'commerce.productListAdds',
            begin_checkout: 'commerce.checkouts',
            purchase: 'commerce.purchases',
            lead: 'lead',
            sign_up: 'signUp',
            search: 'search',
          },
          (e): MappingRow[] => {
            switch (e) {
              case 'page_view':
                return [
                  { value: 1, target: 'xdm.web.webPageDetails.pageViews.value' },
                  {
                    source: ['properties.title', 'context.page.title', 'name'],
                    target: 'xdm.web.webPageDetails.name',
                  },
                ];
              case 'view_item':
                return [counter('productViews')];
              case 'add_to_cart':
                return [counter('productListAdds')];
              case 'begin_checkout':
                return [counter('checkouts')];
              case 'purchase':
                return [
                  counter('purchases'),
                  {
                    source: [...SOURCES.order_id],
                    target: 'xdm.commerce.order.purchaseID',
                    transforms: ['to_string'],
                  },
                  {
                    source: [...SOURCES.value],
                    target: 'xdm.commerce.order.priceTotal',
                    transforms: ['to_number'],
                  },
                  {
                    source: [...SOURCES.currency],
                    target: 'xdm.commerce.order.currencyCode',
                    transforms: ['trim', 'uppercase'],
                  },
                ];
              default:
                return [];
            }
          },
        ),
        defaults: { action: 'pass_through' },
      },
    },
    unverified: [
      'IMS token URL and scopes for server-to-server credentials',
      'FPID accepting any anonymous id',
      'event types lead, signUp and search',
    ],
  },
  {
    hooks: {
      settings(params) {
        // Authenticated collection goes to server.adobedc.net (a test double's override wins).
        const creds = ['client_id', 'client_secret', 'org_id'].filter(
          (k) => typeof params[k] === 'string' && params[k],
        );
        if (creds.length > 0 && creds.length < 3)
          throw new DataflyError(
            'config_error',
            'authenticated collection needs client_id, client_secret and org_id',
            { field: 'parameters.client_id' },
          );
        if (creds.length === 3 && !params.endpoint_override)
          params.endpoint_override = 'https://server.adobedc.net';
      },
      item(item, event, _params, _test, _now, mapped) {
        // The event type joins the mapped XDM (an item field would be replaced by it).
        const xdm: Record<string, unknown> = {
          eventType: mapped.vendor_event,
          ...(isRecord(item.xdm) ? item.xdm : {}),
        };
        item.xdm = xdm;
        // The first identity of each namespace is primary when it is the only one: FPID first.
        const map = isRecord(xdm.identityMap) ? xdm.identityMap : {};
        let primary = false;
        for (const ns of ['FPID', 'Email_LC_SHA256']) {
          const list = map[ns];
          if (!Array.isArray(list) || !isRecord(list[0])) continue;
          list[0] = {
            ...list[0],
            authenticatedState: ns === 'FPID' ? 'ambiguous' : 'authenticated',
            primary: !primary,
          };
          primary = true;
        }
        if (typeof xdm.eventType === 'string' && xdm.eventType.startsWith('commerce.')) {
          const items = productItems(isRecord(event.properties) ? event.properties : {});
          if (items.length) xdm.productListItems = items;
        }
      },
    },
    respond,
  },
);
