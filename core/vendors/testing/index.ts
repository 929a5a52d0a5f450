/**
 * Shared vendor test kit: deterministic events, the golden-case runner, the double server and
 * `deliverThrough` (format → send to a double → classify). `startDouble` lives in ./doubles.ts.
 */
export * from './events.js';
export * from './runner.js';
export * from './deliver.js';
export * from './contract.js';
