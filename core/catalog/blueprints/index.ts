/**
 * Blueprints per catalog vendor (./blueprint.ts): a declaration's own (`blueprints`, from its
 * folder) where it has them, else derived from its default mapping (./derived.ts).
 */
import { DECLARATIONS } from '../../vendors/registry.js';
import type { Blueprint } from './blueprint.js';
import { derivedBlueprints } from './derived.js';

export type { Blueprint, BlueprintVertical } from './blueprint.js';

/** Blueprints per catalog vendor (only vendors that have some). */
export const BLUEPRINTS: Readonly<Record<string, readonly Blueprint[]>> = Object.fromEntries(
  DECLARATIONS.map((d) => [d.id, d.blueprints ?? derivedBlueprints(d)]).filter(
    ([, b]) => b!.length > 0,
  ),
);

/** @example blueprintsFor('meta_capi').map((b) => b.id) // → ['meta_retail', 'meta_travel', 'meta_media'] */
export const blueprintsFor = (vendor: string): readonly Blueprint[] =>
  Object.hasOwn(BLUEPRINTS, vendor) ? BLUEPRINTS[vendor]! : [];
