/** Adjust golden cases as data (parameters and answers: docs/vendors/more-vendors-and-catalog.md §11). */
import { makeEvent, fullPurchase } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const SETTINGS = {
  app_token: '4w565xzmb54d',
  s2s_token: 's2s-secret',
  event_tokens: { purchase: 'f0ob4r' },
};
const ANDROID = {
  device: { advertising_id: '660E1D86-6796-463A-BE86-897993136018' },
  os: { name: 'Android' },
};
const UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)';

export const cases: VendorCase[] = [
  {
    name: 'A purchase from an Android app is one form post with the event token, the GAID, seconds, revenue and the order id as a callback parameter',
    settings: SETTINGS,
    input: [fullPurchase({ context: ANDROID })],
    expected: {
      requests: [
        {
          url: 'https://s2s.adjust.com/event',
          headers: {
            authorization: 'Bearer s2s-secret',
            'content-type': 'application/x-www-form-urlencoded',
          },
          event_ids: ['ORD-1001'],
          body: new URLSearchParams({
            s2s: '1',
            app_token: '4w565xzmb54d',
            event_token: 'f0ob4r',
            created_at_unix: '1767268800',
            environment: 'production',
            ip_address: '203.0.113.7',
            user_agent: UA,
            revenue: '59.98',
            currency: 'USD',
            callback_params: '{"order_id":"ORD-1001"}',
            gps_adid: '660e1d86-6796-463a-be86-897993136018',
          }).toString(),
        },
      ],
    },
  },
  {
    name: 'Test mode sends to the sandbox environment, an iOS advertising id goes as idfa, and an event without a token is skipped naming it',
    settings: { ...SETTINGS, test_mode: true, event_tokens: { sign_up: 'abc123' } },
    input: [
      makeEvent({
        event_id: 'su-1',
        event: 'Signed Up',
        context: {
          device: { advertising_id: 'd2cadb5f-410f-4963-ac0c-2a78534bdf1e' },
          os: { name: 'iOS' },
          ip: undefined,
          user_agent: undefined,
        },
      }),
      makeEvent({ event_id: 'lead-1', event: 'Generate Lead', context: ANDROID }),
    ],
    expected: {
      requests: [
        {
          url: 'https://s2s.adjust.com/event',
          event_ids: ['su-1'],
          body: new URLSearchParams({
            s2s: '1',
            app_token: '4w565xzmb54d',
            event_token: 'abc123',
            created_at_unix: '1767268800',
            environment: 'sandbox',
            idfa: 'D2CADB5F-410F-4963-AC0C-2A78534BDF1E',
          }).toString(),
        },
      ],
      skipped: [
        { event_id: 'lead-1', reason: 'no Adjust event token for "lead" (add it to Event tokens)' },
      ],
    },
  },
  {
    name: 'Without an S2S Security token no Authorization header is sent',
    settings: { app_token: '4w565xzmb54d', event_tokens: { view_item: 'v1ew01' } },
    input: [
      makeEvent({
        event_id: 'vi-1',
        event: 'Product Viewed',
        context: { vendor_ids: { adjust_web_uuid: '7c3f4a9e-1111-4222-8333-944455556666' } },
      }),
    ],
    expected: {
      requests: [
        {
          url: 'https://s2s.adjust.com/event',
          body: new URLSearchParams({
            s2s: '1',
            app_token: '4w565xzmb54d',
            event_token: 'v1ew01',
            created_at_unix: '1767268800',
            environment: 'production',
            web_uuid: '7c3f4a9e-1111-4222-8333-944455556666',
            ip_address: '203.0.113.7',
            user_agent: UA,
          }).toString(),
        },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A repeat of a unique event Adjust already counted is delivered, not failed',
    request: { event_ids: ['a'] },
    response: {
      status: 400,
      body: { error: 'Event request failed (Ignoring event, earlier unique event tracked)' },
    },
    expected: [{ status: 'delivered' }],
  },
  {
    name: 'An invalid event token is final and quotes Adjust',
    request: { event_ids: ['a'] },
    response: { status: 400, body: { error: 'Event request failed (Invalid event token)' } },
    expected: [
      {
        status: 'failed',
        code: 'vendor_rejected',
        reason: 'HTTP 400: Event request failed (Invalid event token)',
      },
    ],
  },
  {
    name: 'A 401 is a credentials failure',
    request: { event_ids: ['a'] },
    response: {
      status: 401,
      body: { error: 'Event request failed (Failed to authorize request)' },
    },
    expected: [{ status: 'failed', code: 'vendor_auth' }],
  },
];
