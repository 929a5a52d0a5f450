/**
 * Custom Delivery Spec (docs/delivery-spec.md): a customer's own declaration of how events
 * reach any HTTP API, stored in the integration revision's config and so versioned and immutable
 * like every revision. The config holds `spec` (validated on save: errors name the path,
 * `spec.auth.token_url: Invalid URL`), the credentials as fixed secret parameters the spec's
 * templates name (`{{settings.api_key}}`), other parameters, and optional mapping categories
 * (default: every event passes through; the item is what `spec.item.fields` builds).
 */
import { z } from 'zod';
import { identityTransforms } from '../../identity-kit/index.js';
import { CommonParams, parseMappedSettings, type VendorMapping } from '../../mapping/vendor.js';
import { parseDeliverySpec } from '../spec/define.js';
import { compileSpec, type CompiledSpec, type SpecSettings } from '../spec/interpret.js';
import type { SettingField } from '../spec/declaration.js';
import type { VendorDefinition } from '../types.js';

/** The credential parameters a custom spec may name; all secret, masked after saving and scrubbed. */
const CUSTOM_SPEC_SECRETS = [
  'token',
  'password',
  'api_key',
  'client_secret',
  'refresh_token',
  'hmac_secret',
  'consumer_secret',
  'token_secret',
  'service_account_json',
] as const;

/** The settings fields of the catalog entry (the spec itself is a JSON field). */
export const CUSTOM_SPEC_SETTINGS: readonly SettingField[] = [
  {
    key: 'spec',
    label: 'Delivery Spec',
    type: 'json',
    help: 'The Delivery Spec (JSON; see docs/delivery-spec.md). Its templates read the parameters below as {{settings.KEY}}.',
  },
  {
    key: 'username',
    label: 'Username',
    type: 'string',
    required: false,
    help: 'For basic auth: {{settings.username}}.',
  },
  {
    key: 'client_id',
    label: 'Client ID',
    type: 'string',
    required: false,
    help: 'OAuth 2.0 client id: {{settings.client_id}}.',
  },
  {
    key: 'consumer_key',
    label: 'Consumer key',
    type: 'string',
    required: false,
    help: 'OAuth 1.0a consumer key: {{settings.consumer_key}}.',
  },
  ...CUSTOM_SPEC_SECRETS.map((key): SettingField => ({
    key,
    label: key.replace(/_/g, ' '),
    type: 'secret',
    required: false,
    help: `Secret, read by the spec as {{settings.${key}}}.`,
  })),
];

type CustomSpecSettings = SpecSettings & { compiled: CompiledSpec };

const mapping: VendorMapping = {
  fields: [],
  transforms: identityTransforms,
  defaults: { global: [], events: {}, defaults: { action: 'pass_through' } },
};
const Params = CommonParams.loose() as unknown as z.ZodType<SpecSettings['params']>;

/**
 * Parse a custom-spec revision config: the spec, then parameters and mapping.
 *
 * @example parseCustomSpec({ spec: { endpoint: { base_url: 'https://api.example.com', path: '/events' } } }).compiled.spec.method // → 'POST'
 */
function parseCustomSpec(config: unknown): CustomSpecSettings {
  const raw = (config ?? {}) as Record<string, unknown>;
  const specRaw = raw.spec ?? (raw.parameters as Record<string, unknown> | undefined)?.spec;
  const spec = parseDeliverySpec(specRaw, 'spec');
  const compiled = compileSpec(spec, { field: 'spec' });
  const rest = Object.fromEntries(Object.entries(raw).filter(([k]) => k !== 'spec'));
  if (rest.parameters && typeof rest.parameters === 'object')
    rest.parameters = Object.fromEntries(
      Object.entries(rest.parameters).filter(([k]) => k !== 'spec'),
    );
  const settings = parseMappedSettings(rest, Params, mapping);
  compiled.checkSettings(settings.params as Record<string, unknown>);
  return { ...settings, compiled };
}

/**
 * The custom Delivery Spec vendor: delivered by the same workers as every vendor.
 *
 * @example deliverySpec.format(events, deliverySpec.parseSettings(config), { testMode: false })
 */
export const deliverySpec: VendorDefinition<CustomSpecSettings> = {
  id: 'delivery_spec',
  parseSettings: parseCustomSpec,
  limits: (s) => {
    const { spec } = s.compiled;
    const wait = spec.batching.max_wait_ms;
    return {
      maxBatchEvents: s.compiled.maxEvents(s.params as Record<string, unknown>),
      ...(spec.batching.max_bytes ? { maxBatchBytes: spec.batching.max_bytes } : {}),
      ...(wait !== undefined ? { batchIntervalMs: wait } : {}),
      rateLimitRps: spec.rate_limit_rps,
    };
  },
  mapping,
  format: (events, s, ctx) => s.compiled.format(events, s, ctx),
  classify: (response, request, s) => {
    if (!s) throw new TypeError('delivery_spec classify needs its settings');
    return s.compiled.classify(response, request);
  },
  // Compression and request signing (aws_sigv4) happen just before sending; a spec without them returns the request as it is.
  seal: (request, s, now) =>
    s.compiled.seal
      ? s.compiled.seal(request, s, now)
      : Promise.resolve({
          method: request.method,
          url: request.url,
          headers: request.headers,
          ...(request.body === undefined ? {} : { body: request.body }),
        }),
  authorize: (s, fetcher) => {
    const authorize = s.compiled.authorize;
    return authorize
      ? authorize({ settings: s.params }, fetcher, Date.now())
      : Promise.resolve({ token: '', expiresAt: Number.MAX_SAFE_INTEGER });
  },
  secretKeys: CUSTOM_SPEC_SECRETS,
};
