/**
 * The contract double every declared vendor gets from its declaration: it checks method and path
 * (the spec's path templates, any value per placeholder), auth placement (bearer/basic header,
 * API key in header/query/body, OAuth 1.0a header, HMAC signature header), the batch limits
 * (count and bytes), required item fields (the declaration's `required` fields outside the
 * eligibility groups, and the eligibility rule itself), hash formats (every field the default
 * mapping hashes must be lowercase SHA-256 hex), the options of item and body fields a select
 * setting fills and the body fields an always-set setting fills, and answers in the vendor's own
 * shapes: the
 * error message where the spec reads it, per-event failures inside a 2xx where the spec says
 * they are, 429 with Retry-After through `once(answers.tooManyRequests(s))`. A vendor's own
 * wording, answer shapes and checks stay in its folder, as a `DoubleStyle` (`extraCheck` for an
 * item's checks).
 *
 * Signed and compressed requests: an `aws_sigv4` request's signature is recomputed (with
 * `aws4fetch`, from the declaration's `test_settings` secret, over the bytes received) and must
 * match, S3's `x-amz-content-sha256` must be the body's hash; a `keypair_jwt` bearer must verify
 * against the test key's public half; a gzip body is gunzipped and each NDJSON line must be a JSON
 * object with the required fields. A spec's `then` step is checked by its own endpoint and auth.
 */
import { createHash, createPublicKey } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { AwsV4Signer } from 'aws4fetch';
import { jwtVerify } from 'jose';
import {
  json,
  startVendorDouble,
  type Answer,
  type RecordedRequest,
  type Responder,
  type VendorDouble,
} from '../../doubles/index.js';
import { isSha256Hex } from '../../mapping/hash.js';
import type { MappingRow } from '../../mapping/config.js';
import { compilePath, readPath, writePath, type PathStep } from '../../path/index.js';
import { alternativePaths, compileEligibility, present } from './eligibility.js';
import { settingsSchema, type VendorDeclaration } from './declaration.js';
import { DeliverySpec, type Auth } from './schema.js';
import { compileTemplate } from './template.js';
import { isRecord } from '../../json/index.js';
import { tokenEndpoint } from './token-double.js';

/**
 * A vendor-specific check of one item: the problem, or undefined. `at` is where the vendor's
 * errors say the item is (`data[0].`; the style's `at`), `now` the double's clock.
 */
export type ItemCheck = (
  item: Record<string, unknown>,
  ctx: { i: number; at: string; now: number },
) => string | undefined;

/** Why the double refuses a request. */
export type Refusal = 'path' | 'method' | 'auth' | 'size' | 'body' | 'count' | 'item';

/**
 * How a vendor's double words and shapes what it answers, where that is part of the vendor's
 * contract (docs/delivery-spec.md "Adding a built-in vendor"); everything else comes from the
 * declaration. Templates fill in `{path}` (a request path or an item field), `{method}`, `{max}`.
 */
export interface DoubleStyle {
  /** Statuses (default: path 404, method 405, auth 401, or 403 for a signature, size 413, others 400). */
  status?: Partial<Record<Refusal, number>>;
  /** Wording of the refusals, and of an item's missing (`required`) or unhashed (`hashed`) field. */
  say?: Partial<Record<Exclude<Refusal, 'item'> | 'required' | 'hashed', string>>;
  /** Where item `i` is, before its field problems (`data[0].`); default nothing. */
  at?(i: number): string;
  /** How a field's path reads in a problem (`/user/userIds`); default as declared (`[0]` for list items). */
  path?(path: string): string;
  /** Hashed fields must be lists (Pinterest), not a lone digest. */
  hashedLists?: boolean;
  /** Check the declared required fields (default true); false when hooks reshape items before sending. */
  fields?: boolean;
  /** The error answer; default the message where the spec's `answer.error_message` reads it. */
  error?(status: number, message: string, refusal: Refusal): Answer;
  /** A request-level answer before the items are checked (headers, request fields), or undefined. */
  request?(req: RecordedRequest, body: unknown): Answer | undefined;
  /** The request's items when they are not where the wrapper puts them. */
  items?(body: unknown, req: RecordedRequest): unknown[] | undefined;
  /** The answer once the items are checked (`problems[i]` worded), or undefined for the generic one. */
  answer?(problems: (string | undefined)[], req: RecordedRequest): Answer | undefined;
  /** The answer when every item passes (before `answer`'s generic one). */
  ok?(count: number, req: RecordedRequest): Answer;
  /** Unknown paths and methods get the web server's plain-text 404/405, not the API's error body. */
  plainRefusals?: boolean;
  extraCheck?: ItemCheck;
}

