/**
 * The transform layer's path helpers, under their historical names, over the shared
 * dotted-path module (core/path): own properties only, prototype keys refused.
 */
export {
  parsePath,
  readPath as getAt,
  hasPath as hasAt,
  writePath as setAt,
  deletePath as deleteAt,
} from '../path/index.js';
