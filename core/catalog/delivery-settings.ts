/**
 * The delivery settings every integration revision may carry next to its vendor fields
 * (docs/delivery.md: consent categories, batching, rate limits, timeouts, test mode). Defined once:
 * the catalog shows them as fields, admin validates them, delivery reads them.
 */
import { z } from 'zod';
import type { ConfigField } from './types.js';

/** Zod schema of the shared settings (all optional; absent = the vendor's default). */
export const DeliverySettings = z.object({
  consent_categories: z.array(z.string().min(1).max(64)).max(20).optional(),
  batch_size: z.number().int().min(1).max(10_000).optional(),
  batch_interval_ms: z.number().int().min(0).max(600_000).optional(),
  rate_limit_rps: z.number().positive().max(100_000).optional(),
  rate_limit_burst: z.number().int().min(1).max(1_000_000).optional(),
  rate_limit_daily: z.number().int().min(0).optional(),
  timeout_ms: z.number().int().min(100).max(120_000).optional(),
  test_mode: z.boolean().optional(),
  endpoint_override: z.url({ protocol: /^https?$/ }).optional(),
});
export type DeliverySettings = z.infer<typeof DeliverySettings>;

/** The keys of the shared settings. */
export const DELIVERY_SETTING_KEYS = Object.keys(
  DeliverySettings.shape,
) as (keyof DeliverySettings)[];

/** The shared settings as catalog fields (appended to every entry's own fields when shown). */
export const DELIVERY_SETTING_FIELDS: readonly ConfigField[] = [
  {
    key: 'consent_categories',
    label: 'Consent categories',
    type: 'string_list',
    required: false,
    secret: false,
    help: 'Deliver only events whose context.consent grants every listed category. Empty: always deliver.',
  },
  {
    key: 'batch_size',
    label: 'Batch size',
    type: 'number',
    required: false,
    secret: false,
    help: 'Most events per request (capped by the vendor limit).',
  },
  {
    key: 'batch_interval_ms',
    label: 'Batch interval (ms)',
    type: 'number',
    required: false,
    secret: false,
    help: 'Longest wait after the first buffered event before a batch is sent.',
  },
  {
    key: 'rate_limit_rps',
    label: 'Rate limit (requests/s)',
    type: 'number',
    required: false,
    secret: false,
    help: 'Maximum requests per second (vendor-specific default).',
  },
  {
    key: 'rate_limit_burst',
    label: 'Rate limit burst',
    type: 'number',
    required: false,
    secret: false,
    help: 'Burst capacity for short spikes (default: twice the rate).',
  },
  {
    key: 'rate_limit_daily',
    label: 'Daily request cap',
    type: 'number',
    required: false,
    secret: false,
    help: 'Optional daily request cap; 0 means unlimited.',
    default: 0,
  },
  {
    key: 'timeout_ms',
    label: 'Timeout (ms)',
    type: 'number',
    required: false,
    secret: false,
    help: 'Per-request timeout; a timeout is retried.',
  },
  {
    key: 'test_mode',
    label: 'Test mode',
    type: 'boolean',
    required: false,
    secret: false,
    help: "Send to the vendor's test/validation endpoint instead of production.",
    default: false,
  },
  {
    key: 'endpoint_override',
    label: 'Endpoint override',
    type: 'url',
    required: false,
    secret: false,
    help: "Send to this base URL instead of the vendor's (a sandbox or test double).",
  },
];