/** A double's options: its style, the clock time windows are checked against, the one credential it takes. */
export interface DoubleOptions extends DoubleStyle {
  now?: () => number;
  /** A credential other than this one is refused (tests); default any present one. */
  token?: string;
}

/**
 * Why a time field is not what the vendor takes: an integer in `unit` (`s|ms`: either) and,
 * `within` a window, at most `days` old and not more than ten minutes ahead of `now`; the text
 * after the field's name.
 *
 * @example timeProblem(1767225600123, 's') // → 'must be Unix seconds (not milliseconds)'
 */
export function timeProblem(
  t: unknown,
  unit: 's' | 'ms' | 's|ms',
  within?: { now: number; days: number },
): string | undefined {
  const int = typeof t === 'number' && Number.isInteger(t);
  const ms = !int ? undefined : t >= 1e12 && t < 1e13 ? t : t >= 1e9 && t < 1e10 ? t * 1000 : 0;
  if (!ms || (unit === 's' && ms === t) || (unit === 'ms' && ms !== t))
    return unit === 's'
      ? 'must be Unix seconds (not milliseconds)'
      : unit === 'ms'
        ? 'must be epoch milliseconds'
        : 'must be epoch seconds or milliseconds';
  if (!within) return undefined;
  if (ms > within.now + 600_000) return 'is in the future';
  return ms < within.now - within.days * 86_400_000
    ? `is older than ${within.days} days`
    : undefined;
}

