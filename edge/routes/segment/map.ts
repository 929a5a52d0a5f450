/**
 * Segment's (and RudderStack's) message spec → the canonical event in docs/design.md field names.
 * Pure and runtime-neutral. The result goes through the same `prepareEvent` as every other
 * endpoint, which validates it and names the failing field.
 *
 * | Segment / RudderStack | canonical |
 * |---|---|
 * | `messageId` | `event_id` |
 * | `userId`, `anonymousId`, `groupId`, `previousId` | `user_id`, `anonymous_id`, `group_id`, `previous_id` |
 * | `timestamp` (RudderStack: `originalTimestamp`), `sentAt` | `timestamp`, `sent_at` |
 * | `event` (track), `name` (page, screen) | `event` |
 * | `category` (page, screen) | `properties.category` unless set |
 * | `screen` / `alias` calls | `page` / `identify`, with `original_type` |
 * | `integrations` | `integrations` (per-integration switches, honoured by the processor) |
 * | `context.userAgent`, `context.consent.categoryPreferences`, RudderStack `context.consentManagement` | `context.user_agent`, `context.consent` |
 *
 * The write key and SDK metadata (`writeKey`, `_metadata`) are never copied.
 */
import type { EventType } from '../../../core/event/index.js';
import { isRecord } from '../../../core/json/index.js';

/** The call types of Segment's spec (`/v1/{type}` and a batch item's `type`). */
export const SEGMENT_TYPES = ['identify', 'track', 'page', 'screen', 'group', 'alias'] as const;
export type SegmentType = (typeof SEGMENT_TYPES)[number];

/** The canonical type each Segment call becomes. */
const CANONICAL_TYPE: Readonly<Record<SegmentType, EventType>> = {
  identify: 'identify',
  track: 'track',
  page: 'page',
  screen: 'page',
  group: 'group',
  alias: 'identify',
};

/** Request-level fields a batch (or a single call's path) gives every message. */
interface SegmentDefaults {
  /** The type the path implies (`/v1/track`); a message's own `type` must agree. */
  type?: SegmentType;
  context?: unknown;
  integrations?: unknown;
  sentAt?: unknown;
}

type Obj = Record<string, unknown>;

type SegmentMapResult = { ok: true; event: Obj } | { ok: false; field: string; message: string };

/** Ids may be numbers in older SDKs (RudderStack's Node SDK says so); they become strings. */
function idOf(v: unknown): unknown {
  return typeof v === 'number' && Number.isFinite(v) ? String(v) : v;
}

/**
 * One Segment/RudderStack message → a canonical event (not yet validated).
 *
 * @example fromSegment({ type: 'track', event: 'Order Completed', userId: 'u1', messageId: 'm1' }, {})
 *   // → { ok: true, event: { type: 'track', event: 'Order Completed', user_id: 'u1', event_id: 'm1', context: {}, … } }
 */
export function fromSegment(message: unknown, defaults: SegmentDefaults): SegmentMapResult {
  if (!isRecord(message)) return { ok: false, field: '(event)', message: 'must be a JSON object' };
  const given = message.type;
  const type = defaults.type ?? given;
  if (!SEGMENT_TYPES.includes(type as SegmentType)) {
    return { ok: false, field: 'type', message: `must be one of ${SEGMENT_TYPES.join(', ')}` };
  }
  const segmentType = type as SegmentType;
  if (defaults.type && given !== undefined && given !== defaults.type) {
    return {
      ok: false,
      field: 'type',
      message: `this endpoint takes ${defaults.type} calls, not ${JSON.stringify(given).slice(0, 40)}`,
    };
  }
  const integrations = mergeObjects(defaults.integrations, message.integrations);
  if (integrations !== undefined && !isRecord(integrations))
    return {
      ok: false,
      field: 'integrations',
      message: 'must be an object of integration name → true/false',
    };
  const rawContext = mergeObjects(defaults.context, message.context);
  if (rawContext !== undefined && !isRecord(rawContext))
    return { ok: false, field: 'context', message: 'must be an object' };

  const event: Obj = {
    type: CANONICAL_TYPE[segmentType],
    context: canonicalContext(rawContext ?? {}),
  };
  if (segmentType === 'screen' || segmentType === 'alias') event.original_type = segmentType;
  const copy = (from: string, to: string, value = message[from]) => {
    if (value !== undefined && value !== null) event[to] = value;
  };
  copy('messageId', 'event_id');
  copy('userId', 'user_id', idOf(message.userId));
  copy('anonymousId', 'anonymous_id', idOf(message.anonymousId));
  copy('groupId', 'group_id', idOf(message.groupId));
  copy('previousId', 'previous_id', idOf(message.previousId));
  copy('timestamp', 'timestamp', message.timestamp ?? message.originalTimestamp);
  copy('sentAt', 'sent_at', message.sentAt ?? defaults.sentAt);
  copy('properties', 'properties');
  copy('traits', 'traits');
  if (segmentType === 'track') copy('event', 'event');
  if (segmentType === 'page' || segmentType === 'screen') {
    copy('name', 'event');
    if (typeof message.category === 'string' && message.category !== '') {
      const properties = isRecord(event.properties) ? event.properties : {};
      if (properties.category === undefined)
        event.properties = { ...properties, category: message.category };
    }
  }
  if (integrations !== undefined) event.integrations = integrations;
  return { ok: true, event };
}

/** A batch-level object under a message-level one (the message's keys win). */
function mergeObjects(outer: unknown, inner: unknown): unknown {
  if (outer === undefined || outer === null) return inner ?? undefined;
  if (inner === undefined || inner === null) return outer;
  return isRecord(outer) && isRecord(inner) ? { ...outer, ...inner } : inner;
}

/**
 * Segment's context → the canonical context: camelCase names the envelope spells differently
 * are renamed, consent is read from Segment's and RudderStack's consent objects, and campaign
 * values keep only strings. Everything else passes through (unknown fields are kept).
 */
function canonicalContext(ctx: Obj): Obj {
  const { userAgent, consent, consentManagement, campaign, ...rest } = ctx;
  const out: Obj = { ...rest };
  if (out.user_agent === undefined && typeof userAgent === 'string') out.user_agent = userAgent;
  const granted = consentFrom(consent, consentManagement);
  if (granted) out.consent = granted;
  if (isRecord(campaign)) {
    const strings = Object.entries(campaign).filter(
      (e): e is [string, string] => typeof e[1] === 'string',
    );
    if (strings.length > 0) out.campaign = Object.fromEntries(strings);
  }
  return out;
}

/**
 * Consent categories as `{category: boolean}`, lowercased. Segment's Consent Management puts
 * `context.consent.categoryPreferences`; RudderStack puts `context.consentManagement`
 * `{allowedConsentIds, deniedConsentIds}`; a canonical `{category: boolean}` map is kept.
 */
function consentFrom(consent: unknown, rudder: unknown): Record<string, boolean> | undefined {
  const out: Record<string, boolean> = {};
  const source =
    isRecord(consent) && isRecord(consent.categoryPreferences)
      ? consent.categoryPreferences
      : consent;
  if (isRecord(source))
    for (const [k, v] of Object.entries(source))
      if (typeof v === 'boolean') out[k.toLowerCase()] = v;
  if (isRecord(rudder)) {
    const ids = (v: unknown) =>
      Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    for (const id of ids(rudder.deniedConsentIds)) out[id.toLowerCase()] = false;
    for (const id of ids(rudder.allowedConsentIds)) out[id.toLowerCase()] = true;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
