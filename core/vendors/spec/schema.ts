/**
 * The Delivery Spec (docs/delivery-spec.md): how events reach an HTTP API, as data. One zod
 * schema is the source of the type, of save-time validation (errors name the path inside the
 * spec) and of the JSON Schema editors load (`deliverySpecJsonSchema`).
 *
 * Templates are strings with `{{ref}}` or `{{ref | transform | transform}}` parts, refs being
 * `settings.KEY`, `event.PATH` (the envelope), `vendor_event`, `fields.PATH` (the mapped item),
 * `pipeline_param.KEY` (resolved from the pipeline before delivery sees the config), and in a
 * wrapper `items` / `item`. A template that is one `{{ref}}` alone keeps the value's type.
 */
import { z } from 'zod';

/** A template string (see the module comment). */
const Template = z.string().max(4096);
/** A JSON value whose strings may be templates (wrappers, constant fields, item fields). */
const TemplateValue: z.ZodType<unknown> = z.lazy(() =>
  z.union([
    z.string().max(4096),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(TemplateValue),
    z.record(z.string(), TemplateValue),
  ]),
);
/** A dotted path into a JSON answer or a built item (`events`, `error.message`, `user_data.em`). */
const Path = z.string().min(1).max(256);
const Scalar = z.union([z.string(), z.number(), z.boolean()]);

const Endpoint = z.strictObject({
  /** Production base URL; `endpoint_override` (sandbox, doubles) replaces it. */
  base_url: z.url(),
  /**
   * A base URL built from the settings (`https://{{settings.bucket}}.s3.{{settings.region}}.amazonaws.com`):
   * when given it replaces `base_url` and `regions` (`endpoint_override` still wins). `base_url`
   * stays the documented production host.
   */
  base_url_template: Template.optional(),
  /** Per-region base URLs chosen by a setting (`region: eu` → `hosts.eu`); the default is `base_url`. */
  regions: z
    .strictObject({ setting: z.string().min(1), hosts: z.record(z.string(), z.url()) })
    .optional(),
  /** Path template appended to the base (`/v5/ad_accounts/{{settings.ad_account_id}}/events`). */
  path: Template,
  /**
   * Send the URL exactly as built (a customer's own URL, `base_url_template: '{{settings.url}}'`):
   * no trailing slash taken off the base, no normalisation. Query parameters, when any, are still appended.
   */
  verbatim: z.boolean().optional(),
  /** Query parameters (templates; empty values are left out). */
  query: z.record(z.string(), Template).optional(),
  /** What test mode changes: extra query parameters, body fields (dotted paths into the wrapper: `data.test_id`), or a whole other path. */
  test_mode: z
    .strictObject({
      query: z.record(z.string(), Template).optional(),
      body: z.record(z.string(), TemplateValue).optional(),
      path: Template.optional(),
      /** Item fields that replace the usual ones in test mode (`tracker_id: '{{settings.test_tracker_id}}'`). */
      item: z.record(z.string(), TemplateValue).optional(),
      /** Settings test mode cannot do without (`test_event_code`): a config in test mode without one is refused naming it. */
      requires: z.array(z.string().min(1)).optional(),
    })
    .optional(),
});

const secretRef = Template.describe('a template, usually `{{settings.KEY}}` of a secret setting');

