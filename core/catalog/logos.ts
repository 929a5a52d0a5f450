/**
 * Which brand icon each catalog vendor shows (issue 14 "Logos"; data only). The icons come from
 * the `simple-icons` package (CC0-1.0; each icon's source URL is in the package's data and served
 * with the logo). Vendors simple-icons has no icon for (LinkedIn, Microsoft Advertising, The Trade
 * Desk, and the custom integrations) are absent here: the UI shows a neutral monogram tile.
 */
export const LOGO_SLUGS: Readonly<Record<string, string>> = {
  meta_capi: 'meta',
  google_ads: 'googleads',
  ga4: 'googleanalytics',
  tiktok: 'tiktok',
  snapchat: 'snapchat',
  pinterest: 'pinterest',
  reddit: 'reddit',
  x_ads: 'x',
  bigquery: 'googlebigquery',
};

/** The simple-icons slug of a vendor's logo (own keys only: `constructor` is no vendor). */
export const logoSlug = (vendor: string): string | undefined => (Object.hasOwn(LOGO_SLUGS, vendor) ? LOGO_SLUGS[vendor] : undefined);

/** @example logoPath('meta_capi') // → '/v1/admin/logos/meta_capi.svg' */
export const logoPath = (vendor: string): string | null => (logoSlug(vendor) ? `/v1/admin/logos/${vendor}.svg` : null);
