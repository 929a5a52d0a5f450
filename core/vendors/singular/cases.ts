/** Singular golden cases as data (parameters: Singular's S2S endpoint reference, see index.ts). */
import { fullPurchase } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const query = (params: [string, string][]): string =>
  params
    .map(
      ([k, v]) =>
        `${k}=${encodeURIComponent(v).replace(/%3A/g, ':').replace(/%2F/g, '/').replace(/%40/g, '@')}`,
    )
    .join('&');
const UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)';

export const cases: VendorCase[] = [
  {
    name: 'A purchase from an Android app is one GET with the key as a, the platform, app id, GAID, revenue and the order id in the attributes',
    settings: { sdk_key: 'org_key', app_id: 'com.example.app' },
    input: [
      fullPurchase({
        context: {
          device: { advertising_id: '660E1D86-6796-463A-BE86-897993136018' },
          os: { name: 'Android', version: '14' },
        },
      }),
    ],
    expected: {
      requests: [
        {
          method: 'GET',
          url: `https://s2s.singular.net/api/v1/evt?${query([
            ['p', 'Android'],
            ['i', 'com.example.app'],
            ['ip', '203.0.113.7'],
            ['ve', '14'],
            ['n', '__iap__'],
            ['e', '{"order_id":"ORD-1001"}'],
            ['utime', '1767268800'],
            ['aifa', '660e1d86-6796-463a-be86-897993136018'],
            ['custom_user_id', 'user-123'],
            ['ua', UA],
            ['is_revenue_event', 'true'],
            ['amt', '59.98'],
            ['cur', 'USD'],
            ['a', 'org_key'],
          ])}`,
          event_ids: ['ORD-1001'],
        },
      ],
    },
  },
  {
    name: 'An iOS sign-up carries IDFA and IDFV in upper case on the iOS platform',
    settings: { sdk_key: 'org_key', app_id: 'com.example.ios' },
    input: [
      fullPurchase({
        event_id: 'su-1',
        event: 'Signed Up',
        properties: {},
        user_id: undefined,
        context: {
          device: { advertising_id: 'd2cadb5f-aaaa', id: 'vendor-1' },
          os: { name: 'iOS', version: '18.1' },
          ip: undefined,
          user_agent: undefined,
        },
      }),
    ],
    expected: {
      requests: [
        {
          method: 'GET',
          url: `https://s2s.singular.net/api/v1/evt?${query([
            ['p', 'iOS'],
            ['i', 'com.example.ios'],
            ['ve', '18.1'],
            ['n', 'sng_complete_registration'],
            ['utime', '1767268800'],
            ['idfa', 'D2CADB5F-AAAA'],
            ['idfv', 'VENDOR-1'],
            ['a', 'org_key'],
          ])}`,
        },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A 500 is retried',
    request: { event_ids: ['a'] },
    response: { status: 500, body: '' },
    expected: [{ status: 'retry' }],
  },
  {
    name: 'A 400 naming the problem is final',
    request: { event_ids: ['a'] },
    response: { status: 400, body: { status: 'error', reason: 'Missing argument: ip' } },
    expected: [
      { status: 'failed', code: 'vendor_rejected', reason: 'HTTP 400: Missing argument: ip' },
    ],
  },
];
