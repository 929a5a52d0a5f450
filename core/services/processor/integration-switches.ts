/**
 * Per-event integration switches, as Segment's and RudderStack's SDKs send them:
 * `integrations: { "All": false, "Meta CAPI": true }`. The envelope carries the object as it
 * came (edge/routes/segment); the processor asks, per pipeline integration, whether the event
 * goes to it.
 *
 * Names match case-insensitively and ignoring spaces and punctuation, against each of the
 * integration's names: its vendor key (`meta_capi`), its catalog name, its template id
 * (`tmpl_…`) and its pipeline-integration id (`pi_…`). So "Meta CAPI", "meta-capi" and
 * "META_CAPI" all name Meta's Conversions API. An integration's own entry wins; without one,
 * `All` decides; without either, the event is sent. `true` and settings objects both mean on.
 */
import { getCatalogEntry } from '../../catalog/index.js';

/** Lowercase letters and digits only: "Meta CAPI" and "meta_capi" → "metacapi". */
const normalise = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The names one pipeline integration answers to, normalised. */
export function integrationNames(pi: {
  id: string;
  integration_id: string;
  vendor: string;
}): Set<string> {
  const names = [pi.vendor, pi.integration_id, pi.id];
  const catalogName = getCatalogEntry(pi.vendor)?.name;
  if (catalogName) names.push(catalogName);
  return new Set(names.map(normalise));
}

/**
 * Whether an event's switches let it go to the integration with these (normalised) names.
 *
 * @example integrationAllowed({ All: true, 'Meta CAPI': false }, integrationNames({ id: 'pi_1', integration_id: 'tmpl_1', vendor: 'meta_capi' })) // → false
 * @example integrationAllowed({ All: false, GA4: true }, integrationNames({ id: 'pi_2', integration_id: 'tmpl_2', vendor: 'ga4' })) // → true
 */
export function integrationAllowed(switches: unknown, names: ReadonlySet<string>): boolean {
  if (typeof switches !== 'object' || switches === null || Array.isArray(switches)) return true;
  let all: boolean | undefined;
  for (const [name, value] of Object.entries(switches)) {
    const key = normalise(name);
    if (names.has(key)) return value !== false;
    if (key === 'all') all = value !== false;
  }
  return all ?? true;
}
