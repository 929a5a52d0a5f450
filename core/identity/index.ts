/** The identity hub's face: the graph port, the merge rule, identifiers, and the in-memory graph. */
export * from './types.js';

export { personIdFor } from './identifiers.js';
export { memoryGraph } from './memory.js';
export { resolveIdentity, DEFAULT_IDENTITY_SETTINGS } from './hub.js';
export { cachedGraph } from './cache.js';
