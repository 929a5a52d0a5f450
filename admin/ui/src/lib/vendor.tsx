/**
 * A vendor's mark: its brand logo (an SVG tile the admin API serves, named by the catalog's
 * `logo` field), or a neutral monogram tile when the vendor has none. The catalog query is
 * shared with the Library, so the marks cost no extra request.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok } from '../api/client';

export function VendorMark({
  vendor,
  name,
  size = 40,
}: {
  vendor: string;
  name: string;
  size?: number;
}) {
  const catalog = useQuery({
    queryKey: ['catalog'],
    queryFn: () => ok(api.GET('/v1/admin/integration-catalog')),
    staleTime: 5 * 60_000,
  });
  const logo = catalog.data?.integrations.find((e) => e.vendor === vendor)?.logo;
  const [broken, setBroken] = useState(false);
  if (logo && !broken)
    return (
      <img
        className="vendor-logo"
        src={logo.url}
        alt=""
        width={size}
        height={size}
        onError={() => setBroken(true)}
      />
    );
  const letters = name
    .replace(/\(.*?\)/g, '')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
  return (
    <span
      className="vendor-mark"
      style={{ width: size, height: size, fontSize: size * 0.38 }}
      aria-hidden="true"
    >
      {letters}
    </span>
  );
}

export const CATEGORY_LABELS: Record<string, string> = {
  advertising: 'Advertising',
  analytics: 'Analytics',
  attribution: 'Attribution',
  cdp: 'CDP',
  cloud_storage: 'Cloud storage',
  other: 'Other',
};
