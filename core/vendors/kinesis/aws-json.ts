/**
 * What the AWS JSON 1.1 event services share (Kinesis Data Streams `PutRecords`, Data Firehose
 * `PutRecordBatch`, EventBridge `PutEvents`): `POST https://<service>.<region>.amazonaws.com/`
 * with `X-Amz-Target: <Service_Version>.<Operation>` and `content-type: application/x-amz-json-1.1`,
 * SigV4-signed; a 200 can still carry per-record failures (`ErrorCode`/`ErrorMessage` at the
 * record's index), throttling and internal failures among them, which are retried rather than
 * failed; request errors are `{"__type":"…Exception","message":"…"}`, throttling ones with a 400.
 * Each event's record is the full-envelope row the file destinations write (../s3/objects.ts).
 */
import type { Envelope } from '../../event/index.js';
import { isRecord } from '../../json/index.js';
import type { EventOutcome, OutboundRequest, VendorResponse } from '../types.js';
import { jsonBody } from '../outcomes.js';
import type { SettingField } from '../spec/declaration.js';
import type { ItemCheck } from '../spec/double.js';
import type { DeliverySpecInput } from '../spec/schema.js';

/** The JSON 1.1 request of one AWS operation, its records at `records` in the body. */
export function awsJsonSpec(o: {
  service: string;
  target: string;
  wrapper: Record<string, unknown>;
  resultsPath: string;
  maxEvents: number;
  maxBytes: number;
}): DeliverySpecInput {
  return {
    endpoint: {
      base_url: `https://${o.service}.us-east-1.amazonaws.com`,
      base_url_template: `https://${o.service}.{{settings.region}}.amazonaws.com`,
      path: '/',
    },
    method: 'POST',
    auth: {
      kind: 'aws_sigv4',
      access_key_id: '{{settings.access_key_id}}',
      secret_access_key: '{{settings.secret_access_key}}',
      session_token: '{{settings.session_token}}',
      region: '{{settings.region}}',
      service: o.service,
    },
    headers: { static: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': o.target } },
    body: { wrapper: o.wrapper },
    batching: { max_events: o.maxEvents, max_bytes: o.maxBytes },
    rate_limit_rps: 50,
    answer: {
      error_message: ['message', 'Message'],
      reason: [
        'AWS {{body.__type}}: {{body.message}}',
        'AWS {{body.__type}}: {{body.Message}}',
        'HTTP {{status}}: {{text}}',
      ],
      per_event: {
        path: o.resultsPath,
        match: 'index',
        error_field: 'ErrorCode',
        message_field: 'ErrorMessage',
      },
    },
  };
}

/** Base64 of a row's JSON (Kinesis and Firehose `Data` blobs), with a trailing newline when asked (Firehose → S3 gives NDJSON). */
export const blobOf = (row: Record<string, unknown>, newline: boolean): string =>
  Buffer.from(`${JSON.stringify(row)}${newline ? '\n' : ''}`, 'utf8').toString('base64');

/** Per-record and request error codes that mean "later", not "never". */
const RETRYABLE =
  /Throttl|ProvisionedThroughputExceeded|InternalFailure|ServiceUnavailable|LimitExceeded|InternalError/;

/**
 * Per-record results of a 200 (`Records`, `RequestResponses`, `Entries`): throttled and internal
 * failures retried, others failed; 4xx request errors whose `__type` is throttling retried.
 *
 * @example awsJsonClassify('Records')(response, request)
 */
export function awsJsonClassify(
  resultsPath: string,
): (response: VendorResponse, request: OutboundRequest) => EventOutcome[] | undefined {
  return (response, request) => {
    const json = jsonBody(response.body);
    if (response.status >= 400) {
      const type = isRecord(json) && typeof json.__type === 'string' ? json.__type : '';
      if (!RETRYABLE.test(type)) return undefined;
      const reason = `AWS ${type}: ${isRecord(json) ? String((json.message ?? json.Message ?? '') as string) : ''}`;
      return request.event_ids.map((event_id) => ({
        event_id,
        status: 'retry',
        code: 'vendor_throttled',
        reason,
      }));
    }
    if (response.status !== 200 || !isRecord(json) || !Array.isArray(json[resultsPath]))
      return undefined;
    const results = json[resultsPath] as unknown[];
    return request.event_ids.map((event_id, i): EventOutcome => {
      const r = results[i];
      const code = isRecord(r) ? r.ErrorCode : undefined;
      if (code === undefined || code === null || code === '')
        return { event_id, status: 'delivered' };
      const said = isRecord(r) && typeof r.ErrorMessage === 'string' ? r.ErrorMessage : '';
      const name = typeof code === 'string' ? code : JSON.stringify(code);
      const reason = `AWS ${name}${said ? `: ${said}` : ''}`;
      return RETRYABLE.test(name)
        ? { event_id, status: 'retry', code: 'vendor_throttled', reason }
        : { event_id, status: 'failed', code: 'vendor_rejected', reason };
    });
  };
}

/** The double's check of a base64 `Data` blob: it must decode to a JSON row with the envelope's id, name, type and receipt time. */
export function blobCheck(
  field: string,
  decode: (v: string) => string = (v) => Buffer.from(v, 'base64').toString('utf8'),
): ItemCheck {
  return (item) => {
    const v = item[field];
    if (typeof v !== 'string' || !v) return `${field} is required`;
    let row: unknown;
    try {
      row = JSON.parse(decode(v));
    } catch {
      return `${field} must be ${field === 'Detail' ? 'a JSON string' : 'base64 of JSON'}`;
    }
    if (!isRecord(row)) return `${field} must hold a JSON object`;
    for (const k of ['event_id', 'event_name', 'type', 'received_at'])
      if (typeof row[k] !== 'string' || !row[k]) return `${field}.${k} is required`;
    return undefined;
  };
}

/** The partition key of a row: the person when known (their events stay in order on one shard), else the event. */
export const partitionKeyOf = (e: Envelope): string => e.user_id ?? e.anonymous_id ?? e.event_id;

/** Settings every AWS JSON destination has: region and credentials. */
export const AWS_SETTINGS: readonly SettingField[] = [
  {
    key: 'region',
    label: 'Region',
    type: 'string',
    default: 'us-east-1',
    pattern: { regex: '^[a-z]{2}(-gov)?-[a-z]+-\\d$', message: 'an AWS region such as us-east-1' },
    help: 'The AWS region of the stream or bus.',
  },
  {
    key: 'access_key_id',
    label: 'Access key id',
    type: 'secret',
    help: 'An IAM access key allowed the one action this destination calls (see docs/warehouses.md).',
  },
  {
    key: 'secret_access_key',
    label: 'Secret access key',
    type: 'secret',
    help: 'The access key’s secret.',
  },
  {
    key: 'session_token',
    label: 'Session token',
    type: 'secret',
    required: false,
    help: 'For temporary (STS) credentials only.',
  },
];