const SINGLE_AUTH = [
  z.strictObject({ kind: z.literal('none') }),
  z.strictObject({
    kind: z.literal('bearer'),
    token: secretRef,
    header: z.string().default('authorization'),
    prefix: z.string().default('Bearer '),
  }),
  z.strictObject({
    kind: z.literal('basic'),
    username: secretRef,
    password: secretRef.default(''),
  }),
  z.strictObject({
    kind: z.literal('api_key'),
    in: z.enum(['header', 'query', 'body']),
    name: z.string().min(1),
    value: secretRef,
    prefix: z.string().default(''),
  }),
  z.strictObject({
    kind: z.literal('oauth2_client_credentials'),
    token_url: z.url(),
    client_id: secretRef,
    client_secret: secretRef,
    scope: z.string().optional(),
    /** Client credentials in the form body (default) or as HTTP Basic. */
    client_auth: z.enum(['body', 'basic']).default('body'),
  }),
  z.strictObject({
    kind: z.literal('oauth2_refresh_token'),
    token_url: z.url(),
    client_id: secretRef,
    client_secret: secretRef,
    refresh_token: secretRef,
    client_auth: z.enum(['body', 'basic']).default('body'),
  }),
  z.strictObject({
    kind: z.literal('google_service_account'),
    /** The service-account JSON key (a template naming a secret setting). */
    key: secretRef,
    scopes: z.array(z.string().min(1)).min(1),
  }),
  z.strictObject({
    kind: z.literal('oauth1'),
    consumer_key: secretRef,
    consumer_secret: secretRef,
    token: secretRef,
    token_secret: secretRef,
  }),
  z.strictObject({
    /**
     * AWS Signature Version 4 (S3 and S3-compatible stores, Kinesis, Firehose, EventBridge, the
     * Redshift Data API): each request is signed just before it is sent (the `seal` step) by the
     * `aws4fetch` library; S3 requests carry the body's SHA-256 in `x-amz-content-sha256`.
     */
    kind: z.literal('aws_sigv4'),
    access_key_id: secretRef,
    secret_access_key: secretRef,
    /** Temporary (STS) credentials' session token; empty → none. */
    session_token: secretRef.optional(),
    /** A template: `us-east-1`, `{{settings.region}}`, `auto` (Cloudflare R2). */
    region: Template,
    /** The signing name: `s3`, `kinesis`, `firehose`, `events`, `redshift-data`. */
    service: z.string().min(1).max(64),
  }),
  z.strictObject({
    kind: z.literal('keypair_jwt'),
    /**
     * A self-signed RS256 JWT as the bearer token (Snowflake key-pair authentication,
     * docs/vendors/more-vendors-and-catalog.md §14): `iss` and `sub` templates over the settings
     * (the `{{fingerprint}}` is the public key's `SHA256:` fingerprint), signed with the `jose`
     * library, renewed before `lifetime_s`.
     */
    private_key: secretRef,
    issuer: Template,
    subject: Template,
    lifetime_s: z.number().int().min(60).max(3600).default(3540),
    /** Extra fixed headers sent with the token (`X-Snowflake-Authorization-Token-Type: KEYPAIR_JWT`). */
    headers: z.record(z.string(), z.string()).default({}),
  }),
  z.strictObject({
    kind: z.literal('hmac'),
    secret: secretRef,
    algorithm: z.enum(['sha256', 'sha1', 'sha512']).default('sha256'),
    encoding: z.enum(['hex', 'base64']).default('hex'),
    /** The header's name (a template: `{{settings.hmac_header}}`). */
    header: Template.min(1).default('x-signature-256'),
    /** Text before the digest (`sha256=`). */
    prefix: z.string().default(''),
  }),
] as const;
const SingleAuth = z.discriminatedUnion('kind', SINGLE_AUTH);

export const Auth = z.discriminatedUnion('kind', [
  ...SINGLE_AUTH,
  /**
   * Alternatives chosen by the value of a select setting (the Custom Webhook's `auth_method`: none,
   * bearer, basic or hmac). A value without an option is refused when saved, and so is a chosen
   * option whose templates read a setting that is not set (`auth_token is required when auth_method is bearer`).
   */
  z.strictObject({
    kind: z.literal('by_setting'),
    setting: z.string().min(1),
    options: z.record(z.string(), SingleAuth),
  }),
  /**
   * Alternatives chosen per integration: the first option whose `when` settings are all set
   * (Google Ads: a service-account key, else an OAuth client's refresh token).
   */
  z.strictObject({
    kind: z.literal('first_of'),
    options: z
      .array(z.strictObject({ when: z.array(z.string().min(1)).min(1), auth: SingleAuth }))
      .min(1)
      .max(8),
  }),
]);
export type Auth = z.infer<typeof Auth>;
export type SingleAuth = z.infer<typeof SingleAuth>;

