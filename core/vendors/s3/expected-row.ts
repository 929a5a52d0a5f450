/**
 * The row golden cases expect for an envelope, written out field by field (independently of the
 * spec's `ROW_FIELDS` in ./objects.ts): the whole envelope plus the mapped event name; absent
 * identities are left out.
 */
import type { Envelope } from '../../event/index.js';

/** The expected row of `e`, mapped to `eventName`. */
export function expectedRow(e: Envelope, eventName: string): Record<string, unknown> {
  const row: Record<string, unknown> = {
    event_id: e.event_id,
    event_name: eventName,
    event: e.event,
    type: e.type,
    timestamp: e.timestamp,
  };
  if (e.sent_at) row.sent_at = e.sent_at;
  row.received_at = e.received_at;
  if (e.anonymous_id) row.anonymous_id = e.anonymous_id;
  if (e.user_id) row.user_id = e.user_id;
  if (e.group_id) row.group_id = e.group_id;
  return {
    ...row,
    properties: e.properties,
    traits: e.traits,
    context: e.context,
    source: e.source,
  };
}
