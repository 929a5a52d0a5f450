/**
 * Brand logos served first-party (`GET /v1/admin/logos/{vendor}.svg`, no token: public brand
 * marks): the vendor's `simple-icons` glyph (core/catalog/logos.ts says which) drawn on a tile
 * in the brand's colour, white or black by the colour's luminance so the glyph always reads.
 * Only vendors in that table are looked up; the path never reaches the file system.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { logoSlug } from '../../core/catalog/logos';

const require = createRequire(import.meta.url);

export interface LogoInfo {
  title: string;
  hex: string;
  source: string;
  license: string;
}

interface IconData {
  title: string;
  slug: string;
  hex: string;
  source: string;
  license?: { type: string };
}

let data: Promise<Map<string, IconData>> | undefined;
const iconData = () =>
  (data ??= readFile(require.resolve('simple-icons/icons.json'), 'utf8').then((text) => {
    const parsed = JSON.parse(text) as IconData[] | { icons: IconData[] };
    const icons = Array.isArray(parsed) ? parsed : parsed.icons;
    return new Map(icons.map((i) => [i.slug, i]));
  }));
const svgs = new Map<string, string>();

/** WCAG relative luminance of `#rrggbb`. */
function luminance(hex: string): number {
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

const escapeXml = (s: string) => s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);

/** Facts about a vendor's logo (for the catalog), or null when it has none. */
export async function logoInfo(vendor: string): Promise<LogoInfo | null> {
  const slug = logoSlug(vendor);
  if (!slug) return null;
  const icon = (await iconData()).get(slug);
  if (!icon) return null;
  return { title: icon.title, hex: `#${icon.hex}`, source: icon.source, license: icon.license?.type ?? 'CC0-1.0 (simple-icons)' };
}

/** The tile SVG of a vendor's logo, or null when it has none. */
export async function logoSvg(vendor: string): Promise<string | null> {
  const cached = svgs.get(vendor);
  if (cached) return cached;
  const slug = logoSlug(vendor);
  const info = await logoInfo(vendor);
  if (!slug || !info) return null;
  const icon = await readFile(require.resolve(`simple-icons/icons/${slug}.svg`), 'utf8');
  const path = /<path d="([^"]+)"/.exec(icon)?.[1];
  if (!path) return null;
  const ink = luminance(info.hex.slice(1)) > 0.4 ? '#000' : '#fff';
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48" role="img"><title>${escapeXml(info.title)}</title>` +
    `<rect width="48" height="48" rx="10" fill="${info.hex}"/>` +
    `<g transform="translate(11 11) scale(1.0833)" fill="${ink}"><path d="${escapeXml(path)}"/></g></svg>`;
  svgs.set(vendor, svg);
  return svg;
}
