/**
 * Blueprints for every declared vendor that has no hand-written ones, derived from its own default
 * mapping: each vertical's events (travel: hotel and trip searches, views and bookings; media:
 * content views, subscriptions; retail: the product, cart and order events) are matched to the
 * vendor's standard event entries, and enrichments copy the vertical's fields into the canonical
 * properties those entries read (`booking_id` → `order_id`, `destination` → `query`, …), so the
 * vendor's own rows (value, currency, order id, product ids) apply unchanged.
 */
import type { EventMapping, MappingConfigInput } from '../../mapping/config.js';
import type { Enrichment } from '../../mapping/config.js';
import type { VendorDeclaration } from '../../vendors/spec/declaration.js';
import { STANDARD_MATCH, type StandardEvent } from '../../vendors/spec/standard.js';
import type { Blueprint, BlueprintVertical } from './blueprint.js';

type EventEntry = Partial<EventMapping> & { vendor_event: string };

interface VerticalEvent {
  /** The vendor's standard entry this vertical event takes. */
  standard: StandardEvent;
  key: string;
  match: string[];
  /** Canonical property ← vertical property (only when the canonical one is missing). */
  copy: Record<string, string>;
}

const VERTICALS: Record<
  BlueprintVertical,
  { name: string; description: string; events: VerticalEvent[] }
> = {
  retail: {
    name: 'Retail: product, cart and order events',
    description:
      'Product views, search, add to cart, checkout and purchase with product ids, value, currency and order id.',
    events: [
      { standard: 'page_view', key: 'page_view', match: [...STANDARD_MATCH.page_view], copy: {} },
      {
        standard: 'view_item',
        key: 'view_item',
        match: [...STANDARD_MATCH.view_item, 'Product Clicked'],
        copy: {},
      },
      { standard: 'search', key: 'search', match: [...STANDARD_MATCH.search], copy: {} },
      {
        standard: 'add_to_cart',
        key: 'add_to_cart',
        match: [...STANDARD_MATCH.add_to_cart],
        copy: {},
      },
      {
        standard: 'begin_checkout',
        key: 'begin_checkout',
        match: [...STANDARD_MATCH.begin_checkout],
        copy: {},
      },
      {
        standard: 'purchase',
        key: 'purchase',
        match: [...STANDARD_MATCH.purchase, 'Checkout Completed'],
        copy: {},
      },
    ],
  },
  travel: {
    name: 'Travel: search, view and booking',
    description:
      'Hotel, flight and trip searches, views and bookings: the destination as the search, the hotel or trip as the product, the booking as the order.',
    events: [
      {
        standard: 'search',
        key: 'travel_search',
        match: ['Hotel Searched', 'Flight Searched', 'Trip Searched', ...STANDARD_MATCH.search],
        copy: { 'properties.query': 'properties.destination' },
      },
      {
        standard: 'view_item',
        key: 'travel_view',
        match: ['Hotel Viewed', 'Flight Viewed', 'Trip Viewed', ...STANDARD_MATCH.view_item],
        copy: {
          'properties.product_id': 'properties.hotel_id',
          'properties.name': 'properties.hotel_name',
        },
      },
      {
        standard: 'begin_checkout',
        key: 'travel_checkout',
        match: ['Booking Started', ...STANDARD_MATCH.begin_checkout],
        copy: { 'properties.product_id': 'properties.hotel_id' },
      },
      {
        standard: 'purchase',
        key: 'travel_booking',
        match: ['Booking Completed', 'Flight Booked', 'Hotel Booked', ...STANDARD_MATCH.purchase],
        copy: {
          'properties.order_id': 'properties.booking_id',
          'properties.product_id': 'properties.hotel_id',
          'properties.quantity': 'properties.adults',
          'properties.products[0].product_id': 'properties.hotel_id',
          'properties.products[0].name': 'properties.hotel_name',
          'properties.products[0].price': 'properties.value',
          'properties.products[0].quantity': 'properties.nights',
        },
      },
    ],
  },
  media: {
    name: 'Media: content, sign-up and subscription',
    description:
      'Article and video views as content views, registrations, and subscriptions as orders with their value.',
    events: [
      { standard: 'page_view', key: 'page_view', match: [...STANDARD_MATCH.page_view], copy: {} },
      {
        standard: 'view_item',
        key: 'content_view',
        match: ['Content Viewed', 'Article Viewed', 'Video Content Started', 'Video Played'],
        copy: {
          'properties.product_id': 'properties.content_id',
          'properties.name': 'properties.title',
        },
      },
      {
        standard: 'sign_up',
        key: 'sign_up',
        match: [...STANDARD_MATCH.sign_up, 'Registration Completed'],
        copy: {},
      },
      {
        standard: 'purchase',
        key: 'subscribe',
        match: ['Subscription Started', 'Subscribed', 'Trial Converted'],
        copy: {
          'properties.order_id': 'properties.subscription_id',
          'properties.product_id': 'properties.plan',
          'properties.products[0].product_id': 'properties.plan',
          'properties.products[0].price': 'properties.value',
        },
      },
    ],
  },
};

/**
 * The derived Blueprints of a declaration (none when it maps no standard event a vertical needs).
 *
 * @example derivedBlueprints(amplitude.declaration).map((b) => b.id) // → ['amplitude_retail', 'amplitude_travel', 'amplitude_media']
 */
export function derivedBlueprints(decl: VendorDeclaration): Blueprint[] {
  const own = (decl.mapping?.defaults.events ?? {}) as Record<string, EventEntry>;
  const out: Blueprint[] = [];
  for (const [vertical, v] of Object.entries(VERTICALS) as [
    BlueprintVertical,
    (typeof VERTICALS)[BlueprintVertical],
  ][]) {
    const events: NonNullable<MappingConfigInput['events']> = {};
    for (const e of v.events) {
      const base = own[e.standard];
      if (!base) continue;
      const enrichments: Enrichment[] = Object.entries(e.copy).map(([target, source]) => ({
        target,
        source,
      }));
      events[e.key] = {
        ...base,
        match: [...new Set(e.match)],
        enrichments: [...(base.enrichments ?? []), ...enrichments],
      };
    }
    // A vertical is offered when the vendor takes its conversion (the booking, the subscription, the order).
    if (!v.events.some((e) => e.standard === 'purchase' && own.purchase)) continue;
    out.push({
      id: `${decl.id}_${vertical}`,
      name: v.name,
      vertical,
      description: v.description,
      config: {
        events,
        ...(decl.mapping?.defaults.defaults ? { defaults: decl.mapping.defaults.defaults } : {}),
      },
    });
  }
  return out;
}
