/**
 * TikTok's Blueprints (core/catalog/blueprints/blueprint.ts): standard events with
 * `properties.contents` (TikTok has no standard page view event, so page views are not sent).
 */
import type { MappingRow } from '../../mapping/config.js';
import { currency, num, str, type Blueprint } from '../../catalog/blueprints/blueprint.js';

const ttValue: MappingRow[] = [
  {
    source: ['properties.revenue', 'properties.value', 'properties.total', 'properties.price'],
    target: 'properties.value',
    transforms: num,
  },
  currency('properties.currency'),
];
const ttItems: MappingRow[] = [
  { source: ['product_id', 'sku', 'id'], target: 'content_id', transforms: str },
  { source: 'name', target: 'content_name' },
  { source: 'category', target: 'content_category' },
  { source: 'brand', target: 'brand' },
  { source: 'price', target: 'price', transforms: num },
  { source: 'quantity', target: 'quantity', transforms: num },
];
const ttOne: MappingRow[] = [
  { value: 'product', target: 'properties.content_type' },
  {
    source: ['properties.product_id', 'properties.sku'],
    target: 'properties.contents[0].content_id',
    transforms: str,
  },
  { source: 'properties.name', target: 'properties.contents[0].content_name' },
  { source: 'properties.price', target: 'properties.contents[0].price', transforms: num },
  { source: 'properties.quantity', target: 'properties.contents[0].quantity', transforms: num },
];
const ttMany: MappingRow[] = [
  { value: 'product', target: 'properties.content_type' },
  { source: 'properties.products', target: 'properties.contents', items: ttItems },
];

export const TIKTOK_BLUEPRINTS: Blueprint[] = [
  {
    id: 'tiktok_retail',
    name: 'Retail: shop events',
    vertical: 'retail',
    description:
      'ViewContent, Search, AddToCart, InitiateCheckout and Purchase with contents, value, currency and order id.',
    config: {
      events: {
        view_item: {
          match: ['view_item', 'Product Viewed'],
          vendor_event: 'ViewContent',
          mappings: [...ttValue, ...ttOne],
        },
        search: {
          match: ['search', 'Products Searched'],
          vendor_event: 'Search',
          mappings: [
            { source: ['properties.query', 'properties.search_term'], target: 'properties.query' },
          ],
        },
        add_to_cart: {
          match: ['add_to_cart', 'Product Added'],
          vendor_event: 'AddToCart',
          mappings: [...ttValue, ...ttOne],
        },
        begin_checkout: {
          match: ['begin_checkout', 'Checkout Started'],
          vendor_event: 'InitiateCheckout',
          mappings: [...ttValue, ...ttMany],
        },
        purchase: {
          match: ['purchase', 'Order Completed', 'Checkout Completed'],
          vendor_event: 'Purchase',
          mappings: [
            ...ttValue,
            {
              source: ['properties.order_id', 'properties.transaction_id'],
              target: 'properties.order_id',
              transforms: str,
            },
            ...ttMany,
          ],
        },
      },
      defaults: { action: 'drop' },
    },
  },
];