const Body = z.strictObject({
  encoding: z.enum(['json', 'form', 'ndjson']).default('json'),
  /**
   * The request body around the items: `{ data: '{{items}}' }` for a batch, `'{{item}}'` for one
   * event per request. Default: the item when `batching.max_events` is 1, else the items' array.
   * NDJSON bodies are the items, one per line, and take no wrapper.
   */
  wrapper: TemplateValue.optional(),
  /**
   * Top-level item keys that belong to the request, not the item (GA4's `client_id`, `user_id`,
   * `consent`): taken out of each item and written at the top of the body; events whose values
   * differ never share a request.
   */
  request_fields: z.array(z.string().min(1)).optional(),
  /**
   * `gzip`: the encoded body is gzip-compressed just before sending (`content-encoding: gzip`);
   * traces and previews keep the text. Byte limits count the uncompressed text.
   */
  compression: z.enum(['none', 'gzip']).optional(),
  /** The content type sent (default from the encoding: `application/json`, `application/x-ndjson`, …). */
  content_type: z.string().min(1).max(128).optional(),
});

const Item = z.strictObject({
  /** Fields every item carries before the mapped ones (`event_name: '{{vendor_event}}'`, `action_source: 'web'`). */
  fields: z.record(z.string(), TemplateValue).default({}),
  /** Where the mapped fields go inside the item (BigQuery's row `json`); default the item itself. */
  mapped_at: Path.optional(),
});

/** Item paths and the value (or one of the values) each must hold (`{ action_source: 'website' }`). */
const Match = z.record(Path, z.union([Scalar, z.array(Scalar).min(1)]));

/** One eligibility rule: an item that breaks it is skipped with its `reason` (the first broken rule's). */
const Eligibility = z
  .strictObject({
    /** The rule applies only to items that match (`{ event_name: 'Purchase' }`)… */
    when: Match.optional(),
    /** …and that do not match this. */
    unless: Match.optional(),
    /** `when` and `unless` compare text in any letter case (Snap's event names). */
    any_case: z.boolean().optional(),
    /** The item qualifies when every path of at least one group is present. */
    any_of: z.array(z.array(Path).min(1)).min(1).optional(),
    /**
     * The item qualifies when the time at `path` (a number in `unit`) is at most `max_age_days`
     * old and at most `max_ahead_s` seconds ahead, by delivery's clock (unchecked without one). An
     * item without the time qualifies (an `any_of` rule requires it); one that is not a number does not.
     */
    window: z
      .strictObject({
        path: Path,
        unit: z.enum(['s', 'ms', 'us']),
        max_age_days: z.number().positive().optional(),
        max_ahead_s: z.number().min(0).optional(),
      })
      .optional(),
    /** Why an event that does not qualify is skipped. */
    reason: z.string().min(1),
  })
  .refine((r) => r.any_of || r.window, {
    message: 'a rule needs any_of or window',
    path: ['any_of'],
  });

const Batching = z.strictObject({
  max_events: z.number().int().min(1).max(10_000).default(1),
  max_bytes: z.number().int().min(256).optional(),
  /** Events with different keys never share a request (GA4's client id). */
  group_by: Template.optional(),
  /**
   * At most `max` distinct values of `key` (a template over `fields`, the built item) share a
   * request; events stay in order and a new request starts when one more value would exceed it
   * (Google Ads: 10 conversion actions per request).
   */
  distinct: z.strictObject({ key: Template, max: z.number().int().min(1).max(10_000) }).optional(),
  /** Default wait for a batch to fill (ms) when the integration sets no `batch_interval_ms` (files: a minute rather than a second). */
  max_wait_ms: z.number().int().min(0).max(900_000).optional(),
  /**
   * A boolean setting that turns batching on per integration (the Custom Webhook's `batch_enabled`):
   * while it is off each event goes alone and the default wrapper is the item.
   */
  enabled_by: z.string().min(1).optional(),
  /**
   * A number setting for the most events per request (the shared `batch_size`), a whole number
   * from 1 to `max_events` (a config beyond is refused); unset → `size_default`, else `max_events`.
   */
  size_setting: z.string().min(1).optional(),
  size_default: z.number().int().min(1).max(10_000).optional(),
  /**
   * How a batch over `max_bytes` is split: `halve` (default) halves it until each part fits;
   * `fill` fills requests in event order, each with as many events as fit.
   */
  split: z.enum(['halve', 'fill']).optional(),
});

const Outcome = z.enum(['retry', 'throttle', 'reauth', 'reject', 'ok']);

