/**
 * The shapes Datafly.js sends. Type-only imports from core: the canonical envelope's input
 * schema defines the field names, and nothing of zod reaches the bundle.
 */
import type { Context, EventInput } from '../../core/event/envelope.js';

/** One event as sent: the canonical input with the fields the collector always fills. */
export type WireEvent = EventInput & { event_id: string; timestamp: string; context: Context };

export type Props = Record<string, unknown>;

/** `init` options. */
export interface InitOptions {
  /** Pipeline key, `dk_…`. */
  key: string;
  /** Edge origin, e.g. `https://data.example.com`; default: the origin the script came from. */
  endpoint?: string;
  /** Hold events (in memory) until some consent category is granted. */
  optIn?: boolean;
  /** Batching window in ms (default 200). */
  wait?: number;
  /** Carry the visitor to the organisation's other domains: decorate links to them with a signed token (docs/identity.md). */
  links?: boolean;
}

/**
 * Per-call options: an `event_id` you chose (e.g. shared with a browser pixel for dedup), and
 * `traits` to send with this one event (e.g. the buyer's email on a purchase, for matching).
 */
export interface CallOptions {
  event_id?: string;
  traits?: Record<string, unknown>;
}
