/**
 * What every object-storage destination shares (S3 and the S3-compatible stores, and the staging
 * step of Redshift and Snowflake): events batched into one gzip-compressed NDJSON object per
 * request, one full-envelope row per event, PUT with AWS SigV4 (docs/vendors/more-vendors-and-catalog.md §15), and an idempotent object name:
 *
 *   <key_prefix>/dt=<YYYY-MM-DD>/hour=<HH>/<batch id>.ndjson.gz
 *
 * where the batch id is a hash of the batch's event ids and the date and hour are the first
 * event's `received_at` (UTC): the same batch always gets the same key, so a retried upload
 * overwrites its own object and never adds a second one (delivery retries give at-least-once;
 * see docs/warehouses.md).
 */
import type { MappingRow } from '../../mapping/config.js';
import type { VendorField } from '../../mapping/coverage.js';
import type { EventOutcome, OutboundRequest, VendorResponse } from '../types.js';
import type { DeclaredMapping, SettingField } from '../spec/declaration.js';
import type { SpecHooks } from '../spec/interpret.js';
import type { DeliverySpecInput } from '../spec/schema.js';
import { STANDARD_EVENTS, standardEvents, type StandardEvent } from '../spec/standard.js';

/** The object key after the prefix: date and hour partitions, then the batch's hash. */
export const OBJECT_NAME = 'dt={{batch.date}}/hour={{batch.hour}}/{{batch.id}}.ndjson.gz';
/** The object's path under the base URL. */
const OBJECT_PATH = `/{{settings.key_prefix}}/${OBJECT_NAME}`;

/** One row per event: the whole envelope, plus the event's name as mapped. */
export const ROW_FIELDS: Record<string, string> = {
  event_id: '{{event.event_id}}',
  event_name: '{{vendor_event}}',
  event: '{{event.event}}',
  type: '{{event.type}}',
  timestamp: '{{event.timestamp}}',
  sent_at: '{{event.sent_at}}',
  received_at: '{{event.received_at}}',
  anonymous_id: '{{event.anonymous_id}}',
  user_id: '{{event.user_id}}',
  group_id: '{{event.group_id}}',
  properties: '{{event.properties}}',
  traits: '{{event.traits}}',
  context: '{{event.context}}',
  source: '{{event.source}}',
};

const ROW_DOC: readonly VendorField[] = [
  {
    path: 'event_id',
    required: true,
    auto: true,
    description: 'The event’s id (deduplicate on it: delivery is at-least-once).',
  },
  {
    path: 'event_name',
    required: true,
    auto: true,
    description: 'The event’s name after mapping (standard events by their standard name).',
  },
  { path: 'type', required: true, auto: true, description: 'track, page, identify, …' },
  {
    path: 'timestamp',
    required: true,
    auto: true,
    description: 'When the event happened (ISO 8601).',
  },
  {
    path: 'received_at',
    required: true,
    auto: true,
    description: 'When the server received it (ISO 8601; the date partition).',
  },
  { path: 'properties', required: false, auto: true, description: 'The event’s properties.' },
  { path: 'traits', required: false, auto: true, description: 'The user’s traits.' },
  { path: 'context', required: false, auto: true, description: 'Page, device, consent, campaign.' },
];

const IDENTITY = Object.fromEntries(STANDARD_EVENTS.map((e) => [e, e])) as Record<
  StandardEvent,
  string
>;

/** Default mapping: every event is a row (standard events named by their standard name, the rest by their own). */
export const ROW_MAPPING: DeclaredMapping = {
  fields: ROW_DOC,
  defaults: {
    global: [] as MappingRow[],
    events: standardEvents(IDENTITY),
    defaults: { action: 'pass_through' },
  },
};

/** Object store settings every S3-compatible destination has. */
export const KEY_SETTINGS: readonly SettingField[] = [
  {
    key: 'access_key_id',
    label: 'Access key id',
    type: 'secret',
    help: 'An access key allowed to write objects (s3:PutObject) under the prefix.',
  },
  {
    key: 'secret_access_key',
    label: 'Secret access key',
    type: 'secret',
    help: 'The access key’s secret.',
  },
];

export const PREFIX_SETTING: SettingField = {
  key: 'key_prefix',
  label: 'Key prefix',
  type: 'string',
  required: false,
  default: 'events',
  pattern: {
    regex: "^[A-Za-z0-9!_.*'()=-]+(/[A-Za-z0-9!_.*'()=-]+)*$",
    message:
      "path segments of letters, digits and !_.*'()=- separated by /, no leading or trailing /",
  },
  help: 'Objects are written under <prefix>/dt=YYYY-MM-DD/hour=HH/<batch id>.ndjson.gz.',
};