const FORM = 'application/x-www-form-urlencoded';
/** A form body's fields, those holding a JSON object or list parsed. */
function formOf(text: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(text)) {
    out[k] = v;
    if (/^[[{]/.test(v))
      try {
        out[k] = JSON.parse(v) as unknown;
      } catch {
        // Not JSON after all: the text as sent.
      }
  }
  return out;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `/v1/{{settings.id}}/events` → /^\/v1\/[^/]+\/events$/; a placeholder of a setting with a
 * pattern takes only what the pattern does (a numeric pixel id).
 */
const pathPattern = (template: string, patterns: ReadonlyMap<string, string> = new Map()): RegExp =>
  new RegExp(
    `^${template.replace(/\{\{([^}]*)\}\}|[^{]+|\{/g, (part, ref?: string) => {
      if (ref === undefined) return escape(part);
      const own = patterns.get(/^\s*settings\.(\w+)\s*$/.exec(ref)?.[1] ?? '');
      return own ? `(?:${own.replace(/^\^|\$$/g, '')})` : '[^/]+';
    })}$`,
  );

/** Where `{{items}}` / `{{item}}` sits in a wrapper: a path, '' for the body itself, undefined if absent. */
function itemsPathOf(
  wrapper: unknown,
  at: string[] = [],
): { path: string[]; single: boolean } | undefined {
  if (typeof wrapper === 'string') {
    if (/^\{\{\s*items\s*\}\}$/.test(wrapper)) return { path: at, single: false };
    if (/^\{\{\s*item\s*\}\}$/.test(wrapper)) return { path: at, single: true };
    return undefined;
  }
  if (isRecord(wrapper)) {
    for (const [k, v] of Object.entries(wrapper)) {
      const found = itemsPathOf(v, [...at, k]);
      if (found) return found;
    }
  }
  return undefined;
}

/** Targets the default mapping hashes with SHA-256 (`user_data.em`, `metadata.conversion_id`, …). */
function hashedTargets(decl: VendorDeclaration): string[] {
  const events = Object.values(decl.mapping?.defaults.events ?? {}) as {
    mappings?: MappingRow[];
  }[];
  const rows = [
    ...((decl.mapping?.defaults.global ?? []) as MappingRow[]),
    ...events.flatMap((e) => e.mappings ?? []),
  ];
  return [
    ...new Set(
      rows
        .filter((r) =>
          (r.transforms ?? []).some((t) =>
            (typeof t === 'string' ? t : t.name).endsWith('_sha256'),
          ),
        )
        .map((r) => r.target),
    ),
  ];
}

/** A template value's field that is one setting: its path, if always sent, a select's options. */
interface SettingSlot {
  p: string;
  steps: PathStep[];
  always: boolean;
  options?: readonly string[];
}

/**
 * The fields of a template value (item fields, a body wrapper) that are one setting
 * (`'{{settings.action_source}}'`), at their dotted paths; a setting is always sent when it is
 * required or has a default.
 */
function settingFields(value: unknown, decl: VendorDeclaration, at = ''): SettingSlot[] {
  if (isRecord(value))
    return Object.entries(value).flatMap(([k, v]) => settingFields(v, decl, `${at}${k}.`));
  const key =
    typeof value === 'string' ? /^\{\{\s*settings\.(\w+)\s*\}\}$/.exec(value)?.[1] : undefined;
  const f = key ? decl.settings.find((s) => s.key === key) : undefined;
  if (!f) return [];
  const p = at.slice(0, -1);
  const always = (f.required ?? true) || f.default !== undefined;
  const options = f.type === 'select' && f.options?.length ? { options: f.options } : {};
  return [{ p, steps: compilePath(p), always, ...options }];
}

/** A setting field's value outside its select's options: the problem after its path. */
const notAnOption = (f: SettingSlot, v: unknown): string | undefined =>
  v === undefined || !f.options || f.options.includes(v as string)
    ? undefined
    : `must be ${f.options.slice(0, -1).join(', ')} or ${f.options.at(-1)!}`;

/** Settings as the declaration's test settings parse (defaults filled), for resolving auth templates. */
function testScope(decl: VendorDeclaration): Record<string, unknown> {
  const r = settingsSchema(decl.settings).safeParse(decl.test_settings);
  return r.success ? (r.data as Record<string, unknown>) : { ...decl.test_settings };
}

const SIGV4 =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

/**
 * Recompute an AWS SigV4 signature over a received request (through `aws4fetch`, with the
 * secret the double knows) and compare it: a problem, or undefined.
 *
 * @example await sigv4Problem(req, { accessKeyId: 'AKID', secretAccessKey: 's', region: 'us-east-1', service: 's3' })
 */
async function sigv4Problem(
  req: RecordedRequest,
  c: { accessKeyId: string; secretAccessKey: string; region: string; service: string },
): Promise<string | undefined> {
  const m = SIGV4.exec(req.headers.authorization ?? '');
  if (!m) return 'missing AWS SigV4 Authorization header';
  const [, akid, day, region, service, signedHeaders, signature] = m;
  if (akid !== c.accessKeyId) return `unknown access key ${akid}`;
  if (region !== c.region || service !== c.service)
    return `credential scope ${region}/${service} is not ${c.region}/${c.service}`;
  const date = req.headers['x-amz-date'];
  if (!date || !/^\d{8}T\d{6}Z$/.test(date) || date.slice(0, 8) !== day)
    return 'x-amz-date missing or not the credential date';
  const names = signedHeaders!.split(';');
  if (!names.includes('host') || !names.includes('x-amz-date'))
    return 'SignedHeaders must include host and x-amz-date';
  if (service === 's3') {
    const hash = req.headers['x-amz-content-sha256'];
    if (!names.includes('x-amz-content-sha256')) return 'x-amz-content-sha256 must be signed';
    if (hash !== createHash('sha256').update(req.raw).digest('hex'))
      return 'x-amz-content-sha256 is not the SHA-256 of the body';
  }
  const headers: Record<string, string> = {};
  for (const n of names) if (n !== 'host') headers[n] = req.headers[n] ?? '';
  const url = `http://${req.headers.host ?? 'localhost'}${req.sentUrl ?? req.url}`;
  const signer = new AwsV4Signer({
    method: req.method,
    url,
    headers,
    ...(req.raw.length ? { body: new Uint8Array(req.raw) } : {}),
    accessKeyId: c.accessKeyId,
    secretAccessKey: c.secretAccessKey,
    region: c.region,
    service: c.service,
    datetime: date,
    allHeaders: true,
  });
  const expected = /Signature=([0-9a-f]{64})/.exec(
    (await signer.sign()).headers.get('authorization') ?? '',
  )?.[1];
  return expected === signature
    ? undefined
    : 'SignatureDoesNotMatch: the signature does not match the request';
}

/** How a declaration's request signing is checked (async: SigV4 and JWT verification). */
function signatureCheck(
  auth: Auth,
  scope: Record<string, unknown>,
): ((req: RecordedRequest) => Promise<string | undefined>) | undefined {
  const v = (t: string, field: string): string => {
    const x = compileTemplate(t, field)({ settings: scope });
    return x === undefined || x === null ? '' : String(x as string);
  };
  if (auth.kind === 'aws_sigv4') {
    const c = {
      accessKeyId: v(auth.access_key_id, 'access_key_id'),
      secretAccessKey: v(auth.secret_access_key, 'secret_access_key'),
      region: v(auth.region, 'region'),
      service: auth.service,
    };
    return (req) => sigv4Problem(req, c);
  }
  if (auth.kind === 'keypair_jwt') {
    const pem = v(auth.private_key, 'private_key').replace(/\\n/g, '\n');
    return async (req) => {
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!token) return 'missing Bearer JWT';
      try {
        const { payload } = await jwtVerify(token, createPublicKey(pem), { algorithms: ['RS256'] });
        if (!payload.iss || !payload.sub || !payload.iss.startsWith(`${payload.sub}.SHA256:`))
          return 'JWT iss must be <sub>.SHA256:<fingerprint>';
        return undefined;
      } catch (e) {
        return `JWT does not verify: ${e instanceof Error ? e.message : String(e)}`;
      }
    };
  }
  return undefined;
}

export interface SpecDouble {
  /** Check one request; the answer the vendor would give. */
  check(req: RecordedRequest): Answer | Promise<Answer>;
  /** Problems reported inside a 2xx answer (for the sandbox's verdicts). */
  inBodyProblems(body: string): string[];
  /** Problems in a request the vendor answers 2xx to all the same (GA4's validation rules): the sandbox's verdicts. */
  requestProblems?(req: RecordedRequest): string[];
  /** A double that needs its own server (a token endpoint beside the API): tests start it; the shared sandbox leaves the vendor out. */
  start?(): Promise<VendorDouble>;
}

/**
 * The generic contract double of a declaration.
 *
 * @example specDouble(redditDeclaration).check(recorded) // → { status: 200, body: '…' }
 */
export function specDouble(decl: VendorDeclaration, opts: DoubleOptions = {}): SpecDouble {
  const spec = DeliverySpec.parse(decl.spec);
  const patterns = new Map(
    decl.settings.flatMap((f) => (f.pattern ? [[f.key, f.pattern.regex] as const] : [])),
  );
  const paths = [
    spec.endpoint.path,
    ...(spec.endpoint.test_mode?.path ? [spec.endpoint.test_mode.path] : []),
  ].map((t) => pathPattern(t, patterns));
  const now = opts.now ?? Date.now;
  const at = opts.at ?? (() => '');
  const pathOf = opts.path ?? ((p: string) => p);
  /** A field's problem as the vendor words it: `say` template or `{path} <text>`. */
  const field = (i: number, path: string, kind: 'required' | 'hashed', text: string): string =>
    at(i) + (opts.say?.[kind] ?? `{path} ${text}`).replace('{path}', pathOf(path));
  const wrapper = spec.body.wrapper ?? (spec.batching.max_events === 1 ? '{{item}}' : '{{items}}');
  const where =
    spec.body.encoding === 'ndjson'
      ? { path: [], single: false }
      : (itemsPathOf(wrapper) ?? { path: [], single: true });
  const hashed = hashedTargets(decl).map((p) => ({ p, steps: compilePath(p) }));
  // Item fields a select setting fills (`'{{settings.action_source}}'`) take its options only.
  const selects = settingFields(spec.item.fields, decl);
  // Body fields a setting fills are always sent when it is required or has a default.
  const bodyFields = settingFields(spec.body.wrapper, decl);
  const eligibility = compileEligibility(spec.eligibility);
  const inGroups = alternativePaths(spec.eligibility);
  const required = (decl.mapping?.fields ?? [])
    .filter((f) => opts.fields !== false && f.required && !f.requiredFor && !inGroups.has(f.path))
    .map((f) => ({ p: f.path, steps: compilePath(f.path) }));
  const messagePath = compilePath(spec.answer.error_message[0] ?? 'message');
  const per = spec.answer.per_event;
  const scope = testScope(decl);
  const signed = signatureCheck(spec.auth, scope);
  const tokenAnswer = tokenEndpoint(spec.auth);
  const gzip = spec.body.compression === 'gzip';
  const then = spec.then
    ? {
        method: spec.then.method,
        paths: [pathPattern(spec.then.endpoint.path)],
        signed: signatureCheck(spec.then.auth, scope),
        auth: spec.then.auth,
      }
    : undefined;

  const DEFAULT_STATUS: Record<Refusal, number> = {
    path: 404,
    method: 405,
    auth: signed ? 403 : 401,
    size: 413,
    body: 400,
    count: 400,
    item: 400,
  };
  /** A refusal: its status and wording from the style, else the generic ones. */
  const error = (
    why: Refusal,
    message: string,
    vars: Record<string, string> = {},
    status = opts.status?.[why] ?? DEFAULT_STATUS[why],
  ): Answer => {
    const said = (why === 'item' ? undefined : opts.say?.[why]) ?? message;
    const text = said.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);
    if (opts.plainRefusals && (why === 'path' || why === 'method'))
      return {
        status,
        headers: { 'content-type': 'text/plain' },
        body: why === 'path' ? 'Not Found' : 'Method Not Allowed',
      };
    if (opts.error) return opts.error(status, text, why);
    const body: Record<string, unknown> = {};
    writePath(body, messagePath, text);
    return json(status, body);
  };

  /** A credential given, and the one the double takes when it was told (`token`). */
  const sent = (v: unknown, prefix = ''): boolean =>
    typeof v === 'string' &&
    v.startsWith(prefix) &&
    v.length > prefix.length &&
    (opts.token === undefined || v === prefix + opts.token);
  const authProblem = (req: RecordedRequest, body: unknown): string | undefined => {
    const a = spec.auth;
    const h = req.headers;
    switch (a.kind) {
      case 'bearer':
        return sent(h[a.header.toLowerCase()], a.prefix)
          ? undefined
          : `missing ${a.header} credentials`;
      case 'basic':
        return h.authorization?.startsWith('Basic ') ? undefined : 'missing Basic credentials';
      case 'api_key':
        if (a.in === 'header')
          return sent(h[a.name.toLowerCase()], a.prefix) ? undefined : `missing ${a.name} header`;
        if (a.in === 'query')
          return sent(req.query.get(a.name), a.prefix)
            ? undefined
            : `missing ${a.name} query parameter`;
        return isRecord(body) && sent(body[a.name], a.prefix)
          ? undefined
          : `missing ${a.name} in the body`;
      case 'oauth1':
        return h.authorization?.startsWith('OAuth ') &&
          h.authorization.includes('oauth_signature_method="HMAC-SHA1"') &&
          h.authorization.includes('oauth_signature=')
          ? undefined
          : 'missing OAuth 1.0a HMAC-SHA1 signature';
      case 'hmac':
        return h[a.header.toLowerCase()] ? undefined : `missing ${a.header} signature`;
      case 'none':
        return undefined;
      default:
        return h.authorization?.startsWith('Bearer ') ? undefined : 'missing Bearer token';
    }
  };

  const itemProblem = (item: unknown, i: number, nowMs: number): string | undefined => {
    if (!isRecord(item)) return `${at(i)}event must be an object`;
    for (const r of required)
      if (!present(readPath(item, r.steps))) return field(i, r.p, 'required', 'is required');
    for (const h of hashed) {
      const v = readPath(item, h.steps);
      if (v === undefined) continue;
      if (opts.hashedLists && !Array.isArray(v)) return `${at(i)}${pathOf(h.p)} must be an array`;
      const values = Array.isArray(v) ? v : [v];
      if (!values.every((x) => typeof x === 'string' && isSha256Hex(x) && x === x.toLowerCase()))
        return field(i, h.p, 'hashed', 'must be lowercase SHA-256 hex');
    }
    for (const f of selects) {
      const problem = notAnOption(f, readPath(item, f.steps));
      if (problem) return `${at(i)}${pathOf(f.p)} ${problem}`;
    }
    // Time windows are delivery's, by its clock; a style checks times in its vendor's words.
    const why = eligibility?.(item);
    if (why) return at(i) + why;
    return opts.extraCheck?.(item, { i, at: at(i), now: nowMs });
  };

  /** A 2xx naming failed events the way the spec reads them, or a 400 when the vendor has no per-event results. */
  const partial = (count: number, problems: (string | undefined)[], ids: unknown[]): Answer => {
    if (!per) {
      const i = problems.findIndex(Boolean);
      return error('item', opts.at ? problems[i]! : `event ${i}: ${problems[i]!}`);
    }
    const okValue = per.ok_values?.[0] ?? 'ok';
    const results = problems.map((p, i) => {
      const r: Record<string, unknown> = {};
      if (per.match === 'id' && per.id_field) writePath(r, compilePath(per.id_field), ids[i]);
      if (per.match === 'listed_index' && per.id_field) writePath(r, compilePath(per.id_field), i);
      if (per.status_field)
        writePath(
          r,
          compilePath(per.status_field),
          p ? (per.match === 'listed_index' ? false : 'failed') : okValue,
        );
      if (p && per.error_field) writePath(r, compilePath(per.error_field), { message: p });
      if (p && per.message_field) writePath(r, compilePath(per.message_field), p);
      return { r, failed: Boolean(p) };
    });
    const list =
      per.match === 'listed_index'
        ? results.filter((x) => x.failed).map((x) => x.r)
        : results.map((x) => x.r);
    const body: Record<string, unknown> = { events_received: count };
    writePath(body, compilePath(per.path), list);
    return {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    };
  };

  /** Names (last path segment) of the objects uploaded and accepted here, which a `then` step must load (bounded, oldest forgotten). */
  const uploaded = new Set<string>();
  const remember = (path: string): void => {
    uploaded.add(decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)));
    if (uploaded.size > 10_000) uploaded.delete(uploaded.values().next().value!);
  };

  /** The `then` step (a load after the upload): its endpoint, auth, a JSON object body naming a file uploaded before. */
  const checkThen = async (req: RecordedRequest, t: NonNullable<typeof then>): Promise<Answer> => {
    const problem = t.signed
      ? await t.signed(req)
      : t.auth.kind === 'none' || req.headers.authorization
        ? undefined
        : 'missing credentials';
    if (problem) return error('auth', problem, {}, 403);
    if (!isRecord(req.json)) return error('body', 'the body must be a JSON object');
    const text = JSON.stringify(req.json);
    if (![...uploaded].some((name) => text.includes(name)))
      return error('body', 'the load names no file uploaded before it');
    return json(200, { accepted: true });
  };

  const check = async (req: RecordedRequest): Promise<Answer> => {
    const token = tokenAnswer?.(req);
    if (token) return token;
    if (
      then &&
      req.method === then.method &&
      then.paths.some((p) => p.test(req.path)) &&
      !(req.method === spec.method && paths.some((p) => p.test(req.path)))
    )
      return checkThen(req, then);
    const vars = { path: req.path, method: req.method, max: String(spec.batching.max_events) };
    if (!paths.some((p) => p.test(req.path)))
      return error('path', `no such endpoint ${req.path}`, vars);
    if (req.method !== spec.method) return error('method', `${req.method} is not allowed`, vars);
    let text = req.body;
    if (gzip) {
      if (req.headers['content-encoding'] !== 'gzip')
        return error('body', 'the body must be gzip-compressed (content-encoding: gzip)');
      try {
        text = gunzipSync(req.raw).toString('utf8');
      } catch {
        return error('body', 'the body is not valid gzip');
      }
    }
    let parsed: unknown = req.json;
    if (gzip && spec.body.encoding === 'json') {
      try {
        parsed = JSON.parse(text) as unknown;
      } catch {
        parsed = undefined;
      }
    }
    // A JSON API sent a form body (the Graph API takes both): its fields, JSON ones parsed.
    const body =
      spec.body.encoding === 'form'
        ? Object.fromEntries(new URLSearchParams(text))
        : req.headers['content-type']?.startsWith(FORM)
          ? formOf(text)
          : parsed;
    const auth = signed ? await signed(req) : authProblem(req, body);
    if (auth) return error('auth', auth, vars);
    if (spec.batching.max_bytes && Buffer.byteLength(text) > spec.batching.max_bytes)
      return error('size', `request is larger than ${spec.batching.max_bytes} bytes`, vars);
    for (const f of bodyFields) {
      const v = readPath(body, f.steps);
      if (f.always && !present(v))
        return error('item', (opts.say?.required ?? '{path} is required').replace('{path}', f.p));
      const problem = notAnOption(f, v);
      if (problem) return error('item', `${f.p} ${problem}`);
    }
    const early = opts.request?.(req, body);
    if (early) return early;
    let items: unknown[];
    if (spec.body.encoding === 'ndjson') {
      try {
        items = text
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as unknown);
      } catch {
        return error('body', 'each line must be JSON');
      }
    } else {
      const found = readPath(body, where.path);
      items =
        opts.items?.(body, req) ?? (where.single ? [found] : Array.isArray(found) ? found : []);
    }
    if (items.length === 0) return error('body', 'no events in the request', vars);
    if (items.length > spec.batching.max_events)
      return error(
        'count',
        `at most ${spec.batching.max_events} events per request (1 to ${spec.batching.max_events})`,
        vars,
      );
    const nowMs = now();
    const problems = items.map((item, i) => itemProblem(item, i, nowMs));
    const allOk = problems.every((p) => !p);
    if (allOk && then) remember(req.path);
    if (allOk && opts.ok) return opts.ok(items.length, req);
    const own = opts.answer?.(problems, req);
    if (own) return own;
    if (allOk) {
      const ok: Record<string, unknown> = { events_received: items.length };
      if (per)
        writePath(
          ok,
          compilePath(per.path),
          per.match === 'listed_index'
            ? []
            : items.map(() =>
                per.status_field
                  ? Object.fromEntries([[per.status_field, per.ok_values?.[0] ?? 'ok']])
                  : {},
              ),
        );
      return json(200, ok);
    }
    const ids = items.map((it) =>
      per?.match === 'id' && per.item_id_field
        ? readPath(it, compilePath(per.item_id_field))
        : undefined,
    );
    return partial(items.length, problems, ids);
  };

  const codes = spec.answer.body_codes.map((c) => ({ ...c, steps: compilePath(c.path) }));
  /** The first body code rule a 2xx answer matches, as classify reads them (TikTok's `code`). */
  const codeProblem = (answer: unknown): string[] => {
    for (const c of codes) {
      const v = readPath(answer, c.steps);
      if (
        v === undefined ||
        (c.values && !c.values.includes(v as string)) ||
        c.not_values?.includes(v as string) ||
        (c.min !== undefined && !(typeof v === 'number' && v >= c.min)) ||
        (c.max !== undefined && !(typeof v === 'number' && v <= c.max))
      )
        continue;
      const said = readPath(answer, messagePath);
      const why = `${c.label ?? c.path} ${String(v as string)}`;
      return c.outcome === 'ok' ? [] : [typeof said === 'string' ? `${why}: ${said}` : why];
    }
    return [];
  };
  const inBodyProblems = (text: string): string[] => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return [];
    }
    const coded = codeProblem(json);
    if (coded.length || !per) return coded;
    const list = readPath(json, compilePath(per.path));
    if (!Array.isArray(list)) return [];
    return list.flatMap((r, i) => {
      const status = per.status_field ? readPath(r, compilePath(per.status_field)) : undefined;
      const failed =
        per.match === 'listed_index'
          ? true
          : per.http_status
            ? typeof status === 'number' && (status < 200 || status >= 300)
            : per.status_field
              ? !(per.ok_values ?? []).includes(status as string)
              : per.error_field
                ? present(readPath(r, compilePath(per.error_field)))
                : false;
      const said = per.message_field ? readPath(r, compilePath(per.message_field)) : undefined;
      return failed ? [`${per.path}[${i}]: ${typeof said === 'string' ? said : 'rejected'}`] : [];
    });
  };

  return { check, inBodyProblems };
}

/**
 * Start the generic double of a declaration on a random port.
 *
 * @example const d = await startSpecDouble(redditDeclaration, { token: 't' }); d.once(answers.tooManyRequests(5));
 */
export function startSpecDouble(
  decl: VendorDeclaration,
  opts: DoubleOptions = {},
): Promise<VendorDouble> {
  const d = specDouble(decl, opts);
  const respond: Responder = (req) => d.check(req);
  return startVendorDouble({ respond });
}
