/**
 * Criteo golden cases as data (body shape: docs/vendors/more-vendors-and-catalog.md §3). Digests of
 * `john_smith@gmail.com` (the fixture's email trimmed and lowercased): SHA-256, MD5 and SHA-256 of the MD5 hex.
 */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const URL = 'https://widget.criteo.com/m/event?version=s2s_v0';
const SETTINGS = { account: '12345', caller_id: 'caller-xyz' };
const EMAIL = {
  sha256: '62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f',
  md5: 'ac862c981fee6b90654257051c4e197a',
  sha256_md5: 'cacb851003a01e4ce07b23bcb280a771c9b95accbd36e2524db26b94c3edfe70',
};
const UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)';

export const cases: VendorCase[] = [
  {
    name: 'A purchase becomes trackTransaction with the order id and basket, the email in its three hashed forms and the caller id in the body',
    settings: SETTINGS,
    input: [fullPurchase({ context: { vendor_ids: { crto_mapped_user_id: 'gum-abc' } } })],
    expected: {
      requests: [
        {
          url: URL,
          event_ids: ['ORD-1001'],
          body: {
            account: '12345',
            site_type: 'd',
            id: { mapping_key: 'caller-xyz', mapped_user_id: 'gum-abc', email: EMAIL },
            retailer_visitor_id: 'anon-1',
            ip: '203.0.113.7',
            useragent: UA,
            full_url: 'https://shop.example.com/checkout/thanks',
            previous_url: 'https://shop.example.com/cart',
            events: [
              {
                event: 'trackTransaction',
                timestamp: FIXED_TIME,
                id: 'ORD-1001',
                item: [{ id: 'SKU-1', price: 29.99, quantity: 2 }],
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: 'A product view with the GUM id sends viewItem with the product id, on the mobile site type',
    settings: { ...SETTINGS, site_type: 'm' },
    input: [
      makeEvent({
        event_id: 'pv-1',
        event: 'Product Viewed',
        properties: { product_id: 'SKU-9' },
        context: { vendor_ids: { crto_mapped_user_id: 'gum-abc' } },
      }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          body: {
            account: '12345',
            site_type: 'm',
            id: { mapping_key: 'caller-xyz', mapped_user_id: 'gum-abc' },
            retailer_visitor_id: 'anon-1',
            ip: '203.0.113.7',
            useragent: UA,
            full_url: 'https://shop.example.com/checkout/thanks',
            previous_url: 'https://shop.example.com/cart',
            events: [{ event: 'viewItem', timestamp: FIXED_TIME, item: 'SKU-9' }],
          },
        },
      ],
    },
  },
  {
    name: 'A page view without the GUM id or an email is skipped with Criteo’s reason',
    settings: SETTINGS,
    input: [makeEvent({ event_id: 'pg-1', type: 'page', event: undefined })],
    expected: {
      requests: [],
      skipped: [{ event_id: 'pg-1', reason: 'Criteo needs the GUM-mapped user id or an email' }],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A 400 is final and quotes Criteo’s message',
    request: { event_ids: ['a'] },
    response: { status: 400, body: { message: 'invalid account' } },
    expected: [{ status: 'failed', code: 'vendor_rejected', reason: 'HTTP 400: invalid account' }],
  },
  {
    name: 'A 503 is retried',
    request: { event_ids: ['a'] },
    response: { status: 503, body: '' },
    expected: [{ status: 'retry' }],
  },
];
