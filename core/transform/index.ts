/**
 * The declarative transformation layer of the processor: the org data layer (org-wide) and
 * the pipeline transformation engine (per pipeline). Both compile config once into functions.
 */
export {
  compileTransforms,
  compileCondition,
  type CompiledTransforms,
  type TransformResult,
} from './engine.js';
export {
  compileOrgDataLayer,
  truncateIp,
  type CompiledOrgLayer,
  type OrgLayerResult,
} from './org-data-layer.js';
export { hashValue } from './hash.js';
export {
  Condition,
  TransformStep,
  TransformSteps,
  OrgDataLayer,
  EMPTY_ORG_DATA_LAYER,
} from './schema.js';
