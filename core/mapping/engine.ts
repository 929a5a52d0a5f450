/**
 * The V2 mapping engine: a validated `MappingConfig` compiled once into closures, then run per
 * event → `{ vendor_event, fields }` (the vendor's per-event object). Vendors wrap the result
 * into requests in their `format`; the engine knows nothing about any vendor.
 */
import type { Envelope } from '../event/index.js';
import { DataflyError } from '../errors/index.js';
import { compileCondition, type Predicate } from './condition.js';
import type {
  Enrichment,
  EventMapping,
  MappingConfig,
  MappingRow,
  PostTransform,
  TransformRef,
} from './config.js';
import { compilePath, deletePath, readPath, writePath, type PathStep } from './path.js';
import { builtinTransforms, type TransformDef, type TransformTable } from './transforms.js';

/** One event after mapping. */
export type MapResult =
  | {
      ok: true;
      event_id: string;
      vendor_event: string;
      fields: Record<string, unknown>;
      mapping: string | null;
    }
  | { ok: false; event_id: string; reason: string };

export interface CompiledMapping {
  readonly config: MappingConfig;
  /** Map one event; never throws for a bad event (it comes back `ok: false`). */
  map(event: Envelope): MapResult;
}

interface CompileOptions {
  /** Vendor transforms on top of the built-ins (`meta.normalize_phone`, …). */
  transforms?: TransformTable;
  /** Vendor event name for pass-through events (default: the event name as is). */
  passThroughName?: (name: string) => string;
}

/**
 * The name an event is matched by: `page_view` for page calls, the event name for track
 * calls, the type for identify/group.
 *
 * @example
 * eventName({ type: 'track', event: 'Order Completed' } as Envelope) // → 'Order Completed'
 */
function eventName(e: Pick<Envelope, 'type' | 'event'>): string {
  if (e.type === 'track') return e.event ?? 'track';
  if (e.type === 'page') return 'page_view';
  return e.type;
}

/**
 * Loose key for matching event names: lower case, runs of space/`-`/`.` → `_`.
 *
 * @example
 * matchKey('Order Completed') // → 'order_completed'
 */
function matchKey(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s.-]+/g, '_');
}

type Row = (src: unknown, params: Record<string, unknown>, out: Record<string, unknown>) => void;
type Step = { def: TransformDef; arg: unknown };

const isEmpty = (v: unknown): boolean =>
  v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

function compileTransforms(
  refs: TransformRef[] | undefined,
  table: TransformTable,
  field: string,
): Step[] {
  return (refs ?? []).map((t, i) => {
    const name = typeof t === 'string' ? t : t.name;
    const def = table[name];
    if (!def)
      throw new DataflyError('config_error', `unknown transform "${name}"`, {
        field: `${field}.transforms[${i}]`,
      });
    return { def, arg: typeof t === 'string' ? undefined : t.value };
  });
}

function applySteps(v: unknown, steps: Step[]): unknown {
  for (const { def, arg } of steps) {
    if (isEmpty(v) && !def.onMissing) {
      v = undefined;
      continue;
    }
    if (Array.isArray(v) && def.arrays !== 'whole') {
      const out: unknown[] = [];
      for (const el of v) {
        const r = def.fn(el, arg);
        if (!isEmpty(r)) out.push(r);
      }
      v = out;
    } else {
      v = def.fn(v, arg);
    }
  }
  return v;
}

type Reader = (src: unknown, params: Record<string, unknown>) => unknown;

function compileReader(row: { source?: string | string[]; value?: unknown }): Reader {
  if (row.source === undefined) {
    const value = row.value;
    return () => value;
  }
  const readers = (Array.isArray(row.source) ? row.source : [row.source]).map((s): Reader => {
    const steps: PathStep[] = compilePath(s);
    if (steps[0] === 'parameters') {
      const rest = steps.slice(1);
      return (_src, params) => readPath(params, rest);
    }
    return (src) => readPath(src, steps);
  });
  if (readers.length === 1) return readers[0]!;
  return (src, params) => {
    for (const r of readers) {
      const v = r(src, params);
      if (!isEmpty(v)) return v;
    }
    return undefined;
  };
}

function compileRow(row: MappingRow, table: TransformTable, field: string): Row {
  const read = compileReader(row);
  const steps = compileTransforms(row.transforms, table, field);
  const target = compilePath(row.target);
  if (row.items) {
    const items = row.items.map((r, i) => compileRow(r, table, `${field}.items[${i}]`));
    return (src, params, out) => {
      const raw = read(src, params);
      const list = Array.isArray(raw)
        ? raw
        : raw !== null && typeof raw === 'object'
          ? [raw]
          : undefined;
      if (!list) return;
      const mapped: Record<string, unknown>[] = [];
      for (const el of list) {
        const o: Record<string, unknown> = {};
        for (const r of items) r(el, params, o);
        if (Object.keys(o).length) mapped.push(o);
      }
      const v = applySteps(mapped, steps);
      if (!isEmpty(v)) writePath(out, target, v);
    };
  }
  return (src, params, out) => {
    const v = steps.length ? applySteps(read(src, params), steps) : read(src, params);
    if (!isEmpty(v)) writePath(out, target, own(v));
  };
}

