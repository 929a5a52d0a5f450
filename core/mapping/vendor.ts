/**
 * What a vendor gives the mapping engine (its field schema, normalisers, default mappings) and
 * the one settings parser every mapped vendor uses: a revision config → validated parameters
 * + a compiled mapping + the test-mode switch.
 */
import { z } from 'zod';
import type { Envelope } from '../event/index.js';
import { DataflyError } from '../errors/index.js';
import {
  checkMappingConfig,
  formatPath,
  type MappingConfig,
  type MappingConfigInput,
  type MappingRow,
} from './config.js';
import type { VendorField } from './coverage.js';
import { compileMapping, type CompiledMapping, type MapResult } from './engine.js';
import type { TransformTable } from './transforms.js';

export interface VendorMapping {
  /** The vendor's per-event object fields (feeds coverage and the builder's autocomplete). */
  fields: readonly VendorField[];
  /** Vendor normalisers, namespaced (`meta.normalize_phone`). */
  transforms: TransformTable;
  /** Default `global` / `events` (page view, add to cart, purchase, lead) / `defaults`. */
  defaults: Omit<MappingConfigInput, 'parameters'>;
  /** Vendor event name for pass-through events (GA4: snake_case). */
  passThroughName?: (name: string) => string;
}

/** Parameters every mapped vendor accepts: the ONE test-mode switch and a base-URL override. */
export const CommonParams = z.object({
  /** The per-integration test switch (GA4 validation endpoint, Google validateOnly, Meta test_event_code, …). */
  test_mode: z.boolean().default(false),
  /** Send to this base URL instead of the vendor's (sandbox / doubles). */
  endpoint_override: z.url().optional(),
});

export interface MappedSettings<P> {
  params: P;
  mapping: CompiledMapping;
  testMode: boolean;
}

const CATEGORIES = new Set(['parameters', 'global', 'events', 'defaults']);

/**
 * Split a revision config into mapping categories. Flat keys (a catalog install's
 * `{ pixel_id, access_token }`) are parameters; a missing category falls back to the vendor's
 * default mapping for it.
 *
 * @example
 * resolveMappingConfig({ pixel_id: '1' }, metaMapping) // → { parameters: { pixel_id: '1' }, global: [...], events: {...}, defaults: {...} }
 */
function resolveMappingConfig(raw: unknown, vm: VendorMapping): Record<string, unknown> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new DataflyError('config_error', 'integration config must be an object', {
      field: '(config)',
    });
  }
  const r = raw as Record<string, unknown>;
  const flat = Object.fromEntries(Object.entries(r).filter(([k]) => !CATEGORIES.has(k)));
  const nested =
    r.parameters && typeof r.parameters === 'object'
      ? (r.parameters as Record<string, unknown>)
      : {};
  return {
    parameters: { ...flat, ...nested },
    global: r.global ?? vm.defaults.global ?? [],
    events: r.events ?? vm.defaults.events ?? {},
    defaults: r.defaults ?? vm.defaults.defaults ?? { action: 'drop' },
  };
}

/**
 * Parse a revision config for a mapped vendor: parameters against the vendor's schema,
 * mapping categories against the engine's; errors are `config_error` naming the path.
 *
 * @example
 * const s = parseMappedSettings(revision.config, MetaParams, metaMapping);
 * s.mapping.map(event); s.params.pixel_id; s.testMode;
 */
export function parseMappedSettings<P extends { test_mode: boolean }>(
  raw: unknown,
  schema: z.ZodType<P>,
  vm: VendorMapping,
): MappedSettings<P> {
  const resolved = resolveMappingConfig(raw, vm);
  const params = schema.safeParse(resolved.parameters);
  if (!params.success) {
    const i = params.error.issues[0]!;
    throw new DataflyError('config_error', `parameters.${formatPath(i.path)}: ${i.message}`, {
      field: `parameters.${formatPath(i.path)}`,
    });
  }
  const { config, issues } = checkMappingConfig(resolved, {
    transforms: Object.keys(vm.transforms),
  });
  if (!config) {
    const first = issues[0]!;
    throw new DataflyError('config_error', `${first.field}: ${first.message}`, {
      field: first.field,
      details: issues,
    });
  }
  const mapping = compileMapping(config, {
    transforms: vm.transforms,
    ...(vm.passThroughName ? { passThroughName: vm.passThroughName } : {}),
  });
  return { params: params.data, mapping, testMode: params.data.test_mode };
}

