/**
 * The eight standard events every Library vendor maps by default (issue 14: page view, view item,
 * add to cart, begin checkout, purchase, lead, sign up, search), the event names that trigger each
 * (GA4-style and Segment-spec names), and the envelope sources declarations read them from.
 */
import type { MappingConfigInput, MappingRow, TransformRef } from '../../mapping/config.js';
import type { VendorField } from '../../mapping/coverage.js';

export const STANDARD_EVENTS = [
  'page_view',
  'view_item',
  'add_to_cart',
  'begin_checkout',
  'purchase',
  'lead',
  'sign_up',
  'search',
] as const;
export type StandardEvent = (typeof STANDARD_EVENTS)[number];

/** Event names each standard event answers to (`page_view` is what page calls are named). */
export const STANDARD_MATCH: Readonly<Record<StandardEvent, readonly string[]>> = {
  page_view: ['page_view'],
  view_item: ['view_item', 'Product Viewed'],
  add_to_cart: ['add_to_cart', 'Product Added'],
  begin_checkout: ['begin_checkout', 'Checkout Started'],
  purchase: ['purchase', 'Order Completed'],
  lead: ['lead', 'generate_lead', 'Generate Lead', 'Lead Submitted'],
  sign_up: ['sign_up', 'Signed Up'],
  search: ['search', 'Products Searched'],
};

/**
 * The names the first vendors ported to declarations answer to (Meta, GA4, Google Ads, BigQuery):
 * `Page Viewed`, `Checkout Completed` and `Lead Generated` besides the standard names, and a lead
 * is not `Lead Submitted`. Kept so their default mappings match the events they always matched.
 */
export const FIRST_PORTS_MATCH: Readonly<Record<StandardEvent, readonly string[]>> = {
  ...STANDARD_MATCH,
  page_view: ['page_view', 'Page Viewed'],
  purchase: ['purchase', 'Order Completed', 'Checkout Completed'],
  lead: ['lead', 'generate_lead', 'Lead Generated'],
};

/**
 * A mapping row: `target` ← `source` (a path, or paths tried in order) through `transforms`.
 *
 * @example row('custom_data.value', ['properties.value', 'properties.price'], 'to_number')
 */
export const row = (
  target: string,
  source: string | readonly string[],
  ...transforms: TransformRef[]
): MappingRow => ({
  source: typeof source === 'string' ? source : [...source],
  target,
  ...(transforms.length ? { transforms } : {}),
});

/** Where the first ports read a standard event's value (`properties.…`, tried in order; other events: `value`). */
const FIRST_PORTS_VALUE: Partial<Record<StandardEvent, readonly string[]>> = {
  view_item: ['value', 'price'],
  add_to_cart: ['value', 'price'],
  purchase: ['revenue', 'value', 'total'],
  begin_checkout: ['revenue', 'value'],
  lead: ['value'],
};

/**
 * The first ports' value row of a standard event (a number at `target`).
 *
 * @example firstPortsValue('lead', 'value') // → { source: 'properties.value', target: 'value', transforms: ['to_number'] }
 */
export function firstPortsValue(e: StandardEvent, target: string): MappingRow {
  const source = (FIRST_PORTS_VALUE[e] ?? ['value']).map((k) => `properties.${k}`);
  return { source: source.length > 1 ? source : source[0]!, target, transforms: ['to_number'] };
}

/**
 * The currency row (upper case) at `target`; `fallback` when an event carries none.
 *
 * @example currencyRow('currency', 'USD').transforms // → ['trim', 'uppercase', { name: 'default', value: 'USD' }]
 */
export const currencyRow = (target: string, fallback?: string): MappingRow => ({
  source: 'properties.currency',
  target,
  transforms: fallback
    ? ['trim', 'uppercase', { name: 'default', value: fallback }]
    : ['trim', 'uppercase'],
});

/** Envelope sources, tried in order, for the values most vendors want. */
export const SOURCES = {
  value: ['properties.revenue', 'properties.value', 'properties.total', 'properties.price'],
  currency: ['properties.currency'],
  order_id: ['properties.order_id', 'properties.transaction_id'],
  product_id: ['properties.product_id', 'properties.sku'],
  query: ['properties.query', 'properties.search_term'],
  email: ['traits.email', 'context.traits.email'],
  phone: ['traits.phone', 'context.traits.phone'],
  user_id: ['user_id'],
  anonymous_id: ['anonymous_id'],
} as const satisfies Record<string, readonly string[]>;

