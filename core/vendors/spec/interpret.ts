/**
 * The Delivery Spec interpreter: a spec, compiled once, becomes the `format` and `classify` of the
 * existing `VendorDefinition` contract, so delivery sends declared vendors exactly like
 * hand-written ones. Per event: the V2 mapping engine builds the item's mapped fields, the spec's
 * item fields go first, eligibility may skip the event with its reason; per request: grouping
 * key, count and byte limits, endpoint (override, region, path, query, test mode), wrapper,
 * encoding, headers, auth.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Envelope } from '../../event/index.js';
import { DataflyError } from '../../errors/index.js';
import { compilePath, hasPath, readPath, writePath, type PathStep } from '../../path/index.js';
import { everyEvent, httpVerdict, jsonBody, retryAfterOf, type Verdict } from '../outcomes.js';
import { chunk, fillBySize, splitBySize, type MappedSettings } from '../../mapping/vendor.js';
import type {
  EventOutcome,
  FormatContext,
  OutboundRequest,
  VendorResponse,
  WireRequest,
} from '../types.js';
import {
  bySettingProblem,
  compileAuth,
  newNonce,
  type CompiledAuth,
  type Draft,
  type WireDraft,
} from './auth.js';
import { compileEligibility, present } from './eligibility.js';
import { DeliverySpec as DeliverySpecSchema, type DeliverySpec } from './schema.js';
import {
  appendQuery,
  compileRecord,
  compileTemplate,
  compileValue,
  type Compiled,
  type TemplateScope,
} from './template.js';
import { isRecord } from '../../json/index.js';

/** Settings of a declared vendor: its parameters (with `endpoint_override`), mapping and test switch. */
export type SpecSettings = MappedSettings<
  { test_mode: boolean; endpoint_override?: string | undefined } & Record<string, unknown>
>;

/** What data cannot say, per vendor (kept small; most vendors need none). */
export interface SpecHooks {
  /**
   * Adjust a built item (after mapping and item fields, before eligibility) in place or return its
   * replacement; a string returned is why the event is skipped.
   */
  item?(
    item: Record<string, unknown>,
    event: Envelope,
    params: Record<string, unknown>,
    testMode: boolean,
    now: number | undefined,
    mapped: { vendor_event: string; mapping: string | null },
  ): string | Record<string, unknown> | void;
  /**
   * Finish a request's body from its items (Google Ads' `destinations[]` from the items' references); returns the body to send.
   * A string returned is sent as it is, not encoded (an XML body: Adobe Analytics), its content type from `headers.static`.
   */
  body?(
    body: unknown,
    items: readonly Record<string, unknown>[],
    params: Record<string, unknown>,
  ): unknown;
  /** Read an answer the spec's rules cannot (per-element statuses, rows named in an error message); undefined leaves it to the rules. */
  classify?(response: VendorResponse, request: OutboundRequest): EventOutcome[] | undefined;
  /** Check or complete the parsed parameters once (derived values templates read; `config_error` naming `parameters.KEY`). */
  settings?(params: Record<string, unknown>, testMode: boolean): void;
}

export interface CompiledSpec {
  readonly spec: DeliverySpec;
  readonly auth: CompiledAuth;
  /** Token auth of the spec or of its `then` step (at most one of them may have one). */
  readonly authorize?: CompiledAuth['authorize'];
  /** Compress and sign a formatted request (or its `then` step) just before it is sent; absent when there is nothing to do. */
  seal?(request: OutboundRequest, settings: SpecSettings, now: number): Promise<WireRequest>;
  format(
    events: Envelope[],
    settings: SpecSettings,
    ctx: FormatContext,
  ): { requests: OutboundRequest[]; skipped: { event_id: string; reason: string }[] };
  classify(response: VendorResponse, request: OutboundRequest): EventOutcome[];
  /** The most events one request carries with these settings (`batching.enabled_by`, `size_setting`). */
  maxEvents(params: Record<string, unknown>): number;
  /** Refuse settings the spec cannot work with (`config_error` naming `parameters.KEY`): a settings-chosen method, auth or batch size. */
  checkSettings(params: Record<string, unknown>): void;
  /** The request of batches another spec formed (this spec as a `then` step). */
  build(
    batch: readonly Built[],
    params: Record<string, unknown>,
    test: boolean,
    accessToken: string | undefined,
    nowMs: number | undefined,
  ): OutboundRequest;
}

const CONTENT_TYPES = {
  json: 'application/json',
  form: 'application/x-www-form-urlencoded',
  ndjson: 'application/x-ndjson',
} as const;

/** One event on its way into a request: its built item (internal to the interpreter). */
export interface Built {
  event: Envelope;
  item: Record<string, unknown>;
  /** The item's request fields (`body.request_fields`), shared by its whole request. */
  head?: Record<string, unknown>;
  /** Its `batching.distinct` key. */
  distinct?: string;
}

