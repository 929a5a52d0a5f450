import { describe, expect, it } from 'vitest';
import { identityFields, identityRows } from '../../identity-kit/rows.js';
import { optional, setting } from './declaration.js';
import {
  CANONICAL_NAMES,
  commerceRows,
  currencyRow,
  firstPortsValue,
  row,
  specEventNames,
  standardEvents,
  valueRows,
} from './standard.js';

describe('standard event names', () => {
  it('spells the Segment-spec names in each case style a vendor uses', () => {
    expect(specEventNames()).toMatchObject({ purchase: 'Order Completed', sign_up: 'Signed Up' });
    expect(specEventNames('snake').view_item).toBe('product_viewed');
    expect(specEventNames('kebab').search).toBe('products-searched');
    expect(specEventNames('camel').add_to_cart).toBe('productAdded');
  });

  it('maps every standard event under its own name with the names that trigger it', () => {
    const events = standardEvents(CANONICAL_NAMES);
    expect(Object.keys(events)).toHaveLength(8);
    expect(events.purchase).toMatchObject({
      vendor_event: 'purchase',
      match: ['purchase', 'Order Completed'],
    });
  });
});

describe('commerceRows', () => {
  const rows = commerceRows({
    value: valueRows('v', 'c'),
    contentIds: 'ids',
    orderId: 'order',
    products: { target: 'items', keys: { id: 'sku', price: 'amount' }, priceAsText: true },
    search: 'q',
  });

  it('puts the added product first in the product list, with the ids list and the value', () => {
    expect(rows('add_to_cart').map((r) => r.target)).toEqual([
      'v',
      'c',
      'ids',
      'items[0].sku',
      'items[0].amount',
    ]);
    expect(rows('add_to_cart').find((r) => r.target === 'items[0].amount')?.transforms).toEqual([
      'to_number',
      'to_string',
    ]);
  });

  it('gives a purchase its order id, the products and their ids; a lead only its value', () => {
    const purchase = rows('purchase');
    expect(purchase.map((r) => r.target)).toEqual(['v', 'c', 'order', 'ids', 'items']);
    expect(purchase.at(-1)?.items?.map((r) => [r.source, r.target])).toEqual([
      [['product_id', 'sku'], 'sku'],
      ['price', 'amount'],
    ]);
    expect(rows('lead')).toEqual(valueRows('v', 'c'));
    expect(rows('sign_up')).toEqual([]);
  });
});

describe('identityFields', () => {
  it('describes the fields identityRows fills from their rules', () => {
    expect(
      identityFields(
        'user',
        { em: 'email_sha256', ct: 'place_ascii' },
        { targets: { em: 'email' } },
      ),
    ).toEqual([
      {
        path: 'user.email',
        required: false,
        description: 'SHA-256 of the trimmed, lowercased email.',
      },
      { path: 'user.ct', required: false, description: 'Plain, lowercase alphanumerics.' },
    ]);
  });
});

describe('row builders', () => {
  it('builds a row from a target, its sources and transforms, leaving out transforms when none', () => {
    expect(row('value', ['properties.value', 'properties.price'], 'to_number')).toEqual({
      source: ['properties.value', 'properties.price'],
      target: 'value',
      transforms: ['to_number'],
    });
    expect(row('page_url', 'context.page.url')).toEqual({
      source: 'context.page.url',
      target: 'page_url',
    });
  });

  it("reads each event's value where the first ports read it, one source as a path", () => {
    expect(firstPortsValue('purchase', 'v').source).toEqual([
      'properties.revenue',
      'properties.value',
      'properties.total',
    ]);
    expect(firstPortsValue('add_to_cart', 'v').source).toEqual([
      'properties.value',
      'properties.price',
    ]);
    expect(firstPortsValue('lead', 'v')).toEqual({
      source: 'properties.value',
      target: 'v',
      transforms: ['to_number'],
    });
  });

  it('upper-cases a currency, with a fallback only when one is given', () => {
    expect(currencyRow('c').transforms).toEqual(['trim', 'uppercase']);
    expect(currencyRow('c', 'USD').transforms).toEqual([
      'trim',
      'uppercase',
      { name: 'default', value: 'USD' },
    ]);
  });
});

describe("identity rules with the vendor's names", () => {
  it('sends a field named by a [rule, target] pair under that target, like the targets option', () => {
    const pair = identityRows('user', { em: ['email_sha256', 'email'], country: 'place_ascii' });
    expect(pair).toEqual(
      identityRows(
        'user',
        { em: 'email_sha256', country: 'place_ascii' },
        { targets: { em: 'email' } },
      ),
    );
    expect(pair.map((r) => r.target)).toEqual(['user.email', 'user.country']);
    expect(identityFields('user', { em: ['email_sha256', 'email'] })[0]?.path).toBe('user.email');
  });
});

describe('setting builders', () => {
  it('builds a required setting, and an optional one marked not required', () => {
    expect(setting('pixel_id', 'Pixel ID', 'string', 'The pixel.', { max_length: 9 })).toEqual({
      key: 'pixel_id',
      label: 'Pixel ID',
      type: 'string',
      help: 'The pixel.',
      max_length: 9,
    });
    expect(optional('test_id', 'Test ID', 'string', 'Sent in test mode.').required).toBe(false);
  });
});
