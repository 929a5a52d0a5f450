/**
 * Turn one client-sent event into the canonical envelope: validate it (field-precise errors),
 * apply server facts (received_at, source, ids) and correct the client clock.
 */
import { z } from 'zod';
import { utf8SizeOver } from '../json/index.js';
import { correctTimestamp } from './clock.js';
import { fastParser } from './fast-parse.js';
import { ENVELOPE_VERSION, EventInput, LIMITS, type Envelope, type Source } from './envelope.js';

/** Facts the server knows about the request an event came in. */
export interface ServerFacts {
  received_at: string;
  source: Source;
  /** Used when the event carries no `sent_at` (e.g. the batch/request level one). */
  sent_at?: string;
  /** Mints an event id when the client sent none. */
  newId: () => string;
  /**
   * Largest event accepted, in bytes of JSON (default `LIMITS.eventBytes`). The edge checks
   * what the client sent against `LIMITS.eventBytes` itself and passes a larger bound here,
   * so that its own enrichment (ip, geo, click ids, vendor ids) never tips an event over.
   */
  maxBytes?: number;
}

/** One validation problem, naming the field by its path (`context.page.url`). */
export interface FieldIssue {
  field: string;
  message: string;
  /** Set when the problem is the event's size (answered 413, not 400). */
  tooLarge?: true;
}

export type NormalizeResult =
  { ok: true; envelope: Envelope } | { ok: false; issues: FieldIssue[] };

/** zod's output for events it accepts, without running zod's interpreter (see fast-parse.ts). */
const fastEventInput = fastParser(EventInput);

/** Zod issues → `{field, message}` with dotted paths. */
function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({
    field: i.path.map(String).join('.') || '(event)',
    message: i.message,
  }));
}

/**
 * Validate one event and build its envelope.
 *
 * @example
 * normalizeEvent({ type: 'track', event: 'Signed Up' }, facts)
 *   // → { ok: true, envelope: { v: 1, type: 'track', event: 'Signed Up', event_id: …, … } }
 */
export function normalizeEvent(raw: unknown, facts: ServerFacts): NormalizeResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, issues: [{ field: '(event)', message: 'must be a JSON object' }] };
  }
  const limit = facts.maxBytes ?? LIMITS.eventBytes;
  const size = utf8SizeOver(JSON.stringify(raw), limit);
  if (size !== null) {
    return {
      ok: false,
      issues: [
        { field: '(event)', message: `is ${size} bytes; the limit is ${limit}`, tooLarge: true },
      ],
    };
  }
  let input = fastEventInput?.(raw);
  if (input === undefined) {
    const parsed = EventInput.safeParse(raw);
    if (!parsed.success) return { ok: false, issues: fieldIssues(parsed.error) };
    input = parsed.data;
  }
  // Server-owned and alias fields never pass through from the client.
  const {
    messageId,
    name,
    received_at: _r,
    source: _s,
    v: _v,
    ...rest
  } = input as EventInput & Record<string, unknown>;
  const sentAt = input.sent_at ?? facts.sent_at;
  const event = input.event ?? (input.type === 'page' && name ? name : undefined);
  const envelope: Envelope = {
    ...rest,
    v: ENVELOPE_VERSION,
    event_id: input.event_id ?? messageId ?? facts.newId(),
    type: input.type,
    ...(event ? { event } : {}),
    timestamp: correctTimestamp(input.timestamp, sentAt, facts.received_at),
    ...(sentAt ? { sent_at: sentAt } : {}),
    received_at: facts.received_at,
    properties: input.properties ?? {},
    traits: input.traits ?? {},
    context: input.context ?? {},
    source: facts.source,
  };
  return { ok: true, envelope };
}
