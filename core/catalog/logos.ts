/**
 * Which logo each catalog card shows (issue 14 "Logos"): declared vendors name their brand icon in
 * their declaration (`logo`: a `simple-icons` slug or an icon of Iconify's `logos` set, both
 * CC0-1.0); every other card gets a generated monogram of its name. The admin API serves them all.
 */
import type { CatalogEntry } from './types.js';

type LogoRef = NonNullable<CatalogEntry['logo']> | { pack: 'monogram'; name: string };

/** @example logoRef(getCatalogEntry('reddit')!) // → { pack: 'logos', name: 'reddit-icon' } */
export const logoRef = (entry: CatalogEntry): LogoRef =>
  entry.logo ?? { pack: 'monogram', name: entry.name };

/** @example logoPath('meta_capi') // → '/v1/admin/logos/meta_capi.svg' */
export const logoPath = (vendor: string): string => `/v1/admin/logos/${vendor}.svg`;
