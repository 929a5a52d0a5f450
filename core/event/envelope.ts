/**
 * The canonical event envelope: one shape whatever the input method (docs/design.md "Contracts").
 * Runtime-neutral: imported by the edge Worker and by the Node services alike.
 */
import { z } from 'zod';

export const ENVELOPE_VERSION = 1 as const;

/** Event types the pipeline understands. */
export const EVENT_TYPES = ['page', 'track', 'identify', 'group'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Ingestion method that produced an event. */
export const SOURCE_KINDS = ['browser', 'server', 'batch', 'pixel', 'webhook'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Size and count limits (docs/design.md): per event, per batch request. */
export const LIMITS = {
  eventBytes: 32 * 1024,
  batchBytes: 500 * 1024,
  batchEvents: 500,
  idLength: 256,
  eventNameLength: 256,
} as const;

/** Ad click ids captured from the page URL and the request URL. Query name → envelope name. */
export const CLICK_ID_PARAMS: Readonly<Record<string, string>> = {
  gclid: 'gclid',
  gbraid: 'gbraid',
  wbraid: 'wbraid',
  fbclid: 'fbclid',
  ttclid: 'ttclid',
  li_fat_id: 'li_fat_id',
  ScCid: 'sccid',
  sccid: 'sccid',
  epik: 'epik',
  tduid: 'tduid',
  msclkid: 'msclkid',
  twclid: 'twclid',
  rdt_cid: 'rdt_cid',
};

const id = z.string().min(1).max(LIMITS.idLength);
const isoTime = z.iso.datetime({ offset: true });
const dict = z.record(z.string(), z.unknown());

const PageContext = z.looseObject({
  url: z.string().max(8192).optional(),
  path: z.string().max(8192).optional(),
  title: z.string().max(2048).optional(),
  referrer: z.string().max(8192).optional(),
  search: z.string().max(8192).optional(),
});
type PageContext = z.infer<typeof PageContext>;

export const Context = z.looseObject({
  page: PageContext.optional(),
  ip: z.string().max(64).optional(),
  user_agent: z.string().max(2048).optional(),
  locale: z.string().max(64).optional(),
  timezone: z.string().max(64).optional(),
  screen: z
    .looseObject({
      width: z.number().optional(),
      height: z.number().optional(),
      density: z.number().optional(),
    })
    .optional(),
  campaign: z.record(z.string(), z.string()).optional(),
  click_ids: z.record(z.string(), z.string()).optional(),
  vendor_ids: z.record(z.string(), z.string()).optional(),
  consent: z.record(z.string(), z.boolean()).optional(),
  geo: z
    .looseObject({
      country: z.string().optional(),
      region: z.string().optional(),
      city: z.string().optional(),
      postal_code: z.string().optional(),
      timezone: z.string().optional(),
    })
    .optional(),
  library: z.looseObject({ name: z.string(), version: z.string().optional() }).optional(),
});
export type Context = z.infer<typeof Context>;

export const Source = z.looseObject({
  kind: z.enum(SOURCE_KINDS),
  pipeline_id: z.string(),
  org_id: z.string(),
  source_id: z.string(),
});
export type Source = z.infer<typeof Source>;

/** The envelope as it travels on `raw-events` and `delivery-*`. Unknown fields are kept. */
export const Envelope = z.looseObject({
  v: z.literal(ENVELOPE_VERSION),
  event_id: id,
  type: z.enum(EVENT_TYPES),
  event: z.string().min(1).max(LIMITS.eventNameLength).optional(),
  anonymous_id: id.optional(),
  user_id: id.optional(),
  group_id: id.optional(),
  timestamp: isoTime,
  sent_at: isoTime.optional(),
  received_at: isoTime,
  properties: dict.default({}),
  traits: dict.default({}),
  context: Context.default({}),
  source: Source,
});
export type Envelope = z.infer<typeof Envelope>;

/**
 * What a client may send for one event, in canonical field names. Server-filled fields
 * (`received_at`, `source`, `v`) are ignored if present; everything else is optional except
 * `type`, and `event` for track calls. `normalizeEvent` parses it through the compiled accept
 * path of fast-parse.ts, which covers the constructs used here; a construct it does not cover
 * sends every event through zod's interpreter (slower, same result).
 */
export const EventInput = z
  .looseObject({
    event_id: id.optional(),
    messageId: id.optional(),
    type: z.enum(EVENT_TYPES, { error: `must be one of ${EVENT_TYPES.join(', ')}` }),
    event: z.string().min(1).max(LIMITS.eventNameLength).optional(),
    name: z.string().max(LIMITS.eventNameLength).optional(),
    anonymous_id: id.optional(),
    user_id: id.optional(),
    group_id: id.optional(),
    timestamp: isoTime.optional(),
    sent_at: isoTime.optional(),
    properties: dict.optional(),
    traits: dict.optional(),
    context: Context.optional(),
  })
  .refine((e) => e.type !== 'track' || !!e.event, {
    message: 'track events need an "event" name',
    path: ['event'],
  })
  .refine((e) => e.type !== 'identify' || !!(e.user_id || e.anonymous_id || e.traits), {
    message: 'identify events need "user_id" or "traits"',
    path: ['user_id'],
  })
  .refine((e) => e.type !== 'group' || !!e.group_id, {
    message: 'group events need a "group_id"',
    path: ['group_id'],
  });
export type EventInput = z.infer<typeof EventInput>;
