/** AppsFlyer golden cases as data (body and rules: docs/vendors/more-vendors-and-catalog.md §12). */
import { fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = { app_id: 'com.example.app', s2s_key: 'af-secret' };

export const cases: VendorCase[] = [
  {
    name: 'A purchase from an Android app is af_purchase with the AppsFlyer id, GAID, revenue in eventValue and AppsFlyer’s UTC time format',
    settings: SETTINGS,
    input: [
      fullPurchase({
        context: {
          vendor_ids: { appsflyer_id: '1415211453000-6513894' },
          device: { advertising_id: '660e1d86-6796-463a-be86-897993136018' },
          os: { name: 'Android' },
        },
      }),
    ],
    expected: {
      requests: [
        {
          url: 'https://api3.appsflyer.com/inappevent/com.example.app',
          headers: { authentication: 'af-secret', 'content-type': 'application/json' },
          event_ids: ['ORD-1001'],
          body: {
            eventName: 'af_purchase',
            eventTime: '2026-01-01 12:00:00.000',
            appsflyer_id: '1415211453000-6513894',
            advertising_id: '660e1d86-6796-463a-be86-897993136018',
            customer_user_id: 'user-123',
            ip: '203.0.113.7',
            eventCurrency: 'USD',
            eventValue: {
              af_revenue: 59.98,
              af_currency: 'USD',
              af_order_id: 'ORD-1001',
              af_content_id: ['SKU-1'],
            },
          },
        },
      ],
    },
  },
  {
    name: 'An iOS app id posts to its id-prefixed path and a search carries its search string, with an empty eventValue elsewhere',
    settings: { ...SETTINGS, app_id: 'id123456789' },
    input: [
      makeEvent({
        event_id: 's-1',
        event: 'Products Searched',
        properties: { query: 'linen' },
        context: { vendor_ids: { appsflyer_id: 'af-1' }, ip: undefined },
      }),
    ],
    expected: {
      requests: [
        {
          url: 'https://api3.appsflyer.com/inappevent/id123456789',
          body: {
            eventName: 'af_search',
            eventTime: '2026-01-01 12:00:00.000',
            appsflyer_id: 'af-1',
            eventValue: { af_search_string: 'linen' },
          },
        },
      ],
    },
  },
  {
    name: 'An iOS app id without the id prefix is refused, since AppsFlyer would drop its events silently',
    settings: { ...SETTINGS, app_id: '123456789' },
    input: [],
    expected: { error: { code: 'config_error', field: 'parameters.app_id' } },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A 401 (bad S2S key) is a credentials failure',
    request: { event_ids: ['a'] },
    response: { status: 401, body: 'Unauthorized' },
    expected: [{ status: 'failed', code: 'vendor_auth' }],
  },
  {
    name: 'A 400 for a missing field is final',
    request: { event_ids: ['a'] },
    response: { status: 400, body: { message: 'appsflyer_id is missing' } },
    expected: [
      { status: 'failed', code: 'vendor_rejected', reason: 'HTTP 400: appsflyer_id is missing' },
    ],
  },
];