/** Template references that differ per event (item fields) or per request (URL, headers). */
const PER_EVENT = /\{\{\s*(event|fields|vendor_event)\b/;
const BATCH_REF = /\{\{\s*(event|items|item|fields|vendor_event|batch)\b/;

/**
 * The batch's name parts, for idempotent object names: `id` is a hash of its event ids (the same
 * events → the same name, so a retried upload overwrites its object instead of adding one), `date`
 * and `hour` the UTC day and hour the first event was received (a retry days later lands in the
 * same partition).
 *
 * @example batchFacts(['e1', 'e2'], '2026-05-01T10:00:00Z').date // → '2026-05-01'
 */
export function batchFacts(
  eventIds: readonly string[],
  receivedAt: string | undefined,
): NonNullable<TemplateScope['batch']> {
  const id = createHash('sha256').update(eventIds.join('\n')).digest('hex').slice(0, 32);
  const at =
    receivedAt && !Number.isNaN(Date.parse(receivedAt))
      ? new Date(receivedAt).toISOString()
      : '1970-01-01T00:00:00.000Z';
  return { id, date: at.slice(0, 10), hour: at.slice(11, 13), count: eventIds.length };
}

const alone = <T>(b: T): T[] => [b];
/** How many events waiting to be sent alone one compiled spec remembers. */
const ALONE_MAX = 10_000;

function encode(
  encoding: DeliverySpec['body']['encoding'],
  wrapper: unknown,
  items: unknown[],
): string {
  if (encoding === 'ndjson') return items.map((i) => JSON.stringify(i)).join('\n');
  if (encoding === 'json') return JSON.stringify(wrapper);
  const form = new URLSearchParams();
  if (isRecord(wrapper))
    for (const [k, v] of Object.entries(wrapper))
      form.set(k, typeof v === 'string' ? v : JSON.stringify(v));
  return form.toString();
}

/**
 * Compile a parsed spec (templates, paths and auth checked now: errors are `config_error`
 * naming `spec.…`).
 *
 * @example
 * const c = compileSpec(DeliverySpec.parse(raw), { hooks: {} });
 * c.format(events, settings, { testMode: false });
 */
export function compileSpec(
  spec: DeliverySpec,
  opts: { hooks?: SpecHooks; field?: string } = {},
): CompiledSpec {
  const f = opts.field ?? 'spec';
  const hooks = opts.hooks ?? {};
  const path = compileTemplate(spec.endpoint.path, `${f}.endpoint.path`);
  const testPath = spec.endpoint.test_mode?.path
    ? compileTemplate(spec.endpoint.test_mode.path, `${f}.endpoint.test_mode.path`)
    : undefined;
  const query = compileRecord(spec.endpoint.query ?? {}, `${f}.endpoint.query`);
  const testQuery = compileRecord(
    spec.endpoint.test_mode?.query ?? {},
    `${f}.endpoint.test_mode.query`,
  );
  const testBody = spec.endpoint.test_mode?.body
    ? compileValue(spec.endpoint.test_mode.body, `${f}.endpoint.test_mode.body`)
    : undefined;
  // Item fields that read only settings are the same for every event: computed once per `format` call.
  const itemFields = Object.entries(spec.item.fields).map(([k, v]) => ({
    k,
    c: compileValue(v, `${f}.item.fields.${k}`),
    perEvent: PER_EVENT.test(JSON.stringify(v)),
  }));
  const testItemFields = Object.entries(spec.endpoint.test_mode?.item ?? {}).map(
    ([k, v]) => [k, compileValue(v, `${f}.endpoint.test_mode.item.${k}`)] as const,
  );
  const wrapper = spec.body.wrapper
    ? compileValue(spec.body.wrapper, `${f}.body.wrapper`)
    : undefined;
  const [oneItem, allItems] = [compileValue('{{item}}', f), compileValue('{{items}}', f)];
  const staticHeaders = compileRecord(spec.headers.static, `${f}.headers.static`);
  const eventHeaders = compileRecord(spec.headers.from_event, `${f}.headers.from_event`);
  const mappedAt = spec.item.mapped_at ? compilePath(spec.item.mapped_at) : undefined;
  const hasEventHeaders = Object.keys(spec.headers.from_event).length > 0;
  const groupBy: Compiled | undefined = spec.batching.group_by
    ? compileTemplate(spec.batching.group_by, `${f}.batching.group_by`)
    : undefined;
  const eligibility = compileEligibility(spec.eligibility);
  const auth = compileAuth(spec.auth, `${f}.auth`);
  const contentType = spec.body.content_type ?? CONTENT_TYPES[spec.body.encoding];
  const gzip = spec.body.compression === 'gzip';
  const baseTemplate = spec.endpoint.base_url_template
    ? compileTemplate(spec.endpoint.base_url_template, `${f}.endpoint.base_url_template`)
    : undefined;
  // The `then` step: a spec of its own (JSON body, no mapping) whose requests are built from the same batches.
  const then = spec.then
    ? compileSpec(
        DeliverySpecSchema.parse({
          endpoint: spec.then.endpoint,
          method: spec.then.method,
          auth: spec.then.auth,
          body: { encoding: 'json', wrapper: spec.then.body },
          headers: { static: spec.then.headers },
          batching: { max_events: 10_000 },
          answer: spec.then.answer,
        }),
        { field: `${f}.then` },
      )
    : undefined;
  if (auth.authorize && then?.auth.authorize)
    throw new DataflyError('config_error', `${f}.then.auth: only one step may use token auth`, {
      field: `${f}.then.auth`,
    });
  const usesBatch = /\{\{\s*batch\b/.test(JSON.stringify(spec));
  /** `then` requests made by this spec: classify and seal them by their own rules. */
  const thenRequests = new WeakSet<OutboundRequest>();
  const {
    max_events: maxEventsDeclared,
    max_bytes: maxBytes,
    enabled_by: enabledBy,
    size_setting: sizeSetting,
  } = spec.batching;
  /** Whether these settings batch at all (the default wrapper is then the items' array). */
  const batched = (params: Record<string, unknown>): boolean =>
    enabledBy ? params[enabledBy] === true : maxEventsDeclared > 1;
  const maxEvents = (params: Record<string, unknown>): number => {
    if (!batched(params)) return 1;
    const size = sizeSetting ? params[sizeSetting] : undefined;
    return typeof size === 'number' ? size : (spec.batching.size_default ?? maxEventsDeclared);
  };
  const { method_setting: methodSetting } = spec;
  const methodOf = (params: Record<string, unknown>): OutboundRequest['method'] =>
    methodSetting && params[methodSetting] !== undefined
      ? (params[methodSetting] as OutboundRequest['method'])
      : spec.method;
  const checkSettings = (params: Record<string, unknown>): void => {
    const refuse = (key: string, message: string): never => {
      throw new DataflyError('config_error', message, { field: `parameters.${key}` });
    };
    const size = sizeSetting ? params[sizeSetting] : undefined;
    if (
      sizeSetting &&
      size !== undefined &&
      !(Number.isInteger(size) && (size as number) >= 1 && (size as number) <= maxEventsDeclared)
    )
      refuse(sizeSetting, `${sizeSetting} must be a whole number from 1 to ${maxEventsDeclared}`);
    const method = methodSetting ? params[methodSetting] : undefined;
    if (
      methodSetting &&
      method !== undefined &&
      !['POST', 'PUT', 'PATCH'].includes(method as string)
    )
      refuse(methodSetting, `${methodSetting} must be one of POST, PUT, PATCH`);
    const problem = bySettingProblem(spec.auth, params);
    if (problem) refuse(...problem);
  };
  const distinct = spec.batching.distinct
    ? {
        key: compileTemplate(spec.batching.distinct.key, `${f}.batching.distinct.key`),
        max: spec.batching.distinct.max,
      }
    : undefined;
  /** Count batches that also hold at most `distinct.max` distinct keys, in event order. */
  const batchesOf = (built: Built[], maxEvents: number): Built[][] => {
    if (!distinct) return chunk(built, maxEvents);
    const out: Built[][] = [];
    let batch: Built[] = [];
    let keys = new Set<string | undefined>();
    for (const b of built) {
      if (batch.length >= maxEvents || (!keys.has(b.distinct) && keys.size >= distinct.max)) {
        out.push(batch);
        batch = [];
        keys = new Set();
      }
      keys.add(b.distinct);
      batch.push(b);
    }
    if (batch.length) out.push(batch);
    return out;
  };
  /** `answer.retry_rejected_batch_one_by_one`: ids of events whose batch was rejected, each sent alone next time (bounded, oldest forgotten first). */
  const alonePending = spec.answer.retry_rejected_batch_one_by_one
    ? new Map<string, true>()
    : undefined;

  /** The settings-only item field values of one `format` call (undefined where a field reads the event, or builds an object). */
  const fixedFields = (params: Record<string, unknown>): unknown[] =>
    itemFields.map((x) => {
      if (x.perEvent) return undefined;
      const v = x.c({ settings: params });
      return v !== null && typeof v === 'object' ? undefined : v;
    });

  const fixedByParams = new WeakMap<object, unknown[]>();
  const fixedFor = (params: Record<string, unknown>): unknown[] => {
    let fixed = fixedByParams.get(params);
    if (!fixed) fixedByParams.set(params, (fixed = fixedFields(params)));
    return fixed;
  };

  const buildItem = (
    e: Envelope,
    vendorEvent: string,
    fields: Record<string, unknown>,
    params: Record<string, unknown>,
    test: boolean,
    fixed: unknown[],
  ): Record<string, unknown> => {
    const scope: TemplateScope = { settings: params, event: e, vendor_event: vendorEvent, fields };
    const item: Record<string, unknown> = {};
    for (let i = 0; i < itemFields.length; i++) {
      const v = fixed[i] ?? itemFields[i]!.c(scope);
      if (v !== undefined) item[itemFields[i]!.k] = v;
    }
    if (test) {
      for (const [k, c] of testItemFields) {
        const v = c(scope);
        if (v === undefined) delete item[k];
        else item[k] = v;
      }
    }
    if (!mappedAt) return Object.assign(item, fields);
    const at = readPath(item, mappedAt);
    if (isRecord(at)) Object.assign(at, fields);
    else writePath(item, mappedAt, fields);
    return item;
  };

  const baseUrl = (params: Record<string, unknown>): string => {
    const override = params.endpoint_override;
    if (typeof override === 'string' && override) return override.replace(/\/+$/, '');
    if (baseTemplate) {
      const b = baseTemplate({ settings: params });
      if (typeof b !== 'string' || !b)
        throw new DataflyError(
          'config_error',
          `${f}.endpoint.base_url_template: a value it needs is missing`,
          { field: `${f}.endpoint.base_url_template` },
        );
      return spec.endpoint.verbatim ? b : b.replace(/\/+$/, '');
    }
    const regions = spec.endpoint.regions;
    if (regions) {
      const r = params[regions.setting];
      if (typeof r === 'string' && Object.hasOwn(regions.hosts, r))
        return regions.hosts[r]!.replace(/\/+$/, '');
    }
    return spec.endpoint.base_url.replace(/\/+$/, '');
  };

  const requestFields = spec.body.request_fields ? new Set(spec.body.request_fields) : undefined;
  /** The encoded body; a body hook's string (XML, text) is already the body. */
  const encodeBody = (body: unknown, items: unknown[]): string =>
    hooks.body && typeof body === 'string' ? body : encode(spec.body.encoding, body, items);
  /** The body around a batch: the wrapper, after the batch's request fields. */
  const bodyOf = (batch: readonly Built[], scope: TemplateScope): unknown => {
    if (spec.body.encoding === 'ndjson') return undefined;
    const w = (wrapper ?? (batched(scope.settings) ? allItems : oneItem))(scope);
    const head = batch[0]?.head;
    const body = head && isRecord(w) ? { ...head, ...w } : w;
    return hooks.body
      ? hooks.body(
          body,
          batch.map((b) => b.item),
          scope.settings,
        )
      : body;
  };

  // A URL and headers that read only settings are built once per `format` call, not per request.
  const framed = [
    spec.endpoint.path,
    spec.endpoint.test_mode?.path ?? '',
    ...Object.values(spec.endpoint.query ?? {}),
    ...Object.values(spec.endpoint.test_mode?.query ?? {}),
    ...Object.values(spec.headers.static),
  ].every((t) => !BATCH_REF.test(t));
  const keyInBody = spec.auth.kind === 'api_key' && spec.auth.in === 'body';
  const settingHeaders = spec.headers.from_setting;

  /** URL, fixed headers and the auth headers (header/query auth applied; body and signing come per request). */
  interface Frame {
    method: OutboundRequest['method'];
    url: string;
    headers: Record<string, string>;
    auth: Record<string, string>;
  }
  const frameOf = (scope: TemplateScope, test: boolean, accessToken: string | undefined): Frame => {
    const p = (test && testPath ? testPath(scope) : path(scope)) as string | undefined;
    if (p === undefined)
      throw new DataflyError('config_error', `${f}.endpoint.path: a value it needs is missing`, {
        field: `${f}.endpoint.path`,
      });
    const raw = baseUrl(scope.settings) + String(p);
    const url = new URL(raw);
    const q = new Map(query(scope));
    if (test) for (const [k, v] of testQuery(scope)) q.set(k, v);
    appendQuery(url, q);
    const method = methodOf(scope.settings);
    const headers: Record<string, string> =
      method === 'GET'
        ? {}
        : { 'content-type': contentType, ...(gzip ? { 'content-encoding': 'gzip' } : {}) };
    for (const [k, v] of staticHeaders(scope)) headers[k.toLowerCase()] = v;
    const own = settingHeaders ? scope.settings[settingHeaders] : undefined;
    if (isRecord(own)) for (const [k, v] of Object.entries(own)) headers[k] = String(v);
    const draft: Draft = { method, url, headers: {} };
    auth.prepare(draft, undefined, scope, accessToken);
    const exact = spec.endpoint.verbatim && q.size === 0;
    return { method, url: exact ? raw : url.toString(), headers, auth: draft.headers };
  };

  // Settings are parsed once per integration and reused: their frame is kept with them (per test switch and access token).
  const frames = new WeakMap<object, Map<string, Frame>>();
  const frameFor = (
    params: Record<string, unknown>,
    test: boolean,
    accessToken: string | undefined,
  ): Frame => {
    let byKey = frames.get(params);
    if (!byKey) frames.set(params, (byKey = new Map()));
    const key = `${test ? 't' : 'p'}${accessToken ?? ''}`;
    let fr = byKey.get(key);
    if (!fr) {
      fr = frameOf({ settings: params }, test, accessToken);
      // Access tokens rotate: keep only the recent few.
      if (byKey.size >= 4) byKey.clear();
      byKey.set(key, fr);
    }
    return fr;
  };

  const request = (
    batch: readonly Built[],
    params: Record<string, unknown>,
    test: boolean,
    accessToken: string | undefined,
    nowMs: number | undefined,
    frame: Frame | undefined,
  ): OutboundRequest => {
    const items: Record<string, unknown>[] = [];
    const event_ids: string[] = [];
    for (const b of batch) {
      items.push(b.item);
      event_ids.push(b.event.event_id);
    }
    const first = batch[0]!.event;
    const scope: TemplateScope = { settings: params, event: first, items, item: items[0] };
    if (usesBatch) scope.batch = batchFacts(event_ids, first.received_at);
    const out = build(scope, batch, items, event_ids, test, accessToken, nowMs, frame);
    if (then) {
      const next = then.build(batch, params, test, accessToken, nowMs);
      thenRequests.add(next);
      out.then = next;
    }
    return out;
  };

  const build = (
    scope: TemplateScope,
    batch: readonly Built[],
    items: Record<string, unknown>[],
    event_ids: string[],
    test: boolean,
    accessToken: string | undefined,
    nowMs: number | undefined,
    frame: Frame | undefined,
  ): OutboundRequest => {
    const fr = frame ?? frameOf(scope, test, accessToken);
    const headers: Record<string, string> = { ...fr.headers };
    if (hasEventHeaders) for (const [k, v] of eventHeaders(scope)) headers[k.toLowerCase()] = v;
    Object.assign(headers, fr.auth);
    const body = bodyOf(batch, scope);
    if (test && testBody && isRecord(body))
      for (const [k, v] of Object.entries(testBody(scope) as Record<string, unknown>))
        writePath(body, compilePath(k), v);
    const { method } = fr;
    if (!keyInBody && !auth.sign) {
      const out: OutboundRequest = { method, url: fr.url, headers, event_ids };
      if (method !== 'GET') out.body = encodeBody(body, items);
      return out;
    }
    const draft: Draft = { method, url: new URL(fr.url), headers };
    if (keyInBody) auth.prepare(draft, isRecord(body) ? body : undefined, scope, accessToken);
    if (method !== 'GET') draft.body = encodeBody(body, items);
    auth.sign?.(draft, scope, () => nowMs ?? Date.now(), newNonce);
    // Signing reads the URL but never changes it: the frame's URL goes out (verbatim when the spec says so).
    return {
      method,
      url: fr.url,
      headers: draft.headers,
      ...(draft.body !== undefined ? { body: draft.body } : {}),
      event_ids,
    };
  };

  const format: CompiledSpec['format'] = (events, settings, ctx) => {
    const params = settings.params as Record<string, unknown>;
    const skipped: { event_id: string; reason: string }[] = [];
    const groups = new Map<string, Built[]>();
    const test = settings.testMode || ctx.testMode;
    const fixed = fixedFor(params);
    for (const e of events) {
      const r = settings.mapping.map(e);
      if (!r.ok) {
        skipped.push({ event_id: r.event_id, reason: r.reason });
        continue;
      }
      let item = buildItem(e, r.vendor_event, r.fields, params, test, fixed);
      const hooked = hooks.item?.(item, e, params, test, ctx.now, r);
      if (typeof hooked === 'string') {
        skipped.push({ event_id: e.event_id, reason: hooked });
        continue;
      }
      if (hooked) item = hooked;
      const why = eligibility?.(item, ctx.now);
      if (why) {
        skipped.push({ event_id: e.event_id, reason: why });
        continue;
      }
      let key = groupBy ? String(groupBy({ settings: params, event: e, fields: item }) ?? '') : '';
      if (alonePending?.delete(e.event_id)) key += `\u0000alone:${e.event_id}`;
      let head: Record<string, unknown> | undefined;
      if (requestFields) {
        head = {};
        const rest: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(item)) (requestFields.has(k) ? head : rest)[k] = v;
        item = rest;
        key += `\u0000${JSON.stringify(head)}`;
      }
      const built: Built = head ? { event: e, item, head } : { event: e, item };
      if (distinct)
        built.distinct = String(distinct.key({ settings: params, event: e, fields: item }) ?? '');
      const list = groups.get(key);
      if (list) list.push(built);
      else groups.set(key, [built]);
    }
    const frame = framed && groups.size > 0 ? frameFor(params, test, ctx.accessToken) : undefined;
    const requests: OutboundRequest[] = [];
    const max = maxEvents(params);
    const single = max === 1;
    for (const built of groups.values()) {
      for (const batch of single ? built.map(alone) : batchesOf(built, max)) {
        if (maxBytes === undefined || single) {
          requests.push(request(batch, params, test, ctx.accessToken, ctx.now, frame));
          continue;
        }
        const { parts, tooBig } = (spec.batching.split === 'fill' ? fillBySize : splitBySize)(
          batch,
          (b) =>
            encodeBody(
              bodyOf(b, { settings: params, items: b.map((x) => x.item) }),
              b.map((x) => x.item),
            ),
          maxBytes,
        );
        for (const part of parts)
          requests.push(request(part.items, params, test, ctx.accessToken, ctx.now, frame));
        for (const b of tooBig)
          skipped.push({
            event_id: b.event.event_id,
            reason: `event is larger than the vendor's ${maxBytes}-byte request limit`,
          });
      }
    }
    return { requests, skipped };
  };

  /** A request for a batch built elsewhere (the first step's, when this spec is a `then` step). */
  const buildFor = (
    batch: readonly Built[],
    params: Record<string, unknown>,
    test: boolean,
    accessToken: string | undefined,
    nowMs: number | undefined,
  ): OutboundRequest => {
    const items = batch.map((b) => b.item);
    const event_ids = batch.map((b) => b.event.event_id);
    const first = batch[0]!.event;
    const scope: TemplateScope = {
      settings: params,
      event: first,
      items,
      item: items[0],
      batch: batchFacts(event_ids, first.received_at),
    };
    return build(scope, batch, items, event_ids, test, accessToken, nowMs, undefined);
  };

  const sealOwn = async (
    request: OutboundRequest,
    params: Record<string, unknown>,
    now: number,
  ): Promise<WireRequest> => {
    const body =
      request.body === undefined
        ? undefined
        : gzip
          ? new Uint8Array(gzipSync(Buffer.from(request.body, 'utf8')))
          : request.body;
    const wire: WireDraft = {
      method: request.method,
      url: request.url,
      headers: { ...request.headers },
      ...(body === undefined ? {} : { body }),
    };
    await auth.seal?.(wire, { settings: params }, now);
    return {
      method: request.method,
      url: wire.url,
      headers: wire.headers,
      ...(wire.body === undefined ? {} : { body: wire.body }),
    };
  };
  const seal: CompiledSpec['seal'] =
    gzip || auth.seal || then?.seal
      ? (request, settings, now) => {
          if (!thenRequests.has(request))
            return sealOwn(request, settings.params as Record<string, unknown>, now);
          if (then?.seal) return then.seal(request, settings, now);
          return Promise.resolve({
            method: request.method,
            url: request.url,
            headers: request.headers,
            ...(request.body === undefined ? {} : { body: request.body }),
          });
        }
      : undefined;
  const authorize = auth.authorize ?? then?.authorize;
  const extra = {
    build: buildFor,
    maxEvents,
    checkSettings,
    ...(seal ? { seal } : {}),
    ...(authorize ? { authorize } : {}),
  };

  const byRules = compileClassify(spec.answer);
  const classifyHook = hooks.classify;
  const own: CompiledSpec['classify'] = classifyHook
    ? (response, request) => classifyHook(response, request) ?? byRules(response, request)
    : byRules;
  // A `then` step's answer is read by its own rules.
  const classified: CompiledSpec['classify'] = then
    ? (response, request) =>
        thenRequests.has(request) ? then.classify(response, request) : own(response, request)
    : own;
  if (!alonePending) return { spec, auth, format, classify: classified, ...extra };
  // A multi-event request the vendor refused as a whole (4xx, every event rejected) is retried,
  // each event in a request of its own, so that only the bad ones end up failed.
  const classify: CompiledSpec['classify'] = (response, request) => {
    const outcomes = classified(response, request);
    const n = request.event_ids.length;
    if (
      n < 2 ||
      response.status < 400 ||
      !outcomes.every((o) => o.status === 'failed' && o.code === 'vendor_rejected')
    )
      return outcomes;
    for (const id of request.event_ids) alonePending.set(id, true);
    for (const id of alonePending.keys()) {
      if (alonePending.size <= ALONE_MAX) break;
      alonePending.delete(id);
    }
    return outcomes.map((o) => ({
      event_id: o.event_id,
      status: 'retry',
      code: 'vendor_rejected',
      reason: `${o.status === 'failed' ? o.reason : ''} (the request of ${n} events was refused: each is retried alone)`,
    }));
  };
  return { spec, auth, format, classify, ...extra };
}

const VERDICTS = {
  retry: (reason: string): Verdict => ({ status: 'retry', code: 'vendor_server_error', reason }),
  reauth: (reason: string): Verdict => ({ status: 'failed', code: 'vendor_auth', reason }),
  reject: (reason: string): Verdict => ({ status: 'failed', code: 'vendor_rejected', reason }),
  ok: (): Verdict => ({ status: 'delivered' }),
} as const;

/**
 * The answer rules of a spec → `classify`.
 *
 * @example compileClassify(DeliverySpec.parse(raw).answer)({ status: 200, headers: {}, body: '{}' }, request)
 */
function compileClassify(
  answer: DeliverySpec['answer'],
): (response: VendorResponse, request: OutboundRequest) => EventOutcome[] {
  const messagePaths = answer.error_message.map((p) => compilePath(p));
  const codes = answer.body_codes.map((c) => {
    const values = c.values ? new Set<unknown>(c.values) : undefined;
    const not = c.not_values ? new Set<unknown>(c.not_values) : undefined;
    const each = c.path.includes('[]');
    const matches = (v: unknown): boolean =>
      each && Array.isArray(v)
        ? v.some(matches)
        : v !== undefined &&
          (!values || values.has(v)) &&
          (!not || !not.has(v)) &&
          (c.min === undefined || (typeof v === 'number' && v >= c.min)) &&
          (c.max === undefined || (typeof v === 'number' && v <= c.max));
    return {
      steps: compilePath(c.path),
      matches,
      outcome: c.outcome,
      label: c.label ?? c.path,
      anyStatus: c.statuses === 'any',
      waitMs: c.wait_ms,
    };
  });
  const reasons =
    answer.reason === undefined
      ? []
      : (Array.isArray(answer.reason) ? answer.reason : [answer.reason]).map((t, i) =>
          compileTemplate(t, `answer.reason[${i}]`),
        );
  const required = answer.body_required ? compilePath(answer.body_required) : undefined;
  const pe = answer.per_event;
  const per = pe
    ? {
        steps: compilePath(pe.path),
        id: pe.id_field ? compilePath(pe.id_field) : undefined,
        status: pe.status_field ? compilePath(pe.status_field) : undefined,
        ok: new Set<unknown>(pe.ok_values ?? []),
        error: pe.error_field ? compilePath(pe.error_field) : undefined,
        message: pe.message_field ? compilePath(pe.message_field) : undefined,
      }
    : undefined;
  const rows = answer.rows ? compileRows(answer.rows) : undefined;
  const retryAfterHeader = answer.retry_after_header.toLowerCase();
  const throttleStatuses = new Set(answer.throttle_statuses ?? []);
  const isSuccess = (s: number): boolean =>
    answer.success ? answer.success.includes(s) : s >= 200 && s < 300;

  const messageOf = (json: unknown, steps: readonly PathStep[][]): string | undefined => {
    for (const s of steps) {
      const v = readPath(json, s);
      if (typeof v === 'string' && v) return v;
      if (typeof v === 'number') return String(v);
    }
    return undefined;
  };
  const retryAfter = (response: VendorResponse): number | undefined =>
    retryAfterOf(
      retryAfterHeader === 'retry-after'
        ? response
        : {
            ...response,
            headers: {
              ...response.headers,
              'retry-after': response.headers[retryAfterHeader] ?? '',
            },
          },
    );

  const perEventResult = (
    result: unknown,
    event_id: string,
    status: number,
    listed = false,
  ): EventOutcome => {
    if (!per || result === undefined) return { event_id, status: 'delivered' };
    if (pe!.http_status && per.status) {
      const s = readPath(result, per.status);
      if (typeof s !== 'number' || (s >= 200 && s < 300)) return { event_id, status: 'delivered' };
      const error = per.error ? readPath(result, per.error) : undefined;
      const reason = `element status ${s}${error ? `: ${JSON.stringify(error)}` : ''}`;
      if (s === 429) return { event_id, status: 'retry', code: 'vendor_throttled', reason };
      return { event_id, ...(s >= 500 ? VERDICTS.retry(reason) : VERDICTS.reject(reason)) };
    }
    let ok: boolean;
    if (per.status) ok = per.ok.has(readPath(result, per.status));
    else if (per.error) ok = !present(readPath(result, per.error));
    else ok = !listed;
    if (ok) return { event_id, status: 'delivered' };
    const said =
      (per.message ? messageOf(result, [per.message]) : undefined) ??
      (per.status
        ? `vendor status ${String(readPath(result, per.status) as string)}`
        : `HTTP ${status}: event rejected`);
    return { event_id, status: 'failed', code: 'vendor_rejected', reason: said };
  };

  return (response, request) => {
    const json = jsonBody(response.body);
    const message = messageOf(json, messagePaths);
    let quoted: string | undefined;
    for (const r of reasons) {
      const v = r({
        settings: {},
        status: response.status,
        body: json,
        text: response.body.slice(0, 200),
      });
      if (typeof v === 'string') {
        quoted = v;
        break;
      }
    }
    const said =
      quoted ?? (message ? `HTTP ${response.status}: ${message}` : `HTTP ${response.status}`);
    const named = rows?.(response, request, json);
    if (named) return named;
    for (const c of codes) {
      if (!c.anyStatus && response.status >= 400) continue;
      const v = readPath(json, c.steps);
      if (!c.matches(v)) continue;
      const reason =
        quoted ??
        (message
          ? `${c.label} ${String(v as string)}: ${message}`
          : `${c.label} ${String(v as string)}`);
      if (c.outcome === 'throttle') {
        const ms = retryAfter(response) ?? c.waitMs;
        return everyEvent(request, {
          status: 'retry',
          code: 'vendor_throttled',
          reason,
          ...(ms !== undefined ? { retryAfterMs: ms } : {}),
        });
      }
      return everyEvent(request, VERDICTS[c.outcome](reason));
    }
    if (required && response.status < 400 && readPath(json, required) === undefined) {
      return everyEvent(
        request,
        VERDICTS.retry(`HTTP ${response.status} without ${answer.body_required} in the answer`),
      );
    }
    if (isSuccess(response.status)) {
      if (!per) return everyEvent(request, { status: 'delivered' });
      const results = readPath(json, per.steps);
      const list = Array.isArray(results) ? results : [];
      if (pe!.match === 'listed_index' && per.id) {
        const byIndex = new Map(list.map((r) => [Number(readPath(r, per.id!)), r]));
        return request.event_ids.map((id, i) =>
          byIndex.has(i)
            ? perEventResult(byIndex.get(i), id, response.status, true)
            : { event_id: id, status: 'delivered' },
        );
      }
      if (per.id) {
        const byId = new Map(list.map((r) => [String(readPath(r, per.id!) as string), r]));
        return request.event_ids.map((id) => perEventResult(byId.get(id), id, response.status));
      }
      return request.event_ids.map((id, i) => perEventResult(list[i], id, response.status));
    }
    if (response.status === 429 || throttleStatuses.has(response.status)) {
      const ms =
        answer.retry_after_clock === 'delivery'
          ? undefined
          : (retryAfter(response) ?? retryAfterOf(response));
      return everyEvent(request, {
        status: 'retry',
        code: 'vendor_throttled',
        reason: said,
        ...(ms !== undefined ? { retryAfterMs: ms } : {}),
      });
    }
    return everyEvent(request, httpVerdict(response, said) ?? VERDICTS.reject(said));
  };
}

/**
 * `answer.rows` → the outcomes of an answer naming its events by position, or undefined when it
 * names none (or is not the kind of answer the rule reads).
 */
export function compileRows(
  r: NonNullable<DeliverySpec['answer']['rows']>,
): (
  response: VendorResponse,
  request: OutboundRequest,
  json: unknown,
) => EventOutcome[] | undefined {
  const list = compilePath(r.list);
  const index = r.index ? compilePath(r.index) : undefined;
  const pattern = r.pattern ? new RegExp(r.pattern, 'g') : undefined;
  const reasons = (Array.isArray(r.reason) ? r.reason : r.reason ? [r.reason] : []).map((t, i) =>
    compileTemplate(t, `answer.rows.reason[${i}]`),
  );
  const id = r.id ? compilePath(r.id) : undefined;
  const retryIf = r.retry_if ? { ...r.retry_if, steps: compilePath(r.retry_if.path) } : undefined;
  const others: Verdict =
    r.others.outcome === 'ok'
      ? { status: 'delivered' }
      : { status: 'retry', code: r.others.code, reason: r.others.reason };
  return (response, request, json) => {
    const { status } = response;
    if (
      r.in === 'success'
        ? status < 200 || status >= 300
        : status < 400 || status >= 500 || [401, 403, 408, 429].includes(status)
    )
      return undefined;
    const found = json === undefined && !index ? response.body : readPath(json, list);
    const named = new Map<number, Verdict>();
    const verdict = (row: unknown, text?: string): Verdict => {
      if (retryIf?.values.includes(readPath(row, retryIf.steps) as string))
        return { status: 'retry', code: 'vendor_server_error', reason: retryIf.reason };
      const scope = { settings: {}, status, body: json, row };
      const said = reasons.map((c) => c(scope)).find((v): v is string => typeof v === 'string');
      return VERDICTS.reject(said ?? text ?? `HTTP ${status}: event rejected`);
    };
    for (const row of [found].flat(2).filter(present)) {
      const at = index ? readPath(row, index) : row;
      const byId = id ? readPath(row, id) : undefined;
      const hits: [number, string | undefined][] =
        typeof byId === 'string' && request.event_ids.includes(byId)
          ? [[request.event_ids.indexOf(byId), undefined]]
          : typeof at === 'number'
            ? [[at, undefined]]
            : typeof at === 'string' && pattern
              ? [...at.matchAll(pattern)].map((m) => [Number(m[1]), m[2]?.trim()])
              : [];
      if (r.whole && hits.length === 0) return everyEvent(request, verdict(row));
      for (const [i, text] of hits)
        if (!named.has(i) && i >= 0 && i < request.event_ids.length)
          named.set(i, verdict(row, text));
    }
    if (named.size === 0) return undefined;
    return request.event_ids.map(
      (event_id, i) => ({ event_id, ...(named.get(i) ?? others) }) as EventOutcome,
    );
  };
}

/** Does an object have every one of these dotted paths? (for hooks and doubles) */
const hasAll = (value: unknown, paths: readonly string[]): boolean =>
  paths.every((p) => hasPath(value, compilePath(p)));
