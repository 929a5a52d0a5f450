/** Sample events for the mapping preview, shaped like Datafly.js sends them. */
const context = {
  page: {
    url: 'https://shop.example.com/checkout?utm_source=newsletter',
    path: '/checkout',
    title: 'Checkout',
    referrer: 'https://shop.example.com/cart',
  },
  user_agent:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  ip: '203.0.113.7',
  consent: { analytics: true, marketing: true, advertising: true },
  vendor_ids: { fbp: 'fb.1.1700000000000.123456789' },
};
const traits = {
  email: 'Jane.Doe@Example.com',
  phone: '+44 20 7946 0958',
  first_name: 'Jane',
  last_name: 'Doe',
  city: 'London',
  country: 'GB',
};

export const SAMPLE_EVENTS = {
  purchase: {
    type: 'track',
    event: 'Order Completed',
    event_id: 'preview-purchase-1',
    user_id: 'user-42',
    properties: {
      order_id: 'ORD-1001',
      revenue: 37.5,
      currency: 'eur',
      products: [
        { product_id: 'SKU-TEE', quantity: 1, price: 25 },
        { product_id: 'SKU-MUG', quantity: 1, price: 12.5 },
      ],
    },
    traits,
    context,
  },
  add_to_cart: {
    type: 'track',
    event: 'Product Added',
    event_id: 'preview-cart-1',
    properties: { product_id: 'SKU-TEE', price: 25, currency: 'EUR', quantity: 1 },
    traits,
    context,
  },
  page_view: {
    type: 'page',
    event: 'page_view',
    event_id: 'preview-page-1',
    properties: {},
    traits: {},
    context,
  },
} as const;
