/** Kochava golden cases as data (request shape: see index.ts). */
import { fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const URL = 'https://control.kochava.com/track/json';
const UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)';

export const cases: VendorCase[] = [
  {
    name: 'A purchase from an iOS app is a Purchase event with the app GUID, the SDK’s device id, the IDFA, Unix seconds and the order sum',
    settings: { app_guid: 'koapp-1' },
    input: [
      fullPurchase({
        context: {
          vendor_ids: { kochava_device_id: 'KA123' },
          device: { advertising_id: 'IDFA-1' },
          os: { name: 'iOS' },
        },
      }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          event_ids: ['ORD-1001'],
          body: {
            kochava_app_id: 'koapp-1',
            action: 'event',
            kochava_device_id: 'KA123',
            data: {
              event_name: 'Purchase',
              usertime: 1767268800,
              device_ua: UA,
              origination_ip: '203.0.113.7',
              currency: 'USD',
              device_ids: { idfa: 'IDFA-1' },
              event_data: { user_id: 'user-123', sum: 59.98, order_id: 'ORD-1001' },
            },
          },
        },
      ],
    },
  },
  {
    name: 'A web search falls back to the anonymous id as device id',
    settings: { app_guid: 'koapp-1' },
    input: [
      makeEvent({
        event_id: 's-1',
        event: 'Products Searched',
        properties: { query: 'linen' },
        context: { ip: undefined },
      }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          body: {
            kochava_app_id: 'koapp-1',
            action: 'event',
            kochava_device_id: 'anon-1',
            data: {
              event_name: 'Search',
              usertime: 1767268800,
              device_ua: UA,
              event_data: { name: 'linen' },
            },
          },
        },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A 400 is final and quotes Kochava',
    request: { event_ids: ['a'] },
    response: { status: 400, body: { error: 'invalid kochava_app_id' } },
    expected: [
      { status: 'failed', code: 'vendor_rejected', reason: 'HTTP 400: invalid kochava_app_id' },
    ],
  },
  {
    name: 'A 500 is retried',
    request: { event_ids: ['a'] },
    response: { status: 500, body: '' },
    expected: [{ status: 'retry' }],
  },
];
