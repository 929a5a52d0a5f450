/**
 * Meta's Blueprints (core/catalog/blueprints/blueprint.ts): `custom_data` fields of the standard events.
 */
import type { MappingRow } from '../../mapping/config.js';
import { currency, num, str, type Blueprint } from '../../catalog/blueprints/blueprint.js';

const metaValue: MappingRow[] = [
  {
    source: ['properties.revenue', 'properties.value', 'properties.total', 'properties.price'],
    target: 'custom_data.value',
    transforms: num,
  },
  currency('custom_data.currency'),
];
const metaContents: MappingRow = {
  source: 'properties.products',
  target: 'custom_data.contents',
  items: [
    { source: ['product_id', 'sku'], target: 'id', transforms: str },
    { source: 'quantity', target: 'quantity', transforms: num },
    { source: 'price', target: 'item_price', transforms: num },
  ],
};
const metaProduct: MappingRow[] = [
  {
    source: ['properties.product_id', 'properties.sku'],
    target: 'custom_data.content_ids',
    transforms: ['to_string', 'to_array'],
  },
  { source: 'properties.name', target: 'custom_data.content_name' },
  { source: 'properties.category', target: 'custom_data.content_category' },
  { value: 'product', target: 'custom_data.content_type' },
];
const metaCart: MappingRow[] = [
  {
    source: 'properties.products[].product_id',
    target: 'custom_data.content_ids',
    transforms: str,
  },
  metaContents,
  { value: 'product', target: 'custom_data.content_type' },
];

export const META_BLUEPRINTS: Blueprint[] = [
  {
    id: 'meta_retail',
    name: 'Retail: product, cart and order events',
    vertical: 'retail',
    description:
      'Product views, search, add to cart, checkout and purchase with content ids, contents (id, quantity, price), value and currency.',
    config: {
      events: {
        page_view: { match: ['page_view', 'Page Viewed'], vendor_event: 'PageView', mappings: [] },
        view_item: {
          match: ['view_item', 'Product Viewed'],
          vendor_event: 'ViewContent',
          mappings: [...metaValue, ...metaProduct],
        },
        search: {
          match: ['search', 'Products Searched'],
          vendor_event: 'Search',
          mappings: [
            {
              source: ['properties.query', 'properties.search_term'],
              target: 'custom_data.search_string',
            },
          ],
        },
        add_to_cart: {
          match: ['add_to_cart', 'Product Added'],
          vendor_event: 'AddToCart',
          mappings: [...metaValue, ...metaProduct],
        },
        begin_checkout: {
          match: ['begin_checkout', 'Checkout Started'],
          vendor_event: 'InitiateCheckout',
          mappings: [...metaValue, ...metaCart],
        },
        purchase: {
          match: ['purchase', 'Order Completed', 'Checkout Completed'],
          vendor_event: 'Purchase',
          mappings: [
            ...metaValue,
            {
              source: ['properties.order_id', 'properties.transaction_id'],
              target: 'custom_data.order_id',
              transforms: str,
            },
            ...metaCart,
          ],
        },
      },
      defaults: { action: 'drop' },
    },
  },
  {
    id: 'meta_travel',
    name: 'Travel: search, view and booking',
    vertical: 'travel',
    description:
      'Hotel and trip searches, views and bookings with destination, check-in and check-out dates and travellers, for travel catalogues.',
    config: {
      events: {
        page_view: { match: ['page_view', 'Page Viewed'], vendor_event: 'PageView', mappings: [] },
        search: {
          match: ['search', 'Products Searched', 'Hotel Searched', 'Trip Searched'],
          vendor_event: 'Search',
          mappings: [
            {
              source: ['properties.destination', 'properties.query'],
              target: 'custom_data.search_string',
            },
            { source: 'properties.destination', target: 'custom_data.city' },
            { source: 'properties.checkin_date', target: 'custom_data.checkin_date' },
            { source: 'properties.checkout_date', target: 'custom_data.checkout_date' },
            { source: 'properties.adults', target: 'custom_data.num_adults', transforms: num },
            { source: 'properties.children', target: 'custom_data.num_children', transforms: num },
            { value: 'hotel', target: 'custom_data.content_type' },
          ],
        },
        view_item: {
          match: ['view_item', 'Product Viewed', 'Hotel Viewed'],
          vendor_event: 'ViewContent',
          mappings: [
            {
              source: ['properties.hotel_id', 'properties.product_id'],
              target: 'custom_data.content_ids',
              transforms: ['to_string', 'to_array'],
            },
            { source: 'properties.checkin_date', target: 'custom_data.checkin_date' },
            { source: 'properties.checkout_date', target: 'custom_data.checkout_date' },
            { source: 'properties.adults', target: 'custom_data.num_adults', transforms: num },
            { value: 'hotel', target: 'custom_data.content_type' },
          ],
        },
        purchase: {
          match: ['purchase', 'Order Completed', 'Booking Completed'],
          vendor_event: 'Purchase',
          mappings: [
            ...metaValue,
            {
              source: ['properties.booking_id', 'properties.order_id'],
              target: 'custom_data.order_id',
              transforms: str,
            },
            {
              source: ['properties.hotel_id', 'properties.product_id'],
              target: 'custom_data.content_ids',
              transforms: ['to_string', 'to_array'],
            },
            { source: 'properties.checkin_date', target: 'custom_data.checkin_date' },
            { source: 'properties.checkout_date', target: 'custom_data.checkout_date' },
            { source: 'properties.adults', target: 'custom_data.num_adults', transforms: num },
            { source: 'properties.children', target: 'custom_data.num_children', transforms: num },
            { value: 'hotel', target: 'custom_data.content_type' },
          ],
        },
      },
      defaults: { action: 'drop' },
    },
  },
  {
    id: 'meta_media',
    name: 'Media: content, sign-up and subscription',
    vertical: 'media',
    description:
      'Article and video views as ViewContent, registrations, and subscriptions with their value.',
    config: {
      events: {
        page_view: { match: ['page_view', 'Page Viewed'], vendor_event: 'PageView', mappings: [] },
        content_view: {
          match: ['content_view', 'Content Viewed', 'Video Content Playing', 'Article Viewed'],
          vendor_event: 'ViewContent',
          mappings: [
            {
              source: ['properties.content_id', 'properties.asset_id'],
              target: 'custom_data.content_ids',
              transforms: ['to_string', 'to_array'],
            },
            { source: ['properties.title', 'properties.name'], target: 'custom_data.content_name' },
            {
              source: ['properties.category', 'properties.genre'],
              target: 'custom_data.content_category',
            },
          ],
        },
        sign_up: {
          match: ['sign_up', 'Signed Up'],
          vendor_event: 'CompleteRegistration',
          mappings: [{ source: 'properties.method', target: 'custom_data.status' }],
        },
        subscribe: {
          match: ['subscribe', 'Subscription Started', 'Order Completed'],
          vendor_event: 'Subscribe',
          mappings: [
            ...metaValue,
            {
              source: ['properties.plan', 'properties.plan_id'],
              target: 'custom_data.content_name',
            },
            {
              source: 'properties.predicted_ltv',
              target: 'custom_data.predicted_ltv',
              transforms: num,
            },
          ],
        },
      },
      defaults: { action: 'drop' },
    },
  },
];