const Answer = z.strictObject({
  /** Status codes that mean success (default every 2xx). */
  success: z.array(z.number().int().min(100).max(599)).optional(),
  /** Where the vendor's error message is in a JSON error body (`message`, `error.message`). */
  error_message: z.array(Path).default(['message', 'error.message', 'error']),
  /**
   * How a failure's reason quotes the answer (`Snap {{body.status}}: {{body.reason}}`, `HTTP
   * {{status}}: {{text}}`): a template, or a list whose first template with every value present
   * wins; when none resolves, `HTTP <status>: <message>`. Body code rules use it too (else their label).
   */
  reason: z.union([Template, z.array(Template).min(1).max(8)]).optional(),
  /** Header carrying the wait before a retry. */
  retry_after_header: z.string().default('retry-after'),
  /** Statuses besides 429 that mean "slow down" (a custom webhook's 408): retried as throttled, honouring the wait header. */
  throttle_statuses: z.array(z.number().int().min(400).max(599)).optional(),
  /**
   * Whose clock measures an HTTP-date `Retry-After` of a throttled status: `answer` (default: against
   * the answer's own `Date`) or `delivery` (the answer carries no wait; delivery reads the standard
   * header by its clock, as the Custom Webhook always did).
   */
  retry_after_clock: z.enum(['answer', 'delivery']).optional(),
  /** Per-event results inside a 2xx answer. */
  per_event: z
    .strictObject({
      /** The array of results (`events`). */
      path: Path,
      /**
       * `index`: one result per event, in request order. `id`: results name their event by
       * `id_field` (the event's id is `item_id_field` inside the sent item). `listed_index`: only
       * problems are listed, each naming its event's position in `id_field`; unlisted events succeed.
       */
      match: z.enum(['index', 'id', 'listed_index']).default('index'),
      id_field: Path.optional(),
      item_id_field: Path.optional(),
      /** A result is a success when `status_field` holds one of `ok_values`, or when it has no `error_field`. */
      status_field: Path.optional(),
      ok_values: z.array(z.union([z.string(), z.number(), z.boolean()])).optional(),
      error_field: Path.optional(),
      /** Where the failed result's message is. */
      message_field: Path.optional(),
      /** `status_field` holds an HTTP status (LinkedIn's elements): 2xx delivered, 429/5xx retried. */
      http_status: z.boolean().optional(),
    })
    .refine((p) => p.match === 'index' || p.id_field, {
      message: 'id matching needs id_field',
      path: ['id_field'],
    })
    .optional(),
  /**
   * Events an answer names by their position in the request, each with its own reason (read before
   * the other rules): BigQuery's `insertErrors[].index` in a 2xx, Google's `events[3].…` field
   * violations or LinkedIn's `Index: 3, ERROR :: …` lines in a 4xx. Named events fail (or are
   * retried when `retry_if` matches), the others get `others`; an answer naming none is left to
   * the other rules.
   */
  rows: z
    .strictObject({
      /** `success`: inside a 2xx; `rejected`: in a 4xx other than 401, 403, 408 and 429. */
      in: z.enum(['success', 'rejected']),
      /**
       * The problems (`[]` reads every element: `error.details[].fieldViolations`); a text there is
       * one problem (a non-JSON answer: its text, when there is no `index`).
       */
      list: Path,
      /** Where a problem names its event: a number, or a text `pattern` finds it in (default the problem itself). */
      index: Path.optional(),
      /** A regular expression (every match counts): group 1 the position, group 2 a reason. */
      pattern: z.string().max(256).optional(),
      /** Or where a problem names its event by id (a custom webhook's `rejected[].event_id`). */
      id: Path.optional(),
      /** A problem naming no event fails them all (GA4's request-level validation messages). */
      whole: z.boolean().optional(),
      /** The failed event's reason: templates over `row`, `body` and `status`; the first that resolves. */
      reason: z.union([Template, z.array(Template).min(1).max(8)]).optional(),
      /** Problems whose `path` holds one of `values` are retried with `reason` (BigQuery's `stopped` rows). */
      retry_if: z
        .strictObject({ path: Path, values: z.array(z.string()).min(1), reason: z.string() })
        .optional(),
      /** The events the answer does not name: delivered, or retried (a fast-fail request). */
      others: z
        .strictObject({
          outcome: z.enum(['ok', 'retry']),
          code: z
            .enum(['vendor_server_error', 'upstream_unavailable'])
            .default('vendor_server_error'),
          reason: z.string().default('not taken: another event in the request was rejected'),
        })
        .prefault({ outcome: 'ok' }),
    })
    .optional(),
  /** In-body codes (even in a 2xx) and what they mean. */
  body_codes: z
    .array(
      z
        .strictObject({
          path: Path,
          /**
           * The rule matches when the value (any element of a `[]` path's) is one of `values`, is
           * none of `not_values`, or lies in `min`..`max` (numbers).
           */
          values: z
            .array(z.union([z.string(), z.number(), z.boolean()]))
            .min(1)
            .optional(),
          not_values: z.array(z.union([z.string(), z.number(), z.boolean()])).optional(),
          min: z.number().optional(),
          max: z.number().optional(),
          outcome: Outcome,
          /** Only below HTTP 400 (`non_error`: the status decides a 4xx/5xx), or at every status (default). */
          statuses: z.enum(['any', 'non_error']).default('any'),
          /** How the reason names the code (`TikTok code` → "TikTok code 40002: message"); default the path. */
          label: z.string().max(64).optional(),
          /** A throttle's wait when the answer gives no Retry-After (BigQuery's `quotaExceeded`: ten minutes). */
          wait_ms: z.number().int().min(0).max(86_400_000).optional(),
        })
        .refine((c) => c.values || c.not_values || c.min !== undefined || c.max !== undefined, {
          message: 'a body code rule needs values, not_values, min or max',
          path: ['values'],
        }),
    )
    .default([]),
  /** A path every non-error answer carries (TikTok's `code`): a 2xx without it is retried, not assumed delivered. */
  body_required: Path.optional(),
  /** A rejected multi-event request (4xx) is resent one event per request to find the bad one. */
  retry_rejected_batch_one_by_one: z.boolean().default(false),
});

