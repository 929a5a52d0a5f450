/**
 * Cloudflare R2, declared only: its S3-compatible API (PutObject, SigV4 with region `auto`) at
 * `https://<account id>.r2.cloudflarestorage.com/<bucket>/<key>` with an R2 API token's access key
 * id and secret (Cloudflare's R2 "S3 API compatibility" docs; docs/vendors/more-vendors-and-catalog.md
 * §15 and §18, evidence U). Objects, names and rows as every object store: ../s3/objects.ts.
 */
import { declareVendor } from '../spec/declared.js';
import {
  BUCKET_SETTING,
  KEY_SETTINGS,
  objectHooks,
  objectSpec,
  PREFIX_SETTING,
  ROW_MAPPING,
  TEST_KEYS,
} from '../s3/objects.js';

/** What the registry holds for Cloudflare R2. */
export const r2 = declareVendor(
  {
    id: 'r2',
    name: 'Cloudflare R2',
    category: 'cloud_storage',
    description:
      'Every event as a row in gzip-compressed NDJSON files in your R2 bucket, partitioned by date and hour.',
    api: 'R2 S3-compatible PutObject (SigV4, region auto)',
    docs: 'https://developers.cloudflare.com/r2/api/s3/api/',
    status: 'beta',
    unverified: [
      'the S3 endpoint https://<account id>.r2.cloudflarestorage.com with path-style bucket and ' +
        'signing region auto (catalog evidence U: not confirmed by a second source here)',
    ],
    keywords: ['cloudflare', 'r2', 's3 compatible', 'object storage', 'files', 'ndjson'],
    logo: { pack: 'logos', name: 'cloudflare-icon' },
    test_settings: {
      account_id: '0123456789abcdef0123456789abcdef',
      bucket: 'datafly-events-test',
      ...TEST_KEYS,
    },
    settings: [
      {
        key: 'account_id',
        label: 'Account id',
        type: 'string',
        pattern: { regex: '^[0-9a-f]{32}$', message: 'the 32-character hex account id' },
        help: 'Your Cloudflare account id (R2 overview page).',
      },
      BUCKET_SETTING,
      {
        ...KEY_SETTINGS[0]!,
        help: 'An R2 API token’s access key id (Object Read & Write on the bucket).',
      },
      KEY_SETTINGS[1]!,
      PREFIX_SETTING,
    ],
    spec: objectSpec({
      base_url: 'https://r2.cloudflarestorage.com',
      base_url_template:
        'https://{{settings.account_id}}.r2.cloudflarestorage.com/{{settings.bucket}}',
      region: 'auto',
    }),
    mapping: ROW_MAPPING,
  },
  { hooks: objectHooks },
);
