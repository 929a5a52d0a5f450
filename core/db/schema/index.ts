/** The whole Drizzle schema, split by aggregate (docs/style.md 9). */
export * from './organisations.js';
export * from './pipelines.js';
export * from './integrations.js';
export * from './audit.js';
export * from './delivery.js';
export * from './processor.js';
export * from './identity.js';
