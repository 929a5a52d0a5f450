/**
 * The V2 schema-mapping engine (docs/vendors-and-mapping.md). Node only (sha256 via
 * node:crypto). Config as data → `validateMappingConfig` → `compileMapping` → `map(event)`.
 */
export * from './config.js';
export * from './condition.js';
export * from './coverage.js';
export * from './engine.js';
export * from './hash.js';
export * from './path.js';
export * from './transforms.js';
export * from './vendor.js';
export * from '../vendors/outcomes.js';
export * from './preview.js';
