import { describe, expect, it } from 'vitest';
import { CANONICAL_NAMES, specEventNames, standardEvents } from './standard.js';

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
