/**
 * Adobe Analytics Data Insertion API, declared (facts: docs/vendors/more-vendors-and-catalog.md §7a, from
 * Adobe's Data Insertion guide and variable reference): `POST https://{tracking server}/b/ss//6`,
 * the report suite in the body, one hit per request, an XML body (`Content-Type: application/xml`;
 * JSON is not supported), no auth (a public collection endpoint). Every hit needs a visitor
 * (`visitorID`, `marketingCloudVisitorID`, or `ipAddress` with `userAgent`), and `pageURL` /
 * `pageName` or `linkType` with `linkName`. Response type 6 answers XML: `<status>SUCCESS</status>`,
 * or `<status>FAILURE</status>` with a `<reason>` (permanent); the HTTP status says nothing.
 *
 * Page events are page-view hits; every other event is a custom-link hit (`linkType` `o`, the event
 * name as `linkName`) so it does not count as a page view. Commerce events set Adobe's fixed events
 * (`prodView`, `scAdd`, `scCheckout`, `purchase`) and the `products` string
 * (`category;product;quantity;total price`, comma-separated). Event properties with a text or
 * number value go as context data (`<contextData><key>value</key></contextData>`), which processing
 * rules map to eVars and props. Custom events (`event1`…) need the report suite's own numbering: add
 * them in the mapping (target `events`).
 *
 * Unverified: that `timestamp` may be ISO 8601 on timestamp-enabled suites (Adobe's variable
 * reference; not tried); that `purchaseID` deduplicates repeated purchases; that any anonymous id
 * is a valid custom `visitorID`.
 */
import type { MappingRow } from '../../mapping/config.js';
import { DataflyError } from '../../errors/index.js';
import type { EventOutcome } from '../types.js';
import { isRecord } from '../../json/index.js';
import { declareVendor } from '../spec/declared.js';
import type { SpecDouble } from '../spec/double.js';
import { standardEvents, SOURCES } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  { source: 'anonymous_id', target: 'visitorID', transforms: ['to_string'] },
  {
    source: ['context.vendor_ids.ecid', 'context.vendor_ids.mcid'],
    target: 'marketingCloudVisitorID',
    transforms: ['to_string'],
  },
  { source: 'context.ip', target: 'ipAddress' },
  { source: 'context.user_agent', target: 'userAgent' },
  { source: 'context.page.url', target: 'pageURL' },
  { source: 'context.page.referrer', target: 'referrer' },
  { source: ['context.locale', 'context.language'], target: 'language' },
  { source: 'properties', target: 'contextData' },
];

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};
const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
/** Context data keys Adobe processes: letters, digits, `_` and `.` (others are replaced by `_`). */
const contextKey = (k: string): string => k.replace(/[^A-Za-z0-9_.]/g, '_');
const TAG = /^[A-Za-z][A-Za-z0-9_.]*$/;

