/** The identity hub's face: the graph port, the merge rule, identifiers, and the in-memory graph. */
export * from './types.js';
export { planObservation, type Known, type Plan } from './merge.js';
export { identifiersOf, personIdFor, suppressionHash } from './identifiers.js';
export { memoryGraph } from './memory.js';
export {
  resolveIdentity,
  DEFAULT_IDENTITY_SETTINGS,
  type IdentitySettings,
  type IdentityOutcome,
  type ContextIdentity,
} from './hub.js';
export { cachedGraph, type CachedGraph } from './cache.js';