export const DeliverySpec = z.strictObject({
  endpoint: Endpoint,
  method: z.enum(['POST', 'PUT', 'PATCH', 'GET']).default('POST'),
  /** A setting whose value (POST, PUT or PATCH) is the method per integration (the Custom Webhook's `method`); unset → `method`. */
  method_setting: z.string().min(1).optional(),
  auth: Auth.default({ kind: 'none' }),
  body: Body.prefault({}),
  item: Item.prefault({}),
  headers: z
    .strictObject({
      /** Fixed headers (templates over settings). */
      static: z.record(z.string(), Template).default({}),
      /** Headers read from the request's first event (`x-forwarded-for: '{{event.context.ip}}'`). */
      from_event: z.record(z.string(), Template).default({}),
      /**
       * A setting holding an object of header name → value, sent after the static headers as given:
       * names keep their case, values are not templates (the Custom Webhook's `headers`).
       */
      from_setting: z.string().min(1).optional(),
    })
    .prefault({}),
  /** Which events qualify: one rule, or a list checked in order. */
  eligibility: z.union([Eligibility, z.array(Eligibility).min(1).max(32)]).optional(),
  batching: Batching.prefault({}),
  /** Default requests/s when the integration sets none. */
  rate_limit_rps: z.number().positive().max(100_000).default(10),
  answer: Answer.prefault({}),
  /**
   * A second request sent after the first answered 2xx, with the same events (load a staged file:
   * Redshift COPY through the Data API, Snowpipe insertFiles). It has its own endpoint, method,
   * auth, headers, body and answer rules; its templates read the same `batch` (id, date) as the
   * first request's, so it can name the file the first one wrote. Its answer decides the outcome.
   */
  then: z
    .strictObject({
      endpoint: Endpoint,
      method: z.enum(['POST', 'PUT', 'PATCH']).default('POST'),
      auth: Auth.default({ kind: 'none' }),
      /** A JSON body (templates over `settings`, `batch`, `items`); no compression. */
      body: TemplateValue,
      headers: z.record(z.string(), Template).default({}),
      answer: Answer.prefault({}),
    })
    .optional(),
});
export type DeliverySpec = z.infer<typeof DeliverySpec>;
export type DeliverySpecInput = z.input<typeof DeliverySpec>;

/**
 * The spec as JSON Schema (draft 2020-12) for editors and the Management UI.
 *
 * @example deliverySpecJsonSchema().properties.endpoint // → { type: 'object', … }
 */
export function deliverySpecJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(DeliverySpec, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
}
