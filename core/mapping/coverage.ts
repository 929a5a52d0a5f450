/**
 * Coverage: which of a vendor's required and optional fields a config maps, per event entry
 * (the builder's "coverage indicator").
 */
import type { MappingConfig, MappingRow } from './config.js';

/** One field of a vendor's per-event object, as the vendor declares it. */
export interface VendorField {
  /** Target path (`user_data.em`, `custom_data.value`). */
  path: string;
  required: boolean;
  /** Required only for these vendor events (e.g. `custom_data.currency` for `Purchase`). */
  requiredFor?: readonly string[];
  /** Filled by the vendor's `format` itself (event name, time), so always covered. */
  auto?: boolean;
  description: string;
}

interface FieldCoverage {
  mapped: string[];
  missing: string[];
}

export interface EventCoverage {
  vendor_event: string | null;
  required: FieldCoverage;
  optional: FieldCoverage;
}

export interface Coverage {
  events: Record<string, EventCoverage>;
  required_mapped: number;
  required_total: number;
  optional_mapped: number;
  optional_total: number;
}

function targets(rows: readonly MappingRow[], prefix = '', into = new Set<string>()): Set<string> {
  for (const r of rows) {
    into.add(prefix + r.target);
    if (r.items) targets(r.items, `${prefix}${r.target}[].`, into);
  }
  return into;
}

const covered = (field: string, mapped: Set<string>): boolean => {
  if (mapped.has(field)) return true;
  for (const t of mapped)
    if (t.startsWith(`${field}.`) || t.startsWith(`${field}[`) || field.startsWith(`${t}.`))
      return true;
  return false;
};

function one(
  vendorEvent: string | null,
  rows: Set<string>,
  fields: readonly VendorField[],
): EventCoverage {
  const cov: EventCoverage = {
    vendor_event: vendorEvent,
    required: { mapped: [], missing: [] },
    optional: { mapped: [], missing: [] },
  };
  for (const f of fields) {
    const req = f.required || (!!vendorEvent && !!f.requiredFor?.includes(vendorEvent));
    const bucket = req ? cov.required : cov.optional;
    (f.auto || covered(f.path, rows) ? bucket.mapped : bucket.missing).push(f.path);
  }
  return cov;
}

/**
 * Coverage of a config against a vendor's field list, per event entry and in total.
 *
 * @example
 * mappingCoverage(config, metaFields).events.purchase.required.missing // → ['user_data.client_user_agent']
 */
export function mappingCoverage(config: MappingConfig, fields: readonly VendorField[]): Coverage {
  const global = targets(config.global);
  const out: Coverage = {
    events: {},
    required_mapped: 0,
    required_total: 0,
    optional_mapped: 0,
    optional_total: 0,
  };
  const add = (key: string, c: EventCoverage): void => {
    out.events[key] = c;
    out.required_mapped += c.required.mapped.length;
    out.required_total += c.required.mapped.length + c.required.missing.length;
    out.optional_mapped += c.optional.mapped.length;
    out.optional_total += c.optional.mapped.length + c.optional.missing.length;
  };
  for (const [key, ev] of Object.entries(config.events)) {
    const rows = targets(ev.mappings, '', new Set(global));
    for (const t of ev.transforms) if (t.op === 'set') rows.add(t.target);
    add(key, one(ev.vendor_event, rows, fields));
  }
  if (config.defaults.action === 'map')
    add(
      'defaults',
      one(
        config.defaults.vendor_event ?? null,
        targets(config.defaults.mappings, '', new Set(global)),
        fields,
      ),
    );
  if (config.defaults.action === 'pass_through') add('defaults', one(null, global, fields));
  return out;
}
