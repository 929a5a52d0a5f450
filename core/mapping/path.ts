/** The mapping engine reads and writes fields through the shared dotted-path module: core/path. */
export * from '../path/index.js';
