/** Dub golden cases as data (bodies: Dub's track/lead and track/sale references, see index.ts). */
import { fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

export const cases: VendorCase[] = [
  {
    name: 'A purchase is a sale for the customer with the amount in cents, the currency in lower case and the order as invoice id',
    settings: { api_key: 'dub_key' },
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: 'https://api.dub.co/track/sale',
          headers: { authorization: 'Bearer dub_key' },
          event_ids: ['ORD-1001'],
          body: {
            eventName: 'Purchase',
            customerExternalId: 'user-123',
            amount: 5998,
            currency: 'usd',
            invoiceId: 'ORD-1001',
            paymentProcessor: 'custom',
          },
        },
      ],
    },
  },
  {
    name:
      'A sign-up is a lead with the dub_id click and the customer’s details; without a click ' +
      'it is a deferred lead (empty clickId); without a user id it is skipped',
    settings: { api_key: 'dub_key' },
    input: [
      makeEvent({
        event_id: 'su-1',
        event: 'Signed Up',
        user_id: 'u-1',
        traits: { email: 'a@b.co', first_name: 'Ann' },
        context: { click_ids: { dub_id: 'clk_1' } },
      }),
      makeEvent({ event_id: 'su-2', event: 'Signed Up', user_id: 'u-2' }),
      makeEvent({ event_id: 'su-3', event: 'Signed Up' }),
    ],
    expected: {
      requests: [
        {
          url: 'https://api.dub.co/track/lead',
          event_ids: ['su-1'],
          body: {
            eventName: 'Sign Up',
            customerExternalId: 'u-1',
            customerEmail: 'a@b.co',
            customerName: 'Ann',
            clickId: 'clk_1',
          },
        },
        {
          url: 'https://api.dub.co/track/lead',
          event_ids: ['su-2'],
          body: { eventName: 'Sign Up', customerExternalId: 'u-2', clickId: '' },
        },
      ],
      skipped: [
        { event_id: 'su-3', reason: 'Dub needs your user id as the customer’s external id' },
      ],
    },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'An invalid key (401) is a credentials failure quoting Dub',
    request: { event_ids: ['a'] },
    response: {
      status: 401,
      body: { error: { code: 'unauthorized', message: 'Unauthorized: Invalid API key.' } },
    },
    expected: [
      { status: 'failed', code: 'vendor_auth', reason: 'HTTP 401: Unauthorized: Invalid API key.' },
    ],
  },
  {
    name: 'A 422 is final',
    request: { event_ids: ['a'] },
    response: {
      status: 422,
      body: { error: { code: 'unprocessable_entity', message: 'customerExternalId is required' } },
    },
    expected: [{ status: 'failed', code: 'vendor_rejected' }],
  },
];
