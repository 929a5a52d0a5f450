/**
 * Deterministic envelopes for vendor tests: fixed ids and clock, overridable per case.
 */
import { Envelope } from '../../event/index.js';
import type { StandardEvent } from '../spec/standard.js';

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
      page: {
        url: 'https://shop.example.com/checkout/thanks',
        path: '/checkout/thanks',
        title: 'Thanks',
        referrer: 'https://shop.example.com/cart',
      },
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
      products: [
        {
          product_id: 'SKU-1',
          name: 'Tee',
          price: 29.99,
          quantity: 2,
          brand: 'Acme',
          category: 'Apparel',
        },
      ],
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
      click_ids: {
        fbclid: 'IwAR2F4-dbP0l7Mn1IawQQGCINEz7PYXQvwjNwB_qa2ofrHyiLjcbCRxTDGrc',
        gclid: 'Cj0KCQiA-test',
      },
      vendor_ids: {
        fbp: 'fb.1.1766000000000.1116446470',
        fbc: 'fb.1.1767225000123.IwAR2F4-dbP0l7Mn1IawQQGCINEz7PYXQvwjNwB_qa2ofrHyiLjcbCRxTDGrc',
        ga_client_id: '1234567890.1700000000',
      },
    },
    ...overrides,
  });
}

/**
 * One envelope per standard event (core/vendors/spec/standard.ts), each with a full identity,
 * click ids and vendor cookie ids, for the checks every declared vendor passes.
 *
 * @example standardEvent('search').properties.query // → 'linen shirt'
 */
export function standardEvent(name: StandardEvent): Envelope {
  const base = fullPurchase({ event_id: `std-${name}` });
  // Now, not FIXED_TIME: contract doubles refuse events older than the vendor's window (Snap 37 days, LinkedIn 90).
  const at = new Date().toISOString();
  const identity = {
    timestamp: at,
    received_at: at,
    traits: base.traits,
    user_id: 'user-123',
    context: {
      click_ids: {
        ...(base.context.click_ids as Record<string, unknown>),
        ttclid: 'tt-click-1',
        sccid: 'sc-click-1',
        rdt_cid: 'rdt-click-1',
        twclid: 'tw-click-1',
        msclkid: 'ms-click-1',
        li_fat_id: 'li-click-1',
        epik: 'pin-click-1',
        irclickid: 'ir-click-1',
        tduid: 'td-click-1',
      },
      vendor_ids: {
        ...(base.context.vendor_ids as Record<string, unknown>),
        ttp: 'ttp-cookie-1',
        amplitude_device_id: 'amp-device-1',
        mixpanel_distinct_id: 'mp-1',
      },
    },
  };
  const product = {
    product_id: 'SKU-1',
    name: 'Tee',
    price: 29.99,
    quantity: 2,
    brand: 'Acme',
    category: 'Apparel',
    currency: 'USD',
    value: 59.98,
  };
  switch (name) {
    case 'page_view':
      return makeEvent({
        ...identity,
        event_id: 'std-page_view',
        type: 'page',
        event: undefined,
        name: 'Checkout',
        properties: { title: 'Thanks', url: 'https://shop.example.com/checkout/thanks' },
      });
    case 'purchase':
      return fullPurchase({
        event_id: 'std-purchase',
        timestamp: at,
        received_at: at,
        context: identity.context,
      });
    case 'view_item':
      return makeEvent({
        ...identity,
        event_id: 'std-view_item',
        event: 'Product Viewed',
        properties: product,
      });
    case 'add_to_cart':
      return makeEvent({
        ...identity,
        event_id: 'std-add_to_cart',
        event: 'Product Added',
        properties: product,
      });
    case 'begin_checkout':
      return makeEvent({
        ...identity,
        event_id: 'std-begin_checkout',
        event: 'Checkout Started',
        properties: {
          order_id: 'ORD-1001',
          revenue: 59.98,
          value: 59.98,
          currency: 'USD',
          products: [product],
        },
      });
    case 'lead':
      return makeEvent({
        ...identity,
        event_id: 'std-lead',
        event: 'Generate Lead',
        properties: { value: 25, currency: 'USD', form_id: 'contact' },
      });
    case 'sign_up':
      return makeEvent({
        ...identity,
        event_id: 'std-sign_up',
        event: 'Signed Up',
        properties: { method: 'email' },
      });
    case 'search':
      return makeEvent({
        ...identity,
        event_id: 'std-search',
        event: 'Products Searched',
        properties: { query: 'linen shirt', search_term: 'linen shirt' },
      });
  }
}
