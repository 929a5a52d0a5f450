/** The whole Drizzle schema, split by aggregate (STYLE.md 9). */
export * from './organisations';
export * from './pipelines';
export * from './integrations';
export * from './audit';
export * from './delivery';
export * from './processor';
export * from './identity';
