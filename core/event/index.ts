export * from './envelope.js';
export * from './clock.js';
export * from './normalize.js';
