/**
 * Algolia Insights API, declared (facts: docs/vendors/more-vendors-and-catalog.md §18 catalog row
 * `algolia_insights`, evidence R,S; Algolia's Insights API reference): `POST
 * https://insights.algolia.io/1/events` (regional `insights.us.algolia.io`, `insights.de.algolia.io`),
 * `X-Algolia-Application-Id` and `X-Algolia-API-Key` headers, `{ events: [...] }` of at most 1,000,
 * each `{ eventType: view | click | conversion, eventSubtype: addToCart | purchase, eventName, index,
 * userToken, authenticatedUserToken, timestamp (ms), objectIDs (≤ 20), objectData, value, currency,
 * queryID }`. Events are about records of an index, so only product events are sent: page views,
 * leads, sign-ups and searches have no counterpart. `userToken` allows `[a-zA-Z0-9_=/+-]`, 1–129
 * characters (other characters become `_` here).
 *
 * Unverified: objectData entries `{ price, quantity }` for purchases (Algolia's revenue analytics).
 */
import type { MappingRow } from '../../mapping/config.js';
import { isRecord } from '../../json/index.js';
import { declareVendor } from '../spec/declared.js';
import { SOURCES, standardEvents } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  { source: ['anonymous_id', 'user_id'], target: 'userToken', transforms: ['to_string'] },
  { source: 'user_id', target: 'authenticatedUserToken', transforms: ['to_string'] },
  {
    source: ['properties.query_id', 'properties.queryID'],
    target: 'queryID',
    transforms: ['to_string'],
  },
];

const TOKEN = /^[a-zA-Z0-9_=/+-]{1,129}$/;
const token = (s: string): string => s.replace(/[^a-zA-Z0-9_=/+-]/g, '_').slice(0, 129);

/** The records an event is about: its products' ids (at most 20), with price and quantity. */
function records(props: Record<string, unknown>): {
  ids: string[];
  data: Record<string, unknown>[];
} {
  const list = Array.isArray(props.products) ? props.products.filter(isRecord) : [props];
  const ids: string[] = [];
  const data: Record<string, unknown>[] = [];
  for (const p of list) {
    const id = p.product_id ?? p.sku ?? p.objectID;
    if (typeof id !== 'string' && typeof id !== 'number') continue;
    ids.push(String(id));
    data.push({
      ...(p.price !== undefined ? { price: Number(p.price) } : {}),
      ...(p.quantity !== undefined ? { quantity: Number(p.quantity) } : {}),
    });
    if (ids.length === 20) break;
  }
  return { ids, data };
}

