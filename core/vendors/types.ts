/**
 * A vendor is a declarative definition plus pure functions (docs/style.md 2). It formats events into
 * request *descriptions* and classifies the answers; it never sends — core/services/delivery does.
 */
import type { ErrorCode } from '../errors/index.js';
import type { Envelope } from '../event/index.js';
import type { VendorMapping } from '../mapping/vendor.js';

/** What delivery will send. `event_ids` says which events the request carries, in order. */
export interface OutboundRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  url: string;
  headers: Record<string, string>;
  /** The body as text (NDJSON before any compression: what traces, previews and scrubbing read). */
  body?: string;
  event_ids: string[];
  /**
   * A request sent after this one answered 2xx, carrying the same events (load a staged file:
   * S3 PutObject, then Redshift COPY or Snowpipe insertFiles). Its answer is the one classified;
   * a failing step stops the chain and its own answer is classified. See docs/warehouses.md.
   */
  then?: OutboundRequest;
}

/** A request as it goes on the wire, after `seal` (compressed, signed): the body may be bytes. */
export interface WireRequest {
  method: OutboundRequest['method'];
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
}

export interface VendorResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Per-event result of one request: a vendor that rejects one event in a batch gets the rest delivered. */
export type EventOutcome =
  | { event_id: string; status: 'delivered' }
  | { event_id: string; status: 'retry'; code: ErrorCode; reason: string; retryAfterMs?: number }
  | { event_id: string; status: 'failed'; code: ErrorCode; reason: string };

export interface VendorLimits {
  /** Most events one request may carry (1 = no batching). */
  maxBatchEvents: number;
  maxBatchBytes?: number;
  /** Default rate limit (requests/s) when the integration sets none. */
  rateLimitRps: number;
  /** Default wait (ms) for a batch to fill when the integration sets no `batch_interval_ms` (files: seconds, not milliseconds). */
  batchIntervalMs?: number;
}

export interface FormatContext {
  /** Test mode switch (Meta/TikTok test_event_code, GA4 validation endpoint, …). */
  testMode: boolean;
  /** Resolved auth material (e.g. an OAuth2 access token) from `authorize`. */
  accessToken?: string;
  /** Delivery's clock (epoch ms). When given, vendors skip events outside their age window instead of letting one stale event fail a whole batch. */
  now?: number;
}

export interface VendorDefinition<Settings = Record<string, unknown>> {
  /** Vendor key, as in the catalog (`meta_capi`, `ga4`, `reddit`). */
  id: string;
  /** Validate and default a revision's config; throws DataflyError('config_error', …, {field}). */
  parseSettings(config: unknown): Settings;
  limits(settings: Settings): VendorLimits;
  /** Events → requests. Events the vendor cannot take come back in `skipped` with a reason. */
  format(
    events: Envelope[],
    settings: Settings,
    ctx: FormatContext,
  ): { requests: OutboundRequest[]; skipped: { event_id: string; reason: string }[] };
  /**
   * Status code + in-body errors → per-event outcomes. `settings` (what `parseSettings` gave)
   * matters to custom Delivery Specs, whose answer rules are configuration.
   */
  classify(response: VendorResponse, request: OutboundRequest, settings?: Settings): EventOutcome[];
  /** Optional: fetch/refresh an access token (OAuth2 service accounts); delivery caches it. */
  authorize?(
    settings: Settings,
    fetcher: typeof fetch,
  ): Promise<{ token: string; expiresAt: number }>;
  /**
   * Optional: turn a formatted request into what is sent, just before sending (compress its body,
   * sign it with the current time: AWS SigV4 signatures are valid for 15 minutes and the signing
   * library is asynchronous). Delivery calls it for every attempt and every step of `then`.
   */
  seal?(request: OutboundRequest, settings: Settings, now: number): Promise<WireRequest>;
  /** Setting keys whose values must be scrubbed from logs, URLs and DLQ bodies. */
  secretKeys: readonly string[];
  /** Vendors built on the V2 mapping engine: field schema (coverage), normalisers, default mappings. */
  mapping?: VendorMapping;
}
