/**
 * Amazon S3, declared only: PutObject with AWS SigV4 (facts: docs/vendors/more-vendors-and-catalog.md
 * §15, from AWS's S3 API reference). `PUT https://<bucket>.s3.<region>.amazonaws.com/<key>`
 * (virtual-hosted style) or `https://s3.<region>.amazonaws.com/<bucket>/<key>` (path style), the
 * signed body hash in `x-amz-content-sha256`, 200 with an ETag on success, XML errors. A PUT of
 * the same key replaces the object, which is what makes the batch-hash object names idempotent
 * (core/vendors/s3/objects.ts; docs/warehouses.md).
 */
import { declareVendor } from '../spec/declared.js';
import type { SpecHooks } from '../spec/interpret.js';
import {
  BUCKET_SETTING,
  KEY_SETTINGS,
  objectHooks,
  objectSpec,
  PREFIX_SETTING,
  ROW_MAPPING,
  TEST_KEYS,
} from './objects.js';

const REGION = {
  regex: '^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\\d$',
  message: 'an AWS region such as us-east-1',
};

/** The object base URL from the addressing style (virtual-hosted unless path style is chosen). */
const s3Hooks: SpecHooks = {
  ...objectHooks,
  settings: (params) => {
    const { bucket, region, addressing } = params as {
      bucket: string;
      region: string;
      addressing?: string;
    };
    params.object_base =
      addressing === 'path'
        ? `https://s3.${region}.amazonaws.com/${bucket}`
        : `https://${bucket}.s3.${region}.amazonaws.com`;
  },
};

/** What the registry holds for Amazon S3. */
export const s3 = declareVendor(
  {
    id: 's3',
    name: 'Amazon S3',
    category: 'cloud_storage',
    description:
      'Every event as a row in gzip-compressed NDJSON files in your S3 bucket, partitioned by date and hour.',
    api: 'S3 PutObject (SigV4)',
    docs: 'https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html',
    status: 'ga',
    keywords: ['aws', 's3', 'data lake', 'files', 'ndjson', 'archive', 'warehouse'],
    logo: { pack: 'logos', name: 'aws-s3' },
    test_settings: { bucket: 'datafly-events-test', region: 'us-east-1', ...TEST_KEYS },
    settings: [
      BUCKET_SETTING,
      {
        key: 'region',
        label: 'Region',
        type: 'string',
        default: 'us-east-1',
        pattern: REGION,
        help: 'The bucket’s region (a request to another region is refused).',
      },
      ...KEY_SETTINGS,
      {
        key: 'session_token',
        label: 'Session token',
        type: 'secret',
        required: false,
        help: 'For temporary (STS) credentials only.',
      },
      PREFIX_SETTING,
      {
        key: 'addressing',
        label: 'Addressing style',
        type: 'select',
        required: false,
        options: ['virtual_hosted', 'path'],
        default: 'virtual_hosted',
        help: 'virtual_hosted: https://<bucket>.s3.<region>.amazonaws.com (AWS’s default); path: https://s3.<region>.amazonaws.com/<bucket>.',
      },
    ],
    spec: objectSpec({
      base_url: 'https://s3.amazonaws.com',
      base_url_template: '{{settings.object_base}}',
      region: '{{settings.region}}',
    }),
    mapping: ROW_MAPPING,
    variants: [
      {
        key: 'path_style',
        name: 'Path-style addressing',
        description:
          'For buckets whose names contain dots, or proxies that need the bucket in the path.',
        defaults: { addressing: 'path' },
      },
    ],
  },
  { hooks: s3Hooks },
);
