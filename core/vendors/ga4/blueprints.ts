/**
 * GA4's Blueprints (core/catalog/blueprints/blueprint.ts): recommended ecommerce events with `items`.
 */
import type { MappingRow } from '../../mapping/config.js';
import { currency, num, str, type Blueprint } from '../../catalog/blueprints/blueprint.js';

const gaItem = (prefix = ''): MappingRow[] => [
  { source: [`${prefix}product_id`, `${prefix}sku`], target: 'item_id', transforms: str },
  { source: `${prefix}name`, target: 'item_name' },
  { source: `${prefix}brand`, target: 'item_brand' },
  { source: `${prefix}category`, target: 'item_category' },
  { source: `${prefix}variant`, target: 'item_variant' },
  { source: `${prefix}coupon`, target: 'coupon' },
  { source: `${prefix}price`, target: 'price', transforms: num },
  { source: `${prefix}quantity`, target: 'quantity', transforms: num },
];
const gaValue: MappingRow[] = [
  {
    source: ['properties.revenue', 'properties.value', 'properties.total', 'properties.price'],
    target: 'params.value',
    transforms: num,
  },
  currency('params.currency'),
];
const gaOne = {
  source: 'properties',
  target: 'params.items',
  items: gaItem(),
} satisfies MappingRow;
const gaMany = {
  source: 'properties.products',
  target: 'params.items',
  items: gaItem(),
} satisfies MappingRow;

export const GA4_BLUEPRINTS: Blueprint[] = [
  {
    id: 'ga4_ecommerce',
    name: 'Retail: GA4 ecommerce',
    vertical: 'retail',
    description:
      'The recommended ecommerce events (view_item, view_item_list, add_to_cart, ' +
      'remove_from_cart, begin_checkout, purchase, refund, search) with items, value and currency.',
    config: {
      events: {
        page_view: {
          match: ['page_view', 'Page Viewed'],
          vendor_event: 'page_view',
          mappings: [
            { source: 'context.page.title', target: 'params.page_title' },
            { source: 'context.page.referrer', target: 'params.page_referrer' },
          ],
        },
        search: {
          match: ['search', 'Products Searched'],
          vendor_event: 'search',
          mappings: [
            {
              source: ['properties.query', 'properties.search_term'],
              target: 'params.search_term',
            },
          ],
        },
        view_item_list: {
          match: ['view_item_list', 'Product List Viewed'],
          vendor_event: 'view_item_list',
          mappings: [
            { source: 'properties.list_id', target: 'params.item_list_id' },
            {
              source: ['properties.list_name', 'properties.category'],
              target: 'params.item_list_name',
            },
            gaMany,
          ],
        },
        view_item: {
          match: ['view_item', 'Product Viewed'],
          vendor_event: 'view_item',
          mappings: [...gaValue, gaOne],
        },
        add_to_cart: {
          match: ['add_to_cart', 'Product Added'],
          vendor_event: 'add_to_cart',
          mappings: [...gaValue, gaOne],
        },
        remove_from_cart: {
          match: ['remove_from_cart', 'Product Removed'],
          vendor_event: 'remove_from_cart',
          mappings: [...gaValue, gaOne],
        },
        begin_checkout: {
          match: ['begin_checkout', 'Checkout Started'],
          vendor_event: 'begin_checkout',
          mappings: [...gaValue, { source: 'properties.coupon', target: 'params.coupon' }, gaMany],
        },
        purchase: {
          match: ['purchase', 'Order Completed', 'Checkout Completed'],
          vendor_event: 'purchase',
          mappings: [
            {
              source: ['properties.order_id', 'properties.transaction_id'],
              target: 'params.transaction_id',
              transforms: str,
            },
            ...gaValue,
            { source: 'properties.tax', target: 'params.tax', transforms: num },
            { source: 'properties.shipping', target: 'params.shipping', transforms: num },
            { source: 'properties.coupon', target: 'params.coupon' },
            gaMany,
          ],
        },
        refund: {
          match: ['refund', 'Order Refunded'],
          vendor_event: 'refund',
          mappings: [
            {
              source: ['properties.order_id', 'properties.transaction_id'],
              target: 'params.transaction_id',
              transforms: str,
            },
            ...gaValue,
            gaMany,
          ],
        },
      },
      defaults: { action: 'pass_through' },
    },
  },
  {
    id: 'ga4_media',
    name: 'Media: content and subscriptions',
    vertical: 'media',
    description:
      'Content views as select_content, sign-ups, and subscriptions as purchases of the plan.',
    config: {
      events: {
        page_view: {
          match: ['page_view', 'Page Viewed'],
          vendor_event: 'page_view',
          mappings: [{ source: 'context.page.title', target: 'params.page_title' }],
        },
        content_view: {
          match: ['content_view', 'Content Viewed', 'Article Viewed', 'Video Content Playing'],
          vendor_event: 'select_content',
          mappings: [
            {
              source: ['properties.content_type', 'properties.type'],
              target: 'params.content_type',
              transforms: [{ name: 'default', value: 'article' }],
            },
            {
              source: ['properties.content_id', 'properties.asset_id'],
              target: 'params.content_id',
              transforms: str,
            },
          ],
        },
        sign_up: {
          match: ['sign_up', 'Signed Up'],
          vendor_event: 'sign_up',
          mappings: [{ source: 'properties.method', target: 'params.method' }],
        },
        subscribe: {
          match: ['subscribe', 'Subscription Started'],
          vendor_event: 'purchase',
          mappings: [
            {
              source: ['properties.subscription_id', 'properties.order_id'],
              target: 'params.transaction_id',
              transforms: str,
            },
            ...gaValue,
            {
              source: 'properties',
              target: 'params.items',
              items: [
                { source: ['plan_id', 'plan'], target: 'item_id', transforms: str },
                { source: 'plan', target: 'item_name' },
                { value: 'subscription', target: 'item_category' },
              ],
            },
          ],
        },
      },
      defaults: { action: 'pass_through' },
    },
  },
];