/** Mapped events (in order) and the ones the mapping skipped. */
interface MappedBatch {
  mapped: Extract<MapResult, { ok: true }>[];
  skipped: { event_id: string; reason: string }[];
}

/**
 * Run a compiled mapping over a batch.
 *
 * @example
 * const { mapped, skipped } = mapEvents(events, settings.mapping);
 */
function mapEvents(events: readonly Envelope[], mapping: CompiledMapping): MappedBatch {
  const out: MappedBatch = { mapped: [], skipped: [] };
  for (const e of events) {
    const r = mapping.map(e);
    if (r.ok) out.mapped.push(r);
    else out.skipped.push({ event_id: r.event_id, reason: r.reason });
  }
  return out;
}

/**
 * Split a list into chunks of at most `size`.
 *
 * @example
 * chunk([1, 2, 3], 2) // → [[1, 2], [3]]
 */
export function chunk<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * Build request bodies for a batch, halving it until each body is under `maxBytes`; a single
 * item that alone is too big comes back in `tooBig`.
 *
 * @example
 * splitBySize(items, (b) => JSON.stringify({ events: b }), 130 * 1024)
 *   // → { parts: [{ items: [...], body: '…' }], tooBig: [] }
 */
export function splitBySize<T>(
  items: readonly T[],
  build: (batch: readonly T[]) => string,
  maxBytes: number,
): { parts: { items: T[]; body: string }[]; tooBig: T[] } {
  const out: { parts: { items: T[]; body: string }[]; tooBig: T[] } = { parts: [], tooBig: [] };
  const visit = (batch: T[]): void => {
    const body = build(batch);
    if (Buffer.byteLength(body) <= maxBytes) out.parts.push({ items: batch, body });
    else if (batch.length === 1) out.tooBig.push(batch[0]!);
    else {
      const mid = Math.ceil(batch.length / 2);
      visit(batch.slice(0, mid));
      visit(batch.slice(mid));
    }
  };
  if (items.length) visit([...items]);
  return out;
}

/**
 * Build request bodies for a batch, filling each in order with as many items as fit in
 * `maxBytes` (the longest prefix that fits, found by halving the range); an item that alone is
 * too big comes back in `tooBig`.
 *
 * @example
 * fillBySize(items, (b) => JSON.stringify(b), 1024 * 1024)
 *   // → { parts: [{ items: [first 3], body: '…' }, { items: [the 4th], body: '…' }], tooBig: [] }
 */
export function fillBySize<T>(
  items: readonly T[],
  build: (batch: readonly T[]) => string,
  maxBytes: number,
): { parts: { items: T[]; body: string }[]; tooBig: T[] } {
  const out: { parts: { items: T[]; body: string }[]; tooBig: T[] } = { parts: [], tooBig: [] };
  let rest = [...items];
  while (rest.length) {
    // Most batches fit whole: one body built, no search.
    const whole = build(rest);
    if (Buffer.byteLength(whole) <= maxBytes) {
      out.parts.push({ items: rest, body: whole });
      break;
    }
    let [fits, over] = [0, rest.length];
    let body = '';
    while (over - fits > 1) {
      const mid = Math.floor((fits + over) / 2);
      const text = build(rest.slice(0, mid));
      if (Buffer.byteLength(text) <= maxBytes) [fits, body] = [mid, text];
      else over = mid;
    }
    if (fits === 0) out.tooBig.push(rest[0]!);
    else out.parts.push({ items: rest.slice(0, fits), body });
    rest = rest.slice(Math.max(fits, 1));
  }
  return out;
}

/** The config the vendor's defaults produce (for coverage of an untouched install). */
export type { MappingConfig };