/** What the registry holds for Algolia Insights. */
export const algoliaInsights = declareVendor(
  {
    id: 'algolia_insights',
    name: 'Algolia Insights',
    category: 'analytics',
    description:
      'Search and recommendation signals: product views, add-to-carts and purchases that train Algolia’s ranking and analytics.',
    api: 'Insights API (/1/events)',
    docs: 'https://www.algolia.com/doc/rest-api/insights/',
    status: 'beta',
    keywords: ['search', 'recommendations', 'personalization', 'click analytics'],
    logo: { pack: 'logos', name: 'algolia' },
    test_settings: {
      app_id: 'TESTAPP123',
      api_key: 'test-algolia-search-key',
      index_name: 'products',
    },
    settings: [
      {
        key: 'app_id',
        label: 'Application ID',
        type: 'string',
        help: 'The Algolia application id (Settings → API Keys).',
      },
      {
        key: 'api_key',
        label: 'API key',
        type: 'secret',
        help: 'An API key with the search ACL (the search-only key works).',
      },
      {
        key: 'index_name',
        label: 'Index',
        type: 'string',
        help: 'The index whose records the events are about.',
      },
      {
        key: 'region',
        label: 'Analytics region',
        type: 'select',
        required: false,
        options: ['auto', 'us', 'de'],
        default: 'auto',
        help: 'Where the application’s analytics live (auto: the global host).',
      },
    ],
    spec: {
      endpoint: {
        base_url: 'https://insights.algolia.io',
        regions: {
          setting: 'region',
          hosts: {
            auto: 'https://insights.algolia.io',
            us: 'https://insights.us.algolia.io',
            de: 'https://insights.de.algolia.io',
          },
        },
        path: '/1/events',
      },
      auth: {
        kind: 'api_key',
        in: 'header',
        name: 'x-algolia-api-key',
        value: '{{settings.api_key}}',
      },
      headers: { static: { 'x-algolia-application-id': '{{settings.app_id}}' } },
      body: { wrapper: { events: '{{items}}' } },
      item: {
        fields: {
          eventName: '{{vendor_event}}',
          index: '{{settings.index_name}}',
          timestamp: '{{event.timestamp | to_unix_ms}}',
        },
      },
      eligibility: {
        any_of: [['userToken', 'objectIDs']],
        reason: 'Algolia needs a user token and the records (product ids) the event is about',
      },
      batching: { max_events: 1000 },
      rate_limit_rps: 20,
      // 4xx `{ status, message }`.
      answer: { error_message: ['message'] },
    },
    mapping: {
      fields: [
        { path: 'eventType', required: true, description: 'view, click or conversion.' },
        {
          path: 'eventSubtype',
          required: false,
          description: 'addToCart or purchase (conversions).',
        },
        { path: 'eventName', required: true, auto: true, description: 'The event’s name.' },
        {
          path: 'index',
          required: true,
          auto: true,
          description: 'The index (from the settings).',
        },
        { path: 'userToken', required: true, description: 'Anonymous user token.' },
        { path: 'authenticatedUserToken', required: false, description: 'Your user id.' },
        {
          path: 'objectIDs',
          required: false,
          auto: true,
          description: 'Record ids (from the products).',
        },
        { path: 'value', required: false, description: 'Total value of a conversion.' },
        { path: 'currency', required: false, description: 'Currency (ISO 4217).' },
        { path: 'queryID', required: false, description: 'The search query id the event follows.' },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents(
          {
            view_item: 'Product Viewed',
            add_to_cart: 'Product Added',
            begin_checkout: 'Checkout Started',
            purchase: 'Order Completed',
          },
          (e): MappingRow[] => {
            const value = [
              { source: [...SOURCES.value], target: 'value', transforms: ['to_number'] },
              {
                source: [...SOURCES.currency],
                target: 'currency',
                transforms: ['trim', 'uppercase'],
              },
            ] satisfies MappingRow[];
            if (e === 'view_item') return [{ value: 'view', target: 'eventType' }];
            if (e === 'add_to_cart')
              return [
                { value: 'conversion', target: 'eventType' },
                { value: 'addToCart', target: 'eventSubtype' },
                ...value,
              ];
            if (e === 'purchase')
              return [
                { value: 'conversion', target: 'eventType' },
                { value: 'purchase', target: 'eventSubtype' },
                ...value,
              ];
            return [{ value: 'conversion', target: 'eventType' }];
          },
        ),
        defaults: { action: 'drop' },
      },
    },
    not_mapped: {
      page_view: 'Insights events are about index records; a page view names none',
      lead: 'Insights events are about index records; a lead names none',
      sign_up: 'Insights events are about index records; a sign-up names none',
      search: 'Algolia records searches itself when they go through its search API',
    },
    unverified: ['objectData { price, quantity } for purchase revenue'],
  },
  {
    hooks: {
      item(item, event) {
        const { ids, data } = records(isRecord(event.properties) ? event.properties : {});
        if (ids.length) item.objectIDs = ids;
        if (item.eventSubtype === 'purchase' && data.some((d) => Object.keys(d).length))
          item.objectData = data;
        if (typeof item.userToken === 'string' && !TOKEN.test(item.userToken))
          item.userToken = token(item.userToken);
        if (
          typeof item.authenticatedUserToken === 'string' &&
          !TOKEN.test(item.authenticatedUserToken)
        )
          item.authenticatedUserToken = token(item.authenticatedUserToken);
      },
    },
    extraCheck: (item) =>
      !['view', 'click', 'conversion'].includes(String(item.eventType))
        ? 'eventType must be view, click or conversion'
        : !TOKEN.test(String(item.userToken))
          ? 'userToken has characters Algolia refuses'
          : item.eventSubtype !== undefined &&
              !['addToCart', 'purchase'].includes(String(item.eventSubtype))
            ? 'eventSubtype must be addToCart or purchase'
            : undefined,
  },
);
