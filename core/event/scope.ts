/**
 * The dedup scope of an event: which sender it came from. Every record that drops a copy of an
 * event it has seen (the processor's `processor_seen`, delivery's delivered-id ledger) is keyed by
 * scope and `event_id`, so that one source — a public browser key, say — can never suppress
 * another source's event by reusing its id.
 */

/** An envelope's `source`, as far as the scope needs it. */
interface ScopedSource {
  pipeline_id: string;
  kind: string;
  source_id?: string | undefined;
}

/**
 * The dedup scope of an envelope's source: `{pipeline_id}/{source_id or kind}`.
 *
 * @example sourceScope({ pipeline_id: 'pl_1', kind: 'server', source_id: 'src_1' }) // → 'pl_1/src_1'
 */
export const sourceScope = (source: ScopedSource): string =>
  `${source.pipeline_id}/${source.source_id ?? source.kind}`;

/** One event as a dedup record sees it. */
export interface ScopedId {
  source: string;
  event_id: string;
}

/**
 * The map key of a scoped id (NUL cannot occur in either part: the edge refuses it).
 *
 * @example scopedKey({ source: 'pl_1/src_1', event_id: 'e1' }) // → 'pl_1/src_1\u0000e1'
 */
export const scopedKey = (k: ScopedId): string => `${k.source}\u0000${k.event_id}`;