/** The XML request of one hit: scalar fields as tags, `contextData` as its own element of scalar values. */
function hitXml(item: Record<string, unknown>): string {
  let out = '<?xml version="1.0" encoding="UTF-8"?><request>';
  for (const [k, v] of Object.entries(item)) {
    if (!TAG.test(k) || v === undefined || v === null || v === '') continue;
    if (k === 'contextData') {
      if (!isRecord(v)) continue;
      const parts = Object.entries(v)
        .filter(([, x]) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean')
        .map(
          ([ck, x]) =>
            `<${contextKey(ck)}>${esc(String(x as string | number | boolean))}</${contextKey(ck)}>`,
        );
      if (parts.length) out += `<contextData>${parts.join('')}</contextData>`;
      continue;
    }
    if (typeof v === 'object') continue;
    out += `<${k}>${esc(String(v as string | number | boolean))}</${k}>`;
  }
  return `${out}</request>`;
}

/** `category;product;quantity;total price` per product, comma-separated (Adobe's products variable). */
function productsString(props: Record<string, unknown>, withPrice: boolean): string | undefined {
  const list = Array.isArray(props.products)
    ? props.products.filter(isRecord)
    : props.product_id || props.sku
      ? [props]
      : [];
  const parts = list.map((p) => {
    const id = String((p.product_id ?? p.sku ?? p.id ?? '') as string).replace(/[;,]/g, ' ');
    const category = String((p.category ?? '') as string).replace(/[;,]/g, ' ');
    if (!withPrice) return `${category};${id}`;
    const qty = Number(p.quantity ?? 1);
    const price = Number(p.price ?? 0);
    return `${category};${id};${qty};${Math.round(qty * price * 100) / 100}`;
  });
  return parts.length ? parts.join(',') : undefined;
}

/** Text of one XML tag in an answer. */
const tagText = (xml: string, tag: string): string | undefined =>
  new RegExp(`<${tag}>([^<]*)</${tag}>`, 'i').exec(xml)?.[1];

/** The contract double: the XML hit's required parts, answered the way response type 6 does. */
const double: SpecDouble = {
  check(req) {
    const xml = (text: string) => ({
      status: 200,
      headers: { 'content-type': 'application/xml' },
      body: `<?xml version="1.0" encoding="UTF-8"?>\n${text}`,
    });
    if (!/^\/b\/ss\/[^/]*\/6(\/[^/]*)?$/.test(req.path)) return { status: 404, body: 'not found' };
    if (req.method !== 'POST') return { status: 405, body: 'method not allowed' };
    if (
      !req.headers['content-type']?.startsWith('application/xml') ||
      !req.body.startsWith('<?xml')
    )
      return xml('<status>FAILURE</status><reason>Syntax Error</reason>');
    const has = (t: string): boolean => Boolean(tagText(req.body, t));
    if (!has('reportSuiteID') && /\/b\/ss\/\//.test(req.path))
      return xml('<status>FAILURE</status><reason>NO account</reason>');
    if (
      !has('visitorID') &&
      !has('marketingCloudVisitorID') &&
      !has('fallbackVisitorId') &&
      !(has('ipAddress') && has('userAgent'))
    )
      return xml('<status>FAILURE</status><reason>NO visitorid OR ipaddress</reason>');
    if (
      !has('pageURL') &&
      !has('pageName') &&
      !(has('linkType') && (has('linkName') || has('linkURL')))
    )
      return xml('<status>FAILURE</status><reason>NO pagename OR pageurl</reason>');
    const events = tagText(req.body, 'events');
    if (events && /\bpurchase\b/.test(events) && !has('products'))
      return xml('<status>FAILURE</status><reason>purchase without products</reason>');
    return xml('<status>SUCCESS</status>');
  },
  inBodyProblems: (body) =>
    /<status>FAILURE<\/status>/i.test(body)
      ? [`FAILURE: ${tagText(body, 'reason') ?? 'no reason'}`]
      : [],
};

/** What the registry holds for Adobe Analytics. */
export const adobeAnalytics = declareVendor(
  {
    id: 'adobe_analytics',
    name: 'Adobe Analytics',
    category: 'analytics',
    description:
      'Web analytics: page views, custom links and commerce events sent as server-side hits to your report suite.',
    api: 'Data Insertion API (XML, /b/ss//6)',
    docs: 'https://developer.adobe.com/analytics-apis/docs/1.4/guides/data-insertion/',
    status: 'beta',
    keywords: ['omniture', 'sitecatalyst', 'report suite', 'web analytics'],
    logo: { pack: 'logos', name: 'adobe-icon' },
    test_settings: { tracking_server: 'example.sc.omtrdc.net', report_suite_id: 'examplersid' },
    settings: [
      {
        key: 'tracking_server',
        label: 'Tracking server',
        type: 'string',
        pattern: {
          regex: '^[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+$',
          message: 'a host name such as example.sc.omtrdc.net',
        },
        help: 'Your secure tracking server (trackingServerSecure), e.g. example.sc.omtrdc.net or example.data.adobedc.net.',
      },
      {
        key: 'report_suite_id',
        label: 'Report suite ID',
        type: 'string',
        help: 'The report suite that receives the hits (several: comma-separated, no spaces).',
      },
      {
        key: 'send_timestamp',
        label: 'Send timestamps',
        type: 'boolean',
        required: false,
        default: true,
        help: 'Turn off for a report suite that is not timestamp-enabled (its hits must then arrive in order).',
      },
    ],
    spec: {
      // The host is the customer's tracking server: the settings hook points the request at it.
      endpoint: { base_url: 'https://example.sc.omtrdc.net', path: '/b/ss//6' },
      auth: { kind: 'none' },
      headers: { static: { 'content-type': 'application/xml', accept: 'application/xml' } },
      body: { wrapper: '{{item}}' },
      item: {
        fields: { reportSuiteID: '{{settings.report_suite_id}}', linkName: '{{vendor_event}}' },
      },
      batching: { max_events: 1 },
      rate_limit_rps: 50,
    },
    mapping: {
      fields: [
        {
          path: 'reportSuiteID',
          required: true,
          auto: true,
          description: 'The report suite (from the settings).',
        },
        { path: 'visitorID', required: false, description: 'Your visitor id (the anonymous id).' },
        {
          path: 'marketingCloudVisitorID',
          required: false,
          description: 'Experience Cloud ID (ECID), when the site has one.',
        },
        {
          path: 'ipAddress',
          required: false,
          description: 'Visitor IP (with userAgent, identifies a visitor without ids).',
        },
        { path: 'userAgent', required: false, description: 'Visitor user agent.' },
        { path: 'pageURL', required: false, description: 'Page URL.' },
        { path: 'pageName', required: false, description: 'Page name.' },
        {
          path: 'linkName',
          required: false,
          auto: true,
          description: 'Custom link name: the event’s name (non-page events).',
        },
        {
          path: 'events',
          required: false,
          description: 'Adobe events (purchase, prodView, scAdd, scCheckout, event1…).',
        },
        {
          path: 'products',
          required: false,
          auto: true,
          requiredFor: ['purchase'],
          description: 'Products string (built from properties.products).',
        },
        { path: 'purchaseID', required: false, description: 'Order id (purchases).' },
        { path: 'currencyCode', required: false, description: 'Currency (ISO 4217).' },
        {
          path: 'timestamp',
          required: false,
          auto: true,
          description: 'Hit time (timestamp-enabled suites).',
        },
        {
          path: 'contextData',
          required: false,
          description: 'Context data for processing rules (event properties).',
        },
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
                    source: ['name', 'properties.title', 'context.page.title'],
                    target: 'pageName',
                  },
                ];
              case 'view_item':
                return [{ value: 'prodView', target: 'events' }];
              case 'add_to_cart':
                return [{ value: 'scAdd', target: 'events' }];
              case 'begin_checkout':
                return [{ value: 'scCheckout', target: 'events' }];
              case 'purchase':
                return [
                  { value: 'purchase', target: 'events' },
                  {
                    source: [...SOURCES.order_id],
                    target: 'purchaseID',
                    transforms: ['to_string'],
                  },
                  {
                    source: [...SOURCES.currency],
                    target: 'currencyCode',
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
      'timestamp as ISO 8601 on timestamp-enabled report suites',
      'purchaseID deduplicating repeated purchases',
      'the anonymous id accepted as visitorID as it is (Adobe’s custom visitor id format rules not confirmed)',
    ],
  },
  {
    hooks: {
      settings(params) {
        const host = params.tracking_server;
        // The request goes to the customer's own tracking server (a test double's override wins).
        if (typeof host === 'string' && !params.endpoint_override)
          params.endpoint_override = `https://${host}`;
        if (!params.endpoint_override)
          throw new DataflyError('config_error', 'tracking_server is required', {
            field: 'parameters.tracking_server',
          });
      },
      item(item, event, params) {
        const props = isRecord(event.properties) ? event.properties : {};
        if (event.type === 'page') delete item.linkName;
        else item.linkType = 'o';
        // Commerce events carry the products string; quantity and price count only on purchases.
        const events = typeof item.events === 'string' ? item.events : '';
        if (
          /\b(purchase|prodView|scAdd|scCheckout|scRemove|scView)\b/.test(events) &&
          item.products === undefined
        ) {
          const p = productsString(props, /\bpurchase\b/.test(events));
          if (p) item.products = p;
        }
        if (params.send_timestamp !== false) item.timestamp = event.timestamp;
        return item;
      },
      body: (_body, items) => hitXml(items[0] ?? {}),
      classify(response, request): EventOutcome[] | undefined {
        const status = tagText(response.body, 'status');
        if (!status) return undefined;
        if (status.toUpperCase() === 'SUCCESS')
          return request.event_ids.map((event_id) => ({ event_id, status: 'delivered' }));
        const reason = `Adobe ${status}: ${tagText(response.body, 'reason') ?? 'no reason given'}`;
        return request.event_ids.map((event_id) => ({
          event_id,
          status: 'failed',
          code: 'vendor_rejected',
          reason,
        }));
      },
    },
    double,
  },
);
