/**
 * Brand logos served first-party (`GET /v1/admin/logos/{vendor}.svg`, no token: public brand
 * marks), one for every catalog card (core/catalog/logos.ts says which):
 * - a `simple-icons` glyph (CC0-1.0) drawn on a tile in the brand's colour, white or black by the
 *   colour's luminance so the glyph always reads;
 * - an Iconify `logos` icon (Gil Barbara's SVG Logos, CC0-1.0), full colour on a white tile;
 * - otherwise a generated monogram: the name's initials on a tile coloured from the vendor key.
 * Only catalog vendors are looked up; the path never reaches the file system.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { getCatalogEntry } from '../../core/catalog/index.js';
import { logoRef } from '../../core/catalog/logos.js';

const require = createRequire(import.meta.url);

interface LogoInfo {
  title: string;
  /** The tile's colour. */
  hex: string;
  /** Where the mark comes from (a URL), or `generated` for a monogram. */
  source: string;
  license: string;
  kind: 'brand' | 'monogram';
}

interface SimpleIcon {
  title: string;
  slug: string;
  hex: string;
  source: string;
  license?: { type: string };
}
interface IconifySet {
  width?: number;
  height?: number;
  icons: Record<string, { body: string; width?: number; height?: number }>;
}

let simpleIcons: Promise<Map<string, SimpleIcon>> | undefined;
const simpleIconData = () =>
  (simpleIcons ??= readFile(require.resolve('simple-icons/icons.json'), 'utf8').then((text) => {
    const parsed = JSON.parse(text) as SimpleIcon[] | { icons: SimpleIcon[] };
    const icons = Array.isArray(parsed) ? parsed : parsed.icons;
    return new Map(icons.map((i) => [i.slug, i]));
  }));
let logosSet: Promise<IconifySet> | undefined;
const logosData = () =>
  (logosSet ??= readFile(require.resolve('@iconify-json/logos/icons.json'), 'utf8').then(
    (text) => JSON.parse(text) as IconifySet,
  ));

const LOGOS_SOURCE = 'https://github.com/gilbarbara/logos';
/** Dark tile colours with white text at a contrast ratio above 4.5:1. */
const MONOGRAM_COLOURS = [
  '#1d4ed8',
  '#7c3aed',
  '#be185d',
  '#b45309',
  '#047857',
  '#0e7490',
  '#4338ca',
  '#9f1239',
  '#374151',
  '#15803d',
];
const svgs = new Map<string, string>();

/** WCAG relative luminance of `#rrggbb`. */
function luminance(hex: string): number {
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

const escapeXml = (s: string) =>
  s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);

/** Up to two initials of a name (`Google Analytics 4` → `GA`, `impact.com` → `I`). */
export function initials(name: string): string {
  const words = name
    .replace(/\(.*?\)/g, ' ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  return (
    words
      .slice(0, 2)
      .map((w) => w[0]!.toUpperCase())
      .join('') || '?'
  );
}

const colourOf = (vendor: string): string => {
  let h = 0;
  for (const c of vendor) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return MONOGRAM_COLOURS[h % MONOGRAM_COLOURS.length]!;
};

/** Facts about a catalog vendor's logo (for the catalog), or null for a vendor not in the catalog. */
export async function logoInfo(vendor: string): Promise<LogoInfo | null> {
  const entry = getCatalogEntry(vendor);
  if (!entry) return null;
  const ref = logoRef(entry);
  if (ref.pack === 'simple-icons') {
    const icon = (await simpleIconData()).get(ref.name);
    if (icon)
      return {
        title: icon.title,
        hex: `#${icon.hex}`,
        source: icon.source,
        license: icon.license?.type ?? 'CC0-1.0 (simple-icons)',
        kind: 'brand',
      };
  }
  if (ref.pack === 'logos' && (await logosData()).icons[ref.name]) {
    return {
      title: entry.name,
      hex: '#ffffff',
      source: LOGOS_SOURCE,
      license: 'CC0-1.0 (SVG Logos by Gil Barbara, via @iconify-json/logos)',
      kind: 'brand',
    };
  }
  return {
    title: entry.name,
    hex: colourOf(vendor),
    source: 'generated',
    license: 'none: a generated monogram, no brand mark',
    kind: 'monogram',
  };
}

async function draw(vendor: string, info: LogoInfo): Promise<string | null> {
  const entry = getCatalogEntry(vendor)!;
  const ref = logoRef(entry);
  const head =
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48" role="img">' +
    `<title>${escapeXml(info.title)}</title>`;
  if (info.kind === 'brand' && ref.pack === 'simple-icons') {
    const icon = await readFile(require.resolve(`simple-icons/icons/${ref.name}.svg`), 'utf8');
    const path = /<path d="([^"]+)"/.exec(icon)?.[1];
    if (!path) return null;
    const ink = luminance(info.hex.slice(1)) > 0.4 ? '#000' : '#fff';
    return (
      `${head}<rect width="48" height="48" rx="10" fill="${info.hex}"/>` +
      `<g transform="translate(11 11) scale(1.0833)" fill="${ink}">` +
      `<path d="${escapeXml(path)}"/></g></svg>`
    );
  }
  if (info.kind === 'brand' && ref.pack === 'logos') {
    const set = await logosData();
    const icon = set.icons[ref.name]!;
    const w = icon.width ?? set.width ?? 256;
    const h = icon.height ?? set.height ?? 256;
    // Fit the icon into a 30×30 box centred on the tile, keeping its aspect ratio.
    const scale = 30 / Math.max(w, h);
    const x = (48 - w * scale) / 2;
    const y = (48 - h * scale) / 2;
    return (
      `${head}<rect width="48" height="48" rx="10" fill="#ffffff" stroke="#e5e7eb"/>` +
      `<g transform="translate(${x.toFixed(2)} ${y.toFixed(2)}) scale(${scale.toFixed(5)})">` +
      `${icon.body}</g></svg>`
    );
  }
  const letters = escapeXml(initials(entry.name));
  const size = letters.length > 1 ? 18 : 22;
  return (
    `${head}<rect width="48" height="48" rx="10" fill="${info.hex}"/>` +
    '<text x="24" y="24" dy="0.35em" text-anchor="middle" ' +
    'font-family="system-ui, -apple-system, Segoe UI, sans-serif" ' +
    `font-size="${size}" font-weight="600" fill="#fff">${letters}</text></svg>`
  );
}

/** The tile SVG of a catalog vendor's logo, or null for a vendor not in the catalog. */
export async function logoSvg(vendor: string): Promise<string | null> {
  const cached = svgs.get(vendor);
  if (cached) return cached;
  const info = await logoInfo(vendor);
  if (!info) return null;
  const svg = await draw(vendor, info);
  if (svg) svgs.set(vendor, svg);
  return svg;
}