/**
 * Rows for a value and a currency at the given targets (number and upper-case ISO 4217); `asText`
 * sends the value as a decimal string (Pinterest, LinkedIn), `currency` replaces the currency's
 * transforms.
 */
export function valueRows(
  valueTarget: string,
  currencyTarget: string,
  opts: { asText?: boolean; currency?: MappingRow['transforms'] } = {},
): MappingRow[] {
  return [
    {
      source: [...SOURCES.value],
      target: valueTarget,
      transforms: opts.asText ? ['to_number', 'to_string'] : ['to_number'],
    },
    {
      source: [...SOURCES.currency],
      target: currencyTarget,
      transforms: opts.currency ?? ['trim', 'uppercase'],
    },
  ];
}

/**
 * Default event entries for the standard events a vendor takes, in `names`' order: `names` gives
 * the vendor's event name for each (omitted ones are not mapped), `rows` the per-event mapping rows.
 *
 * @example standardEvents({ purchase: 'Purchase', page_view: 'PageView' }, (e) => (e === 'purchase' ? valueRows('value', 'currency') : []))
 */
export function standardEvents(
  names: Partial<Record<StandardEvent, string>>,
  rows: (event: StandardEvent) => MappingRow[] = () => [],
  match: Readonly<Record<StandardEvent, readonly string[]>> = STANDARD_MATCH,
): NonNullable<MappingConfigInput['events']> {
  const out: NonNullable<MappingConfigInput['events']> = {};
  // In the order `names` gives them (the order the mapping UI and coverage list them).
  for (const e of Object.keys(names) as StandardEvent[]) {
    const name = names[e];
    if (name === undefined || !Object.hasOwn(match, e)) continue;
    out[e] = { match: [...match[e]], vendor_event: name, mappings: rows(e) };
  }
  return out;
}

/**
 * The standard events under the pixel names Meta introduced and TikTok's Events API 2.0 reuses (in
 * the order both vendors list them; TikTok calls a page view `ViewContent`).
 */
export const PIXEL_EVENT_NAMES: Readonly<Record<StandardEvent, string>> = {
  page_view: 'PageView',
  add_to_cart: 'AddToCart',
  purchase: 'Purchase',
  lead: 'Lead',
  view_item: 'ViewContent',
  begin_checkout: 'InitiateCheckout',
  sign_up: 'CompleteRegistration',
  search: 'Search',
};

/** The standard events under their own names (`purchase` → `purchase`). */
export const CANONICAL_NAMES: Readonly<Record<StandardEvent, string>> = Object.fromEntries(
  STANDARD_EVENTS.map((e) => [e, e]),
) as Record<StandardEvent, string>;

/** Segment-spec names of the standard events (docs/segment-compat.md). */
const SPEC_WORDS: Readonly<Record<StandardEvent, readonly [string, string]>> = {
  page_view: ['Page', 'Viewed'],
  view_item: ['Product', 'Viewed'],
  add_to_cart: ['Product', 'Added'],
  begin_checkout: ['Checkout', 'Started'],
  purchase: ['Order', 'Completed'],
  lead: ['Lead', 'Generated'],
  sign_up: ['Signed', 'Up'],
  search: ['Products', 'Searched'],
};

/**
 * The Segment-spec names of the standard events in a vendor's case style.
 *
 * @example specEventNames().purchase // → 'Order Completed'
 * @example specEventNames('kebab').purchase // → 'order-completed'
 */
export function specEventNames(
  style: 'title' | 'snake' | 'kebab' | 'camel' = 'title',
): Record<StandardEvent, string> {
  const out = {} as Record<StandardEvent, string>;
  for (const e of STANDARD_EVENTS) {
    const [a, b] = SPEC_WORDS[e];
    out[e] =
      style === 'title'
        ? `${a} ${b}`
        : style === 'camel'
          ? `${a.toLowerCase()}${b}`
          : `${a}${style === 'snake' ? '_' : '-'}${b}`.toLowerCase();
  }
  return out;
}

/** What a field-table row's middle column says: `required`, `auto`, both, or `for E1 E2` (required only for those vendor events). */
type FieldFlags = '' | 'required' | 'auto' | 'required auto' | `for ${string}`;

/**
 * A vendor's fields from a table of `[path, flags, description]` rows (`auto`: filled by the
 * spec itself, so always covered).
 *
 * @example fieldTable([['custom_data.value', 'for Purchase', 'Monetary value.']])[0].requiredFor // → ['Purchase']
 */
