/**
 * The mapping builder's model: a revision config split into the four categories (flat keys are
 * parameters; a missing category starts from the vendor's default mapping), back to a revision
 * config, and the text forms the visual editor uses for sources and transforms.
 */
export interface Row {
  target: string;
  source?: string | string[];
  value?: unknown;
  transforms?: (string | { name: string; value?: unknown })[];
  items?: Row[];
}
interface EventEntry {
  match?: string[];
  filter?: unknown;
  vendor_event: string;
  enrichments?: unknown[];
  mappings: Row[];
  transforms?: unknown[];
}
export interface MappingDoc {
  parameters: Record<string, unknown>;
  global: Row[];
  events: Record<string, EventEntry>;
  defaults: { action: 'pass_through' | 'drop' | 'map'; vendor_event?: string; mappings?: Row[] };
}

const CATEGORIES = ['parameters', 'global', 'events', 'defaults'];

/** @example resolveDoc({ pixel_id: '1' }, vendorDefaults).parameters // → { pixel_id: '1' } */
export function resolveDoc(
  config: Record<string, unknown>,
  defaults: Record<string, unknown>,
): MappingDoc {
  const flat = Object.fromEntries(Object.entries(config).filter(([k]) => !CATEGORIES.includes(k)));
  const nested = (config.parameters ?? {}) as Record<string, unknown>;
  return {
    parameters: { ...flat, ...nested },
    global: (config.global ?? defaults.global ?? []) as Row[],
    events: (config.events ?? defaults.events ?? {}) as Record<string, EventEntry>,
    defaults: (config.defaults ??
      defaults.defaults ?? { action: 'drop' }) as MappingDoc['defaults'],
  };
}

/** The revision config to save: parameters flat (as installs write them), categories beside. */
export function toConfig(doc: MappingDoc): Record<string, unknown> {
  return { ...doc.parameters, global: doc.global, events: doc.events, defaults: doc.defaults };
}

/** `a | b` for several sources tried in order, `= "x"` for a constant. */
export function sourceText(row: Row): string {
  if (row.value !== undefined) return `= ${JSON.stringify(row.value)}`;
  return Array.isArray(row.source) ? row.source.join(' | ') : (row.source ?? '');
}

export function withSourceText(row: Row, text: string): Row {
  const { source: _s, value: _v, ...rest } = row;
  const t = text.trim();
  if (t.startsWith('=')) {
    const raw = t.slice(1).trim();
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      value = raw;
    }
    return { value, ...rest };
  }
  const parts = t
    .split('|')
    .map((s) => s.trim())
    .filter(Boolean);
  return parts.length > 1 ? { source: parts, ...rest } : { source: parts[0] ?? '', ...rest };
}

/** `trim, uppercase, default=USD` */
export function transformsText(row: Row): string {
  return (row.transforms ?? [])
    .map((t) =>
      typeof t === 'string'
        ? t
        : t.value === undefined
          ? t.name
          : `${t.name}=${typeof t.value === 'string' ? t.value : JSON.stringify(t.value)}`,
    )
    .join(', ');
}

export function withTransformsText(row: Row, text: string): Row {
  const { transforms: _t, ...rest } = row;
  const list = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const eq = s.indexOf('=');
      if (eq < 0) return s;
      const raw = s.slice(eq + 1).trim();
      let value: unknown = raw;
      try {
        value = JSON.parse(raw);
      } catch {
        value = raw;
      }
      return { name: s.slice(0, eq).trim(), value };
    });
  return list.length ? { ...rest, transforms: list } : rest;
}

/** Every source path used in a mapping (joins the canonical paths in autocomplete). */
export function usedSources(doc: Pick<MappingDoc, 'global' | 'events' | 'defaults'>): string[] {
  const out = new Set<string>();
  const visit = (rows: Row[] | undefined) =>
    rows?.forEach((r) => {
      (Array.isArray(r.source) ? r.source : r.source ? [r.source] : []).forEach((s) => out.add(s));
    });
  visit(doc.global);
  Object.values(doc.events ?? {}).forEach((e) => visit(e.mappings));
  visit(doc.defaults?.mappings);
  return [...out];
}
