/**
 * Reddit Conversions API: a declaration only (declaration.ts), with the generic contract double
 * plus Reddit's own value checks.
 *
 * @example reddit.definition.parseSettings({ pixel_id: 'a2_x', access_token: 't' })
 */
import { declareVendor } from '../spec/declared.js';
import { REDDIT_TRACKING_TYPES, redditDeclaration } from './declaration.js';

const TYPES = new Set<string>(REDDIT_TRACKING_TYPES);

/** What the registry holds for Reddit. */
export const reddit = declareVendor(redditDeclaration, {
  extraCheck: (item) => {
    const t = item.type as { tracking_type?: unknown } | undefined;
    if (typeof t?.tracking_type !== 'string' || !TYPES.has(t.tracking_type))
      return `type.tracking_type "${String(t?.tracking_type)}" is not a Reddit tracking type`;
    const at = item.event_at;
    if (typeof at !== 'number' || !Number.isInteger(at) || at < 1e12)
      return 'event_at must be epoch milliseconds';
    return undefined;
  },
});
