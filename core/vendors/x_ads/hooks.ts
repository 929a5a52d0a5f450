/**
 * What X's declaration cannot say as data: `identifiers` is a list of objects with one primary key
 * each (`twclid`, `hashed_email`, `hashed_phone_number`); IP and user agent only ride along inside
 * the first of them, never alone (docs/vendors/more-vendors-and-catalog.md §1).
 */
import type { SpecHooks } from '../spec/interpret.js';

const PRIMARY = ['twclid', 'hashed_email', 'hashed_phone_number'] as const;

/** Build `identifiers` from the mapped `ids` block (which is removed). */
export const xAdsHooks: SpecHooks = {
  item(item) {
    const ids = (item.ids ?? {}) as Record<string, unknown>;
    delete item.ids;
    const list: Record<string, unknown>[] = PRIMARY.filter(
      (k) => typeof ids[k] === 'string' && ids[k],
    ).map((k) => ({ [k]: ids[k] }));
    if (list.length === 0) return;
    for (const k of ['ip_address', 'user_agent'] as const)
      if (typeof ids[k] === 'string' && ids[k]) list[0]![k] = ids[k];
    item.identifiers = list;
  },
};
