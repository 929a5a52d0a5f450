/**
 * BigQuery's side of the V2 mapping: the target is a table row, so "fields" are columns. The
 * default mapping writes the envelope's core columns for every event (pass-through: every
 * event is stored under its own name) plus typed commerce columns for the four default events.
 */
import type { MappingRow, VendorField, VendorMapping } from '../../mapping/index.js';

/** Column → BigQuery type of the default table (docs and the double use it). */
export const BIGQUERY_DEFAULT_SCHEMA: Readonly<Record<string, 'STRING' | 'TIMESTAMP' | 'FLOAT' | 'JSON'>> = {
  event_id: 'STRING',
  event_name: 'STRING',
  type: 'STRING',
  anonymous_id: 'STRING',
  user_id: 'STRING',
  timestamp: 'TIMESTAMP',
  received_at: 'TIMESTAMP',
  pipeline_id: 'STRING',
  page_url: 'STRING',
  page_title: 'STRING',
  properties: 'JSON',
  traits: 'JSON',
  context: 'JSON',
  order_id: 'STRING',
  product_id: 'STRING',
  revenue: 'FLOAT',
  value: 'FLOAT',
  currency: 'STRING',
};

export const BIGQUERY_FIELDS: readonly VendorField[] = Object.keys(BIGQUERY_DEFAULT_SCHEMA).map((c) => ({
  path: c,
  required: c === 'event_id' || c === 'timestamp',
  ...(c === 'event_name' ? { auto: true } : {}),
  description: `${BIGQUERY_DEFAULT_SCHEMA[c]} column`,
}));

export const BIGQUERY_GLOBAL: MappingRow[] = [
  { source: 'event_id', target: 'event_id' },
  { source: 'type', target: 'type' },
  { source: 'anonymous_id', target: 'anonymous_id' },
  { source: 'user_id', target: 'user_id' },
  { source: 'timestamp', target: 'timestamp', transforms: ['to_iso8601'] },
  { source: 'received_at', target: 'received_at', transforms: ['to_iso8601'] },
  { source: 'source.pipeline_id', target: 'pipeline_id' },
  { source: 'context.page.url', target: 'page_url' },
  { source: 'properties', target: 'properties', transforms: ['json'] },
  { source: 'traits', target: 'traits', transforms: ['json'] },
  { source: 'context', target: 'context', transforms: ['json'] },
];

const currency: MappingRow = { source: 'properties.currency', target: 'currency', transforms: ['trim', 'uppercase'] };

/** BigQuery's default mapping config. */
export const bigqueryMapping: VendorMapping = {
  fields: BIGQUERY_FIELDS,
  transforms: {},
  defaults: {
    global: BIGQUERY_GLOBAL,
    events: {
      page_view: { match: ['page_view', 'Page Viewed'], vendor_event: 'page_view', mappings: [{ source: 'context.page.title', target: 'page_title' }] },
      add_to_cart: {
        match: ['add_to_cart', 'Product Added'],
        vendor_event: 'add_to_cart',
        mappings: [{ source: ['properties.product_id', 'properties.sku'], target: 'product_id', transforms: ['to_string'] }, { source: ['properties.value', 'properties.price'], target: 'value', transforms: ['to_number'] }, currency],
      },
      purchase: {
        match: ['purchase', 'Order Completed', 'Checkout Completed'],
        vendor_event: 'purchase',
        mappings: [
          { source: ['properties.order_id', 'properties.transaction_id'], target: 'order_id', transforms: ['to_string'] },
          { source: ['properties.revenue', 'properties.value', 'properties.total'], target: 'revenue', transforms: ['to_number'] },
          currency,
        ],
      },
      lead: { match: ['lead', 'generate_lead', 'Lead Generated'], vendor_event: 'lead', mappings: [{ source: 'properties.value', target: 'value', transforms: ['to_number'] }, currency] },
    },
    defaults: { action: 'pass_through' },
  },
};
