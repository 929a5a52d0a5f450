/** impact.com golden cases as data (fields and hashing: docs/vendors/more-vendors-and-catalog.md §13; SHA-1 of `john_smith@gmail.com`). */
import { FIXED_TIME, fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const URL = 'https://api.impact.com/Advertisers/IRabc123/Conversions';
const SETTINGS = {
  account_sid: 'IRabc123',
  auth_token: 'tok',
  campaign_id: '1000',
  action_tracker_id: '4000',
  action_trackers: { lead: '4100' },
};
const UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)';

export const cases: VendorCase[] = [
  {
    name: 'A purchase is one form post with Basic auth, the sale tracker, the order id, the click id, a SHA-1 email and indexed items',
    settings: SETTINGS,
    input: [fullPurchase({ context: { click_ids: { irclickid: 'SKhRQaSXwxyOUQ:wUx0Mo36' } } })],
    expected: {
      requests: [
        {
          url: URL,
          headers: {
            authorization: `Basic ${Buffer.from('IRabc123:tok').toString('base64')}`,
            'content-type': 'application/x-www-form-urlencoded',
          },
          event_ids: ['ORD-1001'],
          body: new URLSearchParams({
            CampaignId: '1000',
            ActionTrackerId: '4000',
            EventDate: FIXED_TIME,
            ClickId: 'SKhRQaSXwxyOUQ:wUx0Mo36',
            CustomerId: 'user-123',
            CustomerEmail: '1c6a75b7c96232302764cdfb0ffaab6cb171cad1',
            IpAddress: '203.0.113.7',
            UserAgent: UA,
            PageUrl: 'https://shop.example.com/checkout/thanks',
            ReferringUrl: 'https://shop.example.com/cart',
            OrderId: 'ORD-1001',
            CurrencyCode: 'USD',
            ItemSku1: 'SKU-1',
            ItemName1: 'Tee',
            ItemCategory1: 'Apparel',
            ItemQuantity1: '2',
            ItemSubTotal1: '59.98',
          }).toString(),
        },
      ],
    },
  },
  {
    name: 'A lead uses its own tracker from the table and the event id as order id; an anonymous lead without a click id is skipped',
    settings: SETTINGS,
    input: [
      makeEvent({
        event_id: 'lead-1',
        event: 'Generate Lead',
        user_id: 'cust-9',
        context: { ip: undefined, user_agent: undefined, page: undefined },
      }),
      makeEvent({ event_id: 'lead-2', event: 'Generate Lead' }),
    ],
    expected: {
      requests: [
        {
          url: URL,
          event_ids: ['lead-1'],
          body: new URLSearchParams({
            CampaignId: '1000',
            ActionTrackerId: '4100',
            EventDate: FIXED_TIME,
            CustomerId: 'cust-9',
            OrderId: 'lead-1',
          }).toString(),
        },
      ],
      skipped: [
        {
          event_id: 'lead-2',
          reason:
            'impact.com needs a click id (irclickid), a customer id or a promo code to credit a partner',
        },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A scoped token not allowed on Conversions (403) is a credentials failure',
    request: { event_ids: ['a'] },
    response: {
      status: 403,
      body: { Status: 'ERROR', Message: 'Token is not authorized for this resource' },
    },
    expected: [{ status: 'failed', code: 'vendor_auth' }],
  },
  {
    name: 'A validation error (400) is final and quotes impact.com',
    request: { event_ids: ['a'] },
    response: { status: 400, body: { Status: 'ERROR', Message: 'OrderId is required' } },
    expected: [
      { status: 'failed', code: 'vendor_rejected', reason: 'HTTP 400: OrderId is required' },
    ],
  },
  {
    name: 'A 429 is retried as throttling',
    request: { event_ids: ['a'] },
    response: { status: 429, body: '' },
    expected: [{ status: 'retry', code: 'vendor_throttled' }],
  },
];
