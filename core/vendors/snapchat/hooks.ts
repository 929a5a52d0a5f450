/**
 * What Snapchat's declaration cannot say as data: app events go to the Snap app id instead of the
 * pixel, and the validate endpoint's event checks (web URL, minimum identity, purchase value) skip
 * an event before sending, each with its own reason (docs/vendors/ads-analytics-warehouse.md §6).
 */
import type { SpecHooks } from '../spec/interpret.js';

/**
 * Why Snap would refuse this built event (the validate endpoint's checks), or undefined.
 *
 * @example
 * snapEventProblem({
 *   event_name: 'PURCHASE',
 *   action_source: 'WEB',
 *   event_source_url: 'https://x',
 *   user_data: { em: ['…'] },
 * }) // → 'PURCHASE needs custom_data.value and custom_data.currency'
 */
export function snapEventProblem(ev: Record<string, unknown>): string | undefined {
  if (ev.action_source === 'WEB' && typeof ev.event_source_url !== 'string')
    return 'web events need event_source_url';
  const u = (ev.user_data ?? {}) as Record<string, unknown>;
  if (!(u.em || u.ph || u.madid || (u.client_ip_address && u.client_user_agent))) {
    return 'Snap needs user_data.em, user_data.ph, user_data.madid, or client_ip_address with client_user_agent';
  }
  if (String(ev.event_name).toUpperCase() === 'PURCHASE') {
    const c = (ev.custom_data ?? {}) as Record<string, unknown>;
    if (c.value === undefined || !c.currency)
      return 'PURCHASE needs custom_data.value and custom_data.currency';
  }
  return undefined;
}

export const snapchatHooks: SpecHooks = {
  settings(params) {
    params.asset =
      params.snap_app_id && params.action_source === 'MOBILE_APP'
        ? params.snap_app_id
        : params.pixel_id;
  },
  item: (item) => snapEventProblem(item),
};