export function fieldTable(
  rows: readonly (readonly [path: string, flags: FieldFlags, description: string])[],
): VendorField[] {
  return rows.map(([path, flags, description]) => ({
    path,
    required: flags.startsWith('required'),
    ...(flags.startsWith('for ') ? { requiredFor: flags.slice(4).split(' ') } : {}),
    ...(flags.endsWith('auto') ? { auto: true } : {}),
    description,
  }));
}

/** The product facts a vendor's item may carry. */
type ProductKey = 'id' | 'name' | 'category' | 'brand' | 'price' | 'quantity';

/** Where an ad vendor puts the commerce facts of the standard events (`commerceRows`). */
export interface CommerceTargets {
  /** The value and currency rows (`valueRows`) of a cart, purchase, lead, product view or checkout. */
  value: MappingRow[];
  /** Product list: its target and the vendor's name for each product fact it takes. */
  products?: {
    target: string;
    keys: Partial<Record<ProductKey, string>>;
    /** Sources of an ordered product's id (default product_id, then sku). */
    id?: readonly string[];
    /** Prices as decimal strings. */
    priceAsText?: boolean;
  };
  /** Product ids as a list: the added product's and the ordered products'. */
  contentIds?: string;
  /** The added product's quantity as the item count, instead of a one-product list. */
  cartCount?: string;
  /** A constant `product` content type on carts and purchases. */
  contentType?: string;
  orderId?: string;
  search?: string;
  pageTitle?: string;
}

/**
 * Each standard event's rows for an ad vendor, from where it puts the commerce facts: a cart holds
 * the added product (its id, name, price, quantity as the list's first item), a purchase its order
 * id and products, a lead, product view or checkout their value.
 *
 * @example commerceRows({ value: valueRows('value', 'currency'), orderId: 'order_id' })('purchase')
 */
export function commerceRows(t: CommerceTargets): (e: StandardEvent) => MappingRow[] {
  const p = t.products;
  const price: NonNullable<MappingRow['transforms']> = p?.priceAsText
    ? ['to_number', 'to_string']
    : ['to_number'];
  const product = (key: ProductKey, prefix: string, id: readonly string[]): MappingRow => ({
    source: key === 'id' ? [...id] : `${prefix}${key}`,
    target: p!.keys[key]!,
    ...(key === 'id' ? { transforms: ['to_string'] } : {}),
    ...(key === 'price' ? { transforms: price } : {}),
    ...(key === 'quantity' ? { transforms: ['to_number'] } : {}),
  });
  const keys = (only?: readonly ProductKey[]): ProductKey[] =>
    (Object.keys(p?.keys ?? {}) as ProductKey[]).filter((k) => !only || only.includes(k));
  const type: MappingRow[] = t.contentType ? [{ value: 'product', target: t.contentType }] : [];
  const ids = (source: string[], transforms: string[]): MappingRow[] =>
    t.contentIds ? [{ source, target: t.contentIds, transforms }] : [];
  const cart = (): MappingRow[] => [
    ...t.value,
    ...type,
    ...ids([...SOURCES.product_id], ['to_string', 'to_array']),
    ...(t.cartCount
      ? [{ source: 'properties.quantity', target: t.cartCount, transforms: ['to_number'] }]
      : p
        ? keys(['id', 'name', 'price', 'quantity']).map((k) => ({
            ...product(k, 'properties.', SOURCES.product_id),
            target: `${p.target}[0].${p.keys[k]!}`,
          }))
        : []),
  ];
  const purchase = (): MappingRow[] => [
    ...t.value,
    ...type,
    ...(t.orderId
      ? [{ source: 'properties.order_id', target: t.orderId, transforms: ['to_string'] }]
      : []),
    ...ids(['properties.products[].product_id', 'properties.products[].sku'], ['to_string']),
    ...(p
      ? [
          {
            source: 'properties.products',
            target: p.target,
            items: keys().map((k) => product(k, '', p.id ?? ['product_id', 'sku'])),
          },
        ]
      : []),
  ];
  return (e) => {
    switch (e) {
      case 'add_to_cart':
        return cart();
      case 'purchase':
        return purchase();
      case 'lead':
      case 'view_item':
      case 'begin_checkout':
        return t.value;
      case 'search':
        return t.search ? [{ source: [...SOURCES.query], target: t.search }] : [];
      case 'page_view':
        return t.pageTitle ? [{ source: 'context.page.title', target: t.pageTitle }] : [];
      default:
        return [];
    }
  };
}
