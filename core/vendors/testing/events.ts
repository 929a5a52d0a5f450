/**
 * Deterministic envelopes for vendor tests: fixed ids and clock, overridable per case.
 */
import { Envelope } from '../../event/index.js';

/** The fixed instant every fixture uses unless overridden: 2026-01-01T12:00:00Z. */
export const FIXED_TIME = '2026-01-01T12:00:00.000Z';

type Overrides = Partial<Omit<Envelope, 'properties' | 'traits' | 'context'>> & {
  properties?: Record<string, unknown>;
  traits?: Record<string, unknown>;
  context?: Record<string, unknown>;
};

/**
 * A valid envelope with fixed ids and clock; `overrides` are merged shallowly per section.
 *
 * @example
 * makeEvent({ type: 'track', event: 'Order Completed', properties: { revenue: 59.98 } })
 */
export function makeEvent(overrides: Overrides = {}): Envelope {
  const { properties, traits, context, ...rest } = overrides;
  return Envelope.parse({
    v: 1,
    event_id: 'evt-1',
    type: 'track',
    event: 'Test Event',
    anonymous_id: 'anon-1',
    timestamp: FIXED_TIME,
    received_at: FIXED_TIME,
    source: { kind: 'browser', pipeline_id: 'pl_1', org_id: 'org_1', source_id: 'src_1' },
    ...rest,
    properties: properties ?? {},
    traits: traits ?? {},
    context: {
      ip: '203.0.113.7',
      user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)',
      page: { url: 'https://shop.example.com/checkout/thanks', path: '/checkout/thanks', title: 'Thanks', referrer: 'https://shop.example.com/cart' },
      ...context,
    },
  });
}

/**
 * A purchase with full user data: the shape the golden cases and the bench use.
 *
 * @example
 * fullPurchase({ event_id: 'ORD-2' })
 */
export function fullPurchase(overrides: Overrides = {}): Envelope {
  return makeEvent({
    event_id: 'ORD-1001',
    type: 'track',
    event: 'Order Completed',
    user_id: 'user-123',
    properties: {
      order_id: 'ORD-1001',
      revenue: 59.98,
      currency: 'USD',
      products: [{ product_id: 'SKU-1', name: 'Tee', price: 29.99, quantity: 2, brand: 'Acme', category: 'Apparel' }],
    },
    traits: {
      email: ' John_Smith@gmail.com ',
      phone: '+1 (650) 555-1212',
      first_name: 'John',
      last_name: 'Smith',
      city: 'San Francisco',
      state: 'CA',
      postal_code: '94103-1234',
      country: 'US',
    },
    context: {
      click_ids: { fbclid: 'IwAR2F4-dbP0l7Mn1IawQQGCINEz7PYXQvwjNwB_qa2ofrHyiLjcbCRxTDGrc', gclid: 'Cj0KCQiA-test' },
      vendor_ids: { fbp: 'fb.1.1766000000000.1116446470', fbc: 'fb.1.1767225000123.IwAR2F4-dbP0l7Mn1IawQQGCINEz7PYXQvwjNwB_qa2ofrHyiLjcbCRxTDGrc', ga_client_id: '1234567890.1700000000' },
    },
    ...overrides,
  });
}
