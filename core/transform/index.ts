/**
 * The declarative transformation layer of the processor: the org data layer (org-wide) and
 * the pipeline transformation engine (per pipeline). Both compile config once into functions.
 */
export { compileTransforms, type CompiledTransforms } from './engine.js';
export { compileOrgDataLayer, truncateIp, type CompiledOrgLayer } from './org-data-layer.js';
export { hashValue } from './hash.js';
export { EMPTY_ORG_DATA_LAYER } from './schema.js';
