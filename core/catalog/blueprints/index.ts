/**
 * Blueprints (docs/admin-api.md "Catalog extras"): ready V2 mapping configs per vendor and vertical, picked at
 * install and editable afterwards. Each one is data: its `config` holds the `events` (and
 * `defaults`) categories and is merged into the install config; categories it leaves out
 * (`global`: identity, consent, click ids) keep the vendor's default mapping
 * (core/mapping/vendor.ts `resolveMappingConfig`). Source paths are the canonical event's
 * (Segment-style event names and snake_case both match); vendor fields are the vendors' own,
 * as in their digests under shared/vendors.
 */
import type { MappingConfigInput, MappingRow } from '../../mapping/config.js';
import { DECLARATIONS } from '../../vendors/registry.js';
import { derivedBlueprints } from './derived.js';

export type BlueprintVertical = 'retail' | 'travel' | 'media';

export interface Blueprint {
  /** Unique per vendor. */
  id: string;
  name: string;
  vertical: BlueprintVertical;
  description: string;
  config: Pick<MappingConfigInput, 'events' | 'defaults'>;
}

const num = ['to_number'];
const str = ['to_string'];
const currency = (target: string): MappingRow => ({
  source: 'properties.currency',
  target,
  transforms: ['trim', 'uppercase', { name: 'default', value: 'USD' }],
});

// Meta Conversions API: custom_data fields of the standard events.
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

const META: Blueprint[] = [
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

// GA4 Measurement Protocol: recommended ecommerce events with `items`.
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

const GA4: Blueprint[] = [
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

// TikTok Events API 2.0: standard events with `properties.contents` (TikTok has no standard page
// view event, so page views are not sent).
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

const TIKTOK: Blueprint[] = [
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

/** Hand-written Blueprints per catalog vendor. */
const HAND_WRITTEN: Readonly<Record<string, readonly Blueprint[]>> = {
  meta_capi: META,
  ga4: GA4,
  tiktok: TIKTOK,
};

/** Blueprints per catalog vendor: hand-written where they exist, else derived from the declaration's default mapping. */
export const BLUEPRINTS: Readonly<Record<string, readonly Blueprint[]>> = {
  ...Object.fromEntries(
    DECLARATIONS.map((d) => [d.id, derivedBlueprints(d)]).filter(([, b]) => b!.length > 0),
  ),
  ...HAND_WRITTEN,
};

/** @example blueprintsFor('meta_capi').map((b) => b.id) // → ['meta_retail', 'meta_travel', 'meta_media'] */
export const blueprintsFor = (vendor: string): readonly Blueprint[] =>
  Object.hasOwn(BLUEPRINTS, vendor) ? BLUEPRINTS[vendor]! : [];
