/**
 * A Blueprint (docs/admin-api.md "Catalog extras"): a ready V2 mapping config for one vendor and
 * vertical, picked at install and editable afterwards. Its `config` holds the `events` (and
 * `defaults`) categories and is merged into the install config; categories it leaves out
 * (`global`: identity, consent, click ids) keep the vendor's default mapping
 * (core/mapping/vendor.ts `resolveMappingConfig`). Source paths are the canonical event's
 * (Segment-style event names and snake_case both match); vendor fields are the vendor's own.
 * A vendor's hand-written Blueprints live in its folder (`blueprints.ts`, named by its
 * declaration); the others are derived from its default mapping (./derived.ts).
 */
import type { MappingConfigInput, MappingRow } from '../../mapping/config.js';

export type BlueprintVertical = 'retail' | 'travel' | 'media';

export interface Blueprint {
  /** Unique per vendor. */
  id: string;
  name: string;
  vertical: BlueprintVertical;
  description: string;
  config: Pick<MappingConfigInput, 'events' | 'defaults'>;
}

/** Row transforms the hand-written Blueprints share. */
export const num = ['to_number'];
export const str = ['to_string'];

/** The event's currency, trimmed and upper-cased, USD when absent. */
export const currency = (target: string): MappingRow => ({
  source: 'properties.currency',
  target,
  transforms: ['trim', 'uppercase', { name: 'default', value: 'USD' }],
});