export const BUCKET_SETTING: SettingField = {
  key: 'bucket',
  label: 'Bucket',
  type: 'string',
  pattern: {
    regex: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$',
    message: '3 to 63 lower-case letters, digits, dots and hyphens',
  },
  help: 'The bucket the objects are written to.',
};

/** Batching: up to 5,000 events or 5 MB of NDJSON per object, a minute's wait for a batch to fill. */
const OBJECT_BATCHING = {
  max_events: 5000,
  max_bytes: 5_000_000,
  max_wait_ms: 60_000,
} as const;

/**
 * The Delivery Spec of an S3-compatible PutObject.
 *
 * @example
 * objectSpec({
 *   base_url: 'https://s3.amazonaws.com',
 *   base_url_template: 'https://{{settings.bucket}}.s3.{{settings.region}}.amazonaws.com',
 *   region: '{{settings.region}}',
 * })
 * // test mode (`testPrefix`, default on) writes under <prefix>/_test/
 */
export function objectSpec(o: {
  base_url: string;
  base_url_template?: string;
  region: string;
  testPrefix?: boolean;
}): DeliverySpecInput {
  return {
    endpoint: {
      base_url: o.base_url,
      ...(o.base_url_template ? { base_url_template: o.base_url_template } : {}),
      path: OBJECT_PATH,
      // Test mode writes under <prefix>/_test/, away from what readers load (not for staged loads, whose load step names the object).
      ...(o.testPrefix === false
        ? {}
        : { test_mode: { path: `/{{settings.key_prefix}}/_test/${OBJECT_NAME}` } }),
    },
    method: 'PUT',
    auth: {
      kind: 'aws_sigv4',
      access_key_id: '{{settings.access_key_id}}',
      secret_access_key: '{{settings.secret_access_key}}',
      session_token: '{{settings.session_token}}',
      region: o.region,
      service: 's3',
    },
    body: { encoding: 'ndjson', compression: 'gzip', content_type: 'application/x-ndjson' },
    item: { fields: ROW_FIELDS },
    batching: OBJECT_BATCHING,
    rate_limit_rps: 50,
    // Errors are XML (<Error><Code>…</Code><Message>…</Message></Error>): `s3Classify` reads them.
    answer: { reason: 'HTTP {{status}}: {{text}}' },
  };
}

const xmlField = (xml: string, tag: string): string | undefined =>
  new RegExp(`<${tag}>([^<]{1,500})</${tag}>`).exec(xml)?.[1];

/** S3 error codes that are worth retrying although their status says otherwise (docs/vendors/more-vendors-and-catalog.md §15). */
const RETRY_CODES = new Set([
  'RequestTimeout',
  'RequestTimeTooSkewed',
  'SlowDown',
  'InternalError',
  'ServiceUnavailable',
  'ExpiredToken',
]);

/**
 * S3's XML errors: retryable codes retried whatever their status (400 `RequestTimeout`, 403
 * `RequestTimeTooSkewed`), the rest left to the status rules with the code and message as reason.
 *
 * @example s3Classify({ status: 400, headers: {}, body: '<Error><Code>RequestTimeout</Code></Error>' }, request) // → retry
 */
function s3Classify(
  response: VendorResponse,
  request: OutboundRequest,
): EventOutcome[] | undefined {
  if (response.status < 300) return undefined;
  const code = xmlField(response.body, 'Code');
  if (!code) return undefined;
  const reason = `S3 ${code}: ${xmlField(response.body, 'Message') ?? `HTTP ${response.status}`}`;
  if (RETRY_CODES.has(code))
    return request.event_ids.map((event_id) => ({
      event_id,
      status: 'retry',
      code: 'vendor_server_error',
      reason,
    }));
  const code_ =
    response.status === 401 || response.status === 403 ? 'vendor_auth' : 'vendor_rejected';
  if (response.status >= 500) return undefined;
  return request.event_ids.map((event_id) => ({ event_id, status: 'failed', code: code_, reason }));
}

export const objectHooks: SpecHooks = { classify: s3Classify };

/** Fake credentials for test settings (the doubles recompute signatures with them). */
export const TEST_KEYS = {
  access_key_id: 'AKIDEXAMPLETEST00001',
  secret_access_key: 'test-secret-not-a-real-key/EXAMPLE',
} as const;
