/** A vendor's mark: a monogram in a stable colour (brand logos come with the Library's logo field). */
const PALETTE = ['#1f6feb', '#8250df', '#bf3989', '#cf222e', '#bc4c00', '#4d7c0f', '#0f766e', '#0550ae'];

export function VendorMark({ vendor, name, size = 40 }: { vendor: string; name: string; size?: number }) {
  let hash = 0;
  for (const ch of vendor) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  const letters = name
    .replace(/\(.*?\)/g, '')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
  return (
    <span className="vendor-mark" style={{ background: PALETTE[hash % PALETTE.length], width: size, height: size, fontSize: size * 0.38 }} aria-hidden="true">
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