/**
 * A value the output may own: objects and arrays read from the event (or a constant of the
 * config) are copied, so a later row writing inside `event_properties` never changes the event's
 * `properties` that the next row, the next vendor or the trace read.
 */
const own = (v: unknown): unknown => (v !== null && typeof v === 'object' ? structuredClone(v) : v);

function compileEnrichment(
  e: Enrichment,
  table: TransformTable,
  field: string,
): (ev: Record<string, unknown>, params: Record<string, unknown>) => void {
  const read = compileReader(e);
  const steps = compileTransforms(e.transforms, table, field);
  const target = compilePath(e.target);
  return (ev, params) => {
    if (!e.overwrite && !isEmpty(readPath(ev, target))) return;
    const v = applySteps(read(ev, params), steps);
    if (!isEmpty(v)) writePath(ev, target, v);
  };
}

function compilePost(t: PostTransform): (out: Record<string, unknown>) => void {
  if (t.op === 'remove') {
    const p = compilePath(t.target);
    return (out) => deletePath(out, p);
  }
  if (t.op === 'set') {
    const p = compilePath(t.target);
    return (out) => writePath(out, p, own(t.value));
  }
  const from = compilePath(t.from);
  const to = compilePath(t.to);
  return (out) => {
    const v = readPath(out, from);
    if (v === undefined) return;
    deletePath(out, from);
    writePath(out, to, v);
  };
}

interface CompiledEvent {
  key: string;
  vendorEvent: string | null;
  filter: Predicate | null;
  enrich: ((ev: Record<string, unknown>, params: Record<string, unknown>) => void)[];
  rows: Row[];
  post: ((out: Record<string, unknown>) => void)[];
}

function compileEvent(
  key: string,
  ev: EventMapping,
  table: TransformTable,
  global: Row[],
): CompiledEvent {
  return {
    key,
    vendorEvent: ev.vendor_event,
    filter: ev.filter ? compileCondition(ev.filter) : null,
    enrich: ev.enrichments.map((e, i) =>
      compileEnrichment(e, table, `events.${key}.enrichments[${i}]`),
    ),
    rows: [
      ...global,
      ...ev.mappings.map((r, i) => compileRow(r, table, `events.${key}.mappings[${i}]`)),
    ],
    post: ev.transforms.map(compilePost),
  };
}

/**
 * Compile a validated config once; `map` then runs per event with no parsing.
 *
 * @example
 * const m = compileMapping(validateMappingConfig({
 *   events: { purchase: { match: ['Order Completed'], vendor_event: 'Purchase',
 *     mappings: [{ source: 'properties.revenue', target: 'custom_data.value', transforms: ['to_number'] }] } },
 * }));
 * m.map(event) // → { ok: true, vendor_event: 'Purchase', fields: { custom_data: { value: 59.98 } }, … }
 */
export function compileMapping(config: MappingConfig, opts: CompileOptions = {}): CompiledMapping {
  const table: TransformTable = opts.transforms
    ? { ...builtinTransforms, ...opts.transforms }
    : builtinTransforms;
  const global = config.global.map((r, i) => compileRow(r, table, `global[${i}]`));
  const byName = new Map<string, CompiledEvent>();
  for (const [key, ev] of Object.entries(config.events)) {
    const compiled = compileEvent(key, ev, table, global);
    for (const name of ev.match ?? [key]) byName.set(matchKey(name), compiled);
  }
  const d = config.defaults;
  const fallback: CompiledEvent | null =
    d.action === 'drop'
      ? null
      : {
          key: 'defaults',
          vendorEvent: d.action === 'map' ? (d.vendor_event ?? null) : null,
          filter: null,
          enrich: [],
          rows:
            d.action === 'map'
              ? [
                  ...global,
                  ...d.mappings.map((r, i) => compileRow(r, table, `defaults.mappings[${i}]`)),
                ]
              : global,
          post: [],
        };
  const params = config.parameters;
  const passName = opts.passThroughName ?? ((n: string) => n);

  return {
    config,
    map(event) {
      const name = eventName(event);
      const ce = byName.get(matchKey(name)) ?? fallback;
      if (!ce)
        return {
          ok: false,
          event_id: event.event_id,
          reason: `no mapping for event "${name}" (defaults: drop)`,
        };
      if (ce.filter && !ce.filter(event))
        return {
          ok: false,
          event_id: event.event_id,
          reason: `filtered out by events.${ce.key}.filter`,
        };
      let src: Record<string, unknown> = event;
      if (ce.enrich.length) {
        src = structuredClone(event) as Record<string, unknown>;
        for (const e of ce.enrich) e(src, params);
      }
      const fields: Record<string, unknown> = {};
      try {
        for (const r of ce.rows) r(src, params, fields);
        for (const p of ce.post) p(fields);
      } catch (e) {
        return {
          ok: false,
          event_id: event.event_id,
          reason: `mapping failed: ${e instanceof Error ? e.message : String(e)}`,
        };
      }
      return {
        ok: true,
        event_id: event.event_id,
        vendor_event: ce.vendorEvent ?? passName(name),
        fields,
        mapping: ce === fallback ? null : ce.key,
      };
    },
  };
}
