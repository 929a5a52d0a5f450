/** Amazon Redshift golden cases as data (S3 stage, then COPY through the Data API: ./index.ts). */
import { fullPurchase } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';
import { expectedRow } from '../s3/expected-row.js';
import { redshift } from './index.js';

const SETTINGS = {
  bucket: 'acme-stage',
  region: 'eu-west-1',
  access_key_id: 'AKIDEXAMPLE',
  secret_access_key: 'secret',
  cluster_identifier: 'analytics-1',
  db_user: 'loader',
  database: 'dev',
  table: 'raw.events',
  iam_role_arn: 'arn:aws:iam::123456789012:role/RedshiftCopy',
};
const KEY = 'events/dt=2026-01-01/hour=12/c7060b4c669a474bb9636afb21d725be.ndjson.gz';

export const cases: VendorCase[] = [
  {
    name: 'A purchase is staged as a gzip NDJSON object in the bucket, its row the whole envelope',
    settings: SETTINGS,
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          method: 'PUT',
          url: `https://acme-stage.s3.eu-west-1.amazonaws.com/${KEY}`,
          headers: { 'content-encoding': 'gzip' },
          event_ids: ['ORD-1001'],
          body: expectedRow(fullPurchase(), 'purchase'),
        },
      ],
    },
  },
  {
    name: 'Neither a cluster nor a serverless workgroup is refused naming the cluster setting',
    settings: { ...SETTINGS, cluster_identifier: undefined },
    input: [fullPurchase()],
    expected: { error: { code: 'config_error', field: 'parameters.cluster_identifier' } },
  },
];

/** The COPY step that follows the upload: checked here because the case runner compares the first request only. */
export const loadStep = ():
  { url: string; headers: Record<string, string>; body: unknown } | undefined => {
  const settings = redshift.definition.parseSettings(SETTINGS);
  const next = redshift.definition.format([fullPurchase()], settings, { testMode: false })
    .requests[0]?.then;
  return next
    ? { url: next.url, headers: next.headers, body: JSON.parse(next.body ?? 'null') }
    : undefined;
};

export const expectedLoadStep = {
  url: 'https://redshift-data.eu-west-1.amazonaws.com/',
  headers: {
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-target': 'RedshiftData.ExecuteStatement',
  },
  body: {
    Sql:
      `COPY raw.events FROM 's3://acme-stage/${KEY}'` +
      " IAM_ROLE 'arn:aws:iam::123456789012:role/RedshiftCopy'" +
      " FORMAT AS JSON 'auto ignorecase' GZIP TIMEFORMAT 'auto'",
    Database: 'dev',
    ClusterIdentifier: 'analytics-1',
    DbUser: 'loader',
    StatementName: 'datafly-c7060b4c669a474bb9636afb21d725be',
    ClientToken: 'c7060b4c669a474bb9636afb21d725be',
  },
};

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A 403 AccessDenied from the staging bucket fails the events as a credentials problem',
    request: { event_ids: ['a'] },
    response: {
      status: 403,
      body: '<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>',
    },
    expected: [{ status: 'failed', code: 'vendor_auth', reason: 'S3 AccessDenied: Access Denied' }],
  },
  {
    name: 'A 503 SlowDown from the staging bucket is retried',
    request: { event_ids: ['a', 'b'] },
    response: {
      status: 503,
      body: '<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>',
    },
    expected: [{ status: 'retry' }, { status: 'retry' }],
  },
];
