/** Event filters (`events.<key>.filter`) use the shared condition vocabulary: core/condition. */
export * from '../condition/index.js';
