/**
 * A declaration → the `VendorDefinition` delivery consumes: settings parsed by the schema derived
 * from the declared fields (plus the common `test_mode` / `endpoint_override`), the mapping
 * engine with the identity kit's transforms, and `format` / `classify` / `authorize` from the
 * compiled Delivery Spec.
 */
import type { z } from 'zod';
import { DataflyError } from '../../errors/index.js';
import { identityTransforms } from '../../identity-kit/index.js';
import { CommonParams, parseMappedSettings, type VendorMapping } from '../../mapping/vendor.js';
import type { TransformTable } from '../../mapping/transforms.js';
import type { VendorDefinition } from '../types.js';
import { secretKeysOf, settingsSchema, type VendorDeclaration } from './declaration.js';
import { compileSpec, type SpecHooks, type SpecSettings } from './interpret.js';
import { ServiceAccountSetting } from './google-oauth.js';
import { DeliverySpec } from './schema.js';
import { formatPath } from '../../mapping/config.js';
import { isRecord } from '../../json/index.js';
import { authOptions } from './auth.js';

export interface DefineOptions {
  hooks?: SpecHooks;
  /** Vendor-only transforms on top of the built-ins and the identity kit. */
  transforms?: TransformTable;
  passThroughName?: (name: string) => string;
}

/**
 * Parse a spec, naming the first problem's path inside it (`spec.auth.token_url: Invalid URL`).
 *
 * @example parseDeliverySpec({ endpoint: { base_url: 'x' } }) // throws config_error field 'spec.endpoint.base_url'
 */
export function parseDeliverySpec(raw: unknown, prefix = 'spec'): DeliverySpec {
  const r = DeliverySpec.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = issue.path.length ? `${prefix}.${formatPath(issue.path)}` : prefix;
  throw new DataflyError('config_error', `${field}: ${issue.message}`, {
    field,
    details: r.error.issues.map((i) => ({
      field: i.path.length ? `${prefix}.${formatPath(i.path)}` : prefix,
      message: i.message,
    })),
  });
}

const PASS_THROUGH: VendorMapping['defaults'] = {
  global: [],
  events: {},
  defaults: { action: 'pass_through' },
};

/** A config's parameters alone: a vendor outside the mapping engine reads no mapping categories. */
function withoutMappingCategories(config: unknown): unknown {
  if (!isRecord(config)) return config;
  const { global: _g, events: _e, defaults: _d, ...rest } = config;
  return rest;
}

const set = (v: unknown): boolean => v !== undefined && v !== null && v !== '';
const refuse = (key: string, message: string): never => {
  throw new DataflyError('config_error', message, { field: `parameters.${key}` });
};

/**
 * Refuse parameters that set no `first_of` option's settings in full (`choices`), or not exactly
 * one setting of an `exactly_one_of` group; the error names the first setting of the group.
 *
 * @example settingsProblem({}, [['key'], ['user', 'pass']], []) // throws 'set key, or user + pass'
 */
function settingsProblem(
  params: Record<string, unknown>,
  choices: readonly (readonly string[])[],
  exclusive: readonly (readonly string[])[],
): void {
  if (choices.length && !choices.some((keys) => keys.every((k) => set(params[k]))))
    refuse(choices[0]![0]!, `set ${choices.map((keys) => keys.join(' + ')).join(', or ')}`);
  for (const group of exclusive)
    if (group.filter((k) => set(params[k])).length !== 1)
      refuse(group[0]!, `set exactly one of ${group.join(' or ')}`);
}

/**
 * The vendor definition of a declaration.
 *
 * @example const reddit = defineVendor(redditDeclaration); reddit.parseSettings({ pixel_id: 'a2_x', access_token: 't' });
 */
export function defineVendor(
  decl: VendorDeclaration,
  opts: DefineOptions = {},
): VendorDefinition<SpecSettings> {
  const spec = parseDeliverySpec(decl.spec, `${decl.id}.spec`);
  const compiled = compileSpec(spec, {
    ...(opts.hooks ? { hooks: opts.hooks } : {}),
    field: `${decl.id}.spec`,
  });
  const schema = CommonParams.extend(
    settingsSchema(decl.settings).shape,
  ).loose() as unknown as z.ZodType<SpecSettings['params']>;
  // Without a declared mapping every event passes through as it is (the hooks build the items).
  const mapping: VendorMapping = {
    fields: decl.mapping?.fields ?? [],
    transforms: { ...identityTransforms, ...opts.transforms },
    defaults: decl.mapping?.defaults ?? PASS_THROUGH,
    ...(opts.passThroughName ? { passThroughName: opts.passThroughName } : {}),
  };
  const { max_bytes: maxBatchBytes, max_wait_ms: batchIntervalMs } = spec.batching;
  // Settings a `google_service_account` auth reads its key from: checked (and parsed) when saved.
  const keySettings = authOptions(spec.auth).flatMap((a) => {
    const key =
      a.kind === 'google_service_account'
        ? /^\{\{\s*settings\.(\w+)\s*\}\}$/.exec(a.key)?.[1]
        : undefined;
    return key ? [key] : [];
  });
  // A `first_of` auth's alternatives: a config must set one option's settings in full.
  const choices = spec.auth.kind === 'first_of' ? spec.auth.options.map((o) => o.when) : [];
  const authorize = compiled.authorize;
  const seal = compiled.seal;
  return {
    id: decl.id,
    parseSettings: (config) => {
      const s = parseMappedSettings(
        decl.mapping ? config : withoutMappingCategories(config),
        schema,
        mapping,
      );
      const params = s.params as Record<string, unknown>;
      if (s.testMode) {
        for (const key of spec.endpoint.test_mode?.requires ?? []) {
          if (params[key] === undefined || params[key] === '')
            throw new DataflyError('config_error', `test_mode needs ${key}`, {
              field: `parameters.${key}`,
            });
        }
      }
      for (const key of keySettings) {
        if (params[key] === undefined) continue;
        const account = ServiceAccountSetting.safeParse(params[key]);
        if (!account.success)
          throw new DataflyError('config_error', `parameters.${key}: not a service-account key`, {
            field: `parameters.${key}`,
          });
        params[key] = account.data;
      }
      compiled.checkSettings(params);
      opts.hooks?.settings?.(params, s.testMode);
      settingsProblem(params, choices, decl.exactly_one_of ?? []);
      return s;
    },
    limits: (s) => ({
      maxBatchEvents: compiled.maxEvents(s.params as Record<string, unknown>),
      ...(maxBatchBytes ? { maxBatchBytes } : {}),
      ...(batchIntervalMs !== undefined ? { batchIntervalMs } : {}),
      rateLimitRps: spec.rate_limit_rps,
    }),
    ...(decl.mapping ? { mapping } : {}),
    format: compiled.format,
    classify: compiled.classify,
    ...(seal ? { seal } : {}),
    ...(authorize
      ? {
          authorize: (settings: SpecSettings, fetcher: typeof fetch) =>
            authorize({ settings: settings.params }, fetcher, Date.now()),
        }
      : {}),
    secretKeys: secretKeysOf(decl.settings),
  };
}
