/**
 * What Meta's declaration cannot say as data: one event Meta would refuse fails the whole request,
 * so such events are skipped before sending, each with its reason (website events need a URL and a
 * user agent, a purchase needs value and currency; with delivery's clock, events older than 7 days,
 * 62 for physical_store, or in the future). docs/vendors/ads-analytics-warehouse.md §2.
 */
import type { SpecHooks } from '../spec/interpret.js';

export const metaHooks: SpecHooks = {
  item(ev, _event, _params, _test, nowMs) {
    const ud = (ev.user_data ?? {}) as Record<string, unknown>;
    if (typeof ev.event_time !== 'number') return 'event_time is missing';
    if (ev.action_source === 'website') {
      if (!ev.event_source_url) return 'website events need event_source_url (context.page.url)';
      if (!ud.client_user_agent)
        return 'website events need user_data.client_user_agent (context.user_agent)';
    }
    const cd = (ev.custom_data ?? {}) as Record<string, unknown>;
    if (ev.event_name === 'Purchase' && (cd.value === undefined || !cd.currency))
      return 'Purchase needs custom_data.value and custom_data.currency';
    if (nowMs === undefined) return undefined;
    const now = Math.floor(nowMs / 1000);
    const max = (ev.action_source === 'physical_store' ? 62 : 7) * 86_400;
    if (ev.event_time < now - max)
      return `event_time is older than Meta accepts (${max / 86_400} days); it would fail the whole batch`;
    if (ev.event_time > now + 60) return 'event_time is more than a minute in the future';
    return undefined;
  },
};
