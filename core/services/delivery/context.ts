/**
 * Delivery contexts: what the worker needs to send an event under the revision and parameter
 * values its message names — the vendor definition, parsed settings, batch limits, timeout, the
 * secret values to scrub, the integration's rate limiter and the cached access token. A context is
 * built once per revision and parameter values and kept until the config changes (a config error
 * too; a failed lookup is not). Revisions are immutable, so they are kept for the worker's life.
 */
import { DeliverySettings } from '../../catalog/delivery-settings.js';
import type { Clock } from '../../clock/index.js';
import type { ConfigStore, RevisionConfig } from '../../config-store/types.js';
import { DataflyError, fieldError } from '../../errors/index.js';
import { resolveParams } from '../../params/index.js';
import { RateLimiter, type DailyCounterStore } from '../../ratelimit/index.js';
import { secretValues } from '../../secrets/scrub.js';
import type { DeliveryMessage } from '../../topics.js';
import type { VendorDefinition } from '../../vendors/types.js';

const DEFAULT_BATCH_INTERVAL_MS = 1_000;
const DEFAULT_TIMEOUT_MS = 10_000;

/** One revision's (and parameter values') way of sending. */
export interface DeliveryContext {
  /** Revision and parameter values: batches are kept per key. */
  key: string;
  vendor: VendorDefinition<unknown>;
  settings: unknown;
  consent: string[] | undefined;
  batchMax: number;
  batchBytes: number;
  intervalMs: number;
  timeoutMs: number;
  testMode: boolean;
  secrets: string[];
  limiter: RateLimiter;
  /** OAuth token from `vendor.authorize`, refreshed a minute before it expires (sender.ts). */
  token: Promise<{ value: string; expiresAt: number }> | undefined;
}

interface ContextOptions {
  integrationId: string;
  config: ConfigStore;
  /** Where the rate limiter keeps its daily count (the delivery ledger). */
  dailyCounts: DailyCounterStore;
  clock: Clock;
  vendors: (key: string) => VendorDefinition<unknown> | undefined;
  /** Send to vendors' test endpoints regardless of config. */
  testMode: boolean | undefined;
}

/** Messages carry the parameter values the processor decided; older ones name only the pipeline. */
const keyOf = (msg: DeliveryMessage): string =>
  msg.params
    ? `${msg.revision_id}|${JSON.stringify(msg.params)}`
    : `${msg.revision_id}|pipeline:${msg.pipeline_id}`;

/**
 * The contexts of one integration's worker.
 *
 * @example
 * const contexts = new DeliveryContexts({ integrationId, config, dailyCounts: ledger, clock, vendors: getVendor, testMode: undefined });
 * const ctx = await contexts.for(msg);
 */
export class DeliveryContexts {
  private readonly revisions = new Map<string, Promise<RevisionConfig | undefined>>();
  private readonly contexts = new Map<string, Promise<DeliveryContext>>();
  /** The contexts of `contexts` that are built. */
  private readonly ready = new Map<string, DeliveryContext>();
  /** One limiter for the integration, replaced when a revision brings other limits. */
  private limiter: { key: string; limiter: RateLimiter } | undefined;

  constructor(private readonly o: ContextOptions) {}

  /** The context of a message (rejects with a `config_error` the worker dead-letters). */
  for(msg: DeliveryMessage): Promise<DeliveryContext> {
    const key = keyOf(msg);
    let p = this.contexts.get(key);
    if (!p) {
      const built = (p = this.build(key, msg));
      this.contexts.set(key, p);
      // Config errors are cached too (until the next config change); lookups that failed are not.
      p.then(
        (ctx) => {
          if (this.contexts.get(key) === built) this.ready.set(key, ctx);
        },
        (e: unknown) => {
          if (!(e instanceof DataflyError) || e.code !== 'config_error') this.contexts.delete(key);
        },
      );
    }
    return p;
  }

  /**
   * The context of a message when it is built already (most messages), without waiting a
   * microtask for it; undefined otherwise (then `for`).
   */
  built(msg: DeliveryMessage): DeliveryContext | undefined {
    return this.ready.get(keyOf(msg));
  }

  /** The config changed: build contexts afresh (older messages read their pipeline's parameters). */
  clear(): void {
    this.contexts.clear();
    this.ready.clear();
  }

  /** Wake whatever waits in the rate limiter (the worker is closing). */
  close(): void {
    this.limiter?.limiter.close();
  }

  private revision(id: string): Promise<RevisionConfig | undefined> {
    let p = this.revisions.get(id);
    if (!p) {
      p = this.o.config.getRevision(id);
      this.revisions.set(id, p);
      // Revisions are immutable, so a found one is kept; one not found (yet) or a failed lookup
      // is asked again after the next config change.
      p.then(
        (r) => {
          if (!r) this.revisions.delete(id);
        },
        () => this.revisions.delete(id),
      );
    }
    return p;
  }

  private async build(key: string, msg: DeliveryMessage): Promise<DeliveryContext> {
    const { config, clock } = this.o;
    const rev = await this.revision(msg.revision_id);
    if (!rev)
      throw new DataflyError('config_error', `revision ${msg.revision_id} not found`, {
        field: 'revision_id',
      });
    const vendor = this.o.vendors(rev.vendor);
    if (!vendor)
      throw new DataflyError('config_error', `no vendor definition for ${rev.vendor}`, {
        field: 'vendor',
      });
    const params = msg.params ?? (await config.getPipeline(msg.pipeline_id))?.parameters ?? {};
    const resolved = resolveParams(rev.config, params);
    const common = DeliverySettings.safeParse(resolved);
    if (!common.success) {
      throw fieldError('config_error', common.error.issues);
    }
    const d = common.data;
    const settings = vendor.parseSettings(resolved);
    const limits = vendor.limits(settings);
    const rps = d.rate_limit_rps ?? limits.rateLimitRps;
    const limiterKey = `${rps}|${d.rate_limit_burst ?? ''}|${d.rate_limit_daily ?? 0}`;
    if (!this.limiter || this.limiter.key !== limiterKey) {
      this.limiter = {
        key: limiterKey,
        limiter: new RateLimiter(
          this.o.integrationId,
          { rps, burst: d.rate_limit_burst, daily: d.rate_limit_daily },
          clock,
          this.o.dailyCounts,
        ),
      };
    }
    return {
      key,
      vendor,
      settings,
      consent: d.consent_categories,
      batchMax: Math.max(1, Math.min(d.batch_size ?? limits.maxBatchEvents, limits.maxBatchEvents)),
      batchBytes: limits.maxBatchBytes ?? Number.POSITIVE_INFINITY,
      intervalMs: d.batch_interval_ms ?? limits.batchIntervalMs ?? DEFAULT_BATCH_INTERVAL_MS,
      timeoutMs: d.timeout_ms ?? DEFAULT_TIMEOUT_MS,
      testMode: this.o.testMode ?? d.test_mode ?? false,
      secrets: secretValues(settings, vendor.secretKeys),
      limiter: this.limiter.limiter,
      token: undefined,
    };
  }
}
