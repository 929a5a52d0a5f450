/**
 * The Segment-compatible `/v1/batch` call shape, shared by every destination that speaks it
 * (Segment's HTTP Tracking API and RudderStack's HTTP API; docs/segment-compat.md): `{ batch:
 * [...] }` of `track` calls (`event`) and `page` calls (`name`), each with `userId` and/or
 * `anonymousId`, `messageId` as the deduplication id and an ISO-8601 `timestamp`. Events go under
 * Segment-spec names (Order Completed, Product Viewed…). A vendor adds its endpoint, auth, limits
 * and the reason a call without ids is skipped.
 */
import type { DeliverySpecInput } from './schema.js';
import type { SpecHooks } from './interpret.js';
import type { DeclaredMapping } from './declaration.js';
import { specEventNames, standardEvents } from './standard.js';

/** The body, item and answer parts of a `/v1/batch` spec; `skipReason` names why a call without ids is skipped. */
export const batchCallSpec = (
  skipReason: string,
): Pick<DeliverySpecInput, 'body' | 'item' | 'eligibility' | 'answer'> => ({
  body: { wrapper: { batch: '{{items}}' } },
  item: {
    fields: {
      type: 'track',
      event: '{{vendor_event}}',
      messageId: '{{event.event_id}}',
      timestamp: '{{event.timestamp | to_iso8601}}',
    },
  },
  eligibility: { any_of: [['userId'], ['anonymousId']], reason: skipReason },
  answer: { error_message: ['message', 'error'] },
});

/** Page views are `page` calls named after the page, not `track` calls. */
export const pageCalls: Required<Pick<SpecHooks, 'item'>> = {
  item(item, event) {
    if (event.type !== 'page') return;
    const name = typeof event.name === 'string' && event.name ? event.name : event.event;
    const { event: _e, ...rest } = item;
    return { ...rest, type: 'page', ...(name ? { name } : {}) };
  },
};

/** The call's fields and the default mapping: ids, properties and context as they are. */
export const batchCallMapping: DeclaredMapping = {
  fields: [
    { path: 'type', required: true, auto: true, description: 'track, or page for page views.' },
    { path: 'event', required: false, auto: true, description: 'The track call’s event name.' },
    {
      path: 'messageId',
      required: true,
      auto: true,
      description: 'Deduplication id (the event id).',
    },
    { path: 'timestamp', required: true, auto: true, description: 'When it happened (ISO-8601).' },
    { path: 'userId', required: false, description: 'Your user id.' },
    { path: 'anonymousId', required: false, description: 'Anonymous id.' },
    { path: 'properties', required: false, description: 'Event properties.' },
    { path: 'context', required: false, description: 'Context: ip, user agent, page, campaign…' },
  ],
  defaults: {
    global: [
      { source: 'user_id', target: 'userId', transforms: ['to_string'] },
      { source: 'anonymous_id', target: 'anonymousId', transforms: ['to_string'] },
      { source: 'properties', target: 'properties' },
      { source: 'context', target: 'context' },
    ],
    events: standardEvents({ ...specEventNames(), page_view: 'page_view' }),
    defaults: { action: 'pass_through' },
  },
};
