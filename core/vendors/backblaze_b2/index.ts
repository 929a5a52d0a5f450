/**
 * Backblaze B2, declared only: its S3-compatible API (PutObject, SigV4 with the bucket's region
 * such as `us-west-004`) at `https://s3.<region>.backblazeb2.com/<bucket>/<key>`, with an
 * application key's key id and key (docs/vendors/more-vendors-and-catalog.md §18, evidence U).
 * Objects, names and rows as every object store: ../s3/objects.ts.
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

/** What the registry holds for Backblaze B2. */
export const backblazeB2 = declareVendor(
  {
    id: 'backblaze_b2',
    name: 'Backblaze B2',
    category: 'cloud_storage',
    description:
      'Every event as a row in gzip-compressed NDJSON files in your B2 bucket, partitioned by date and hour.',
    api: 'B2 S3-compatible PutObject (SigV4)',
    docs: 'https://www.backblaze.com/docs/cloud-storage-s3-compatible-api',
    status: 'beta',
    unverified: [
      'the endpoint https://s3.<region>.backblazeb2.com with the region (us-west-004) as signing region (catalog evidence U)',
    ],
    keywords: ['backblaze', 'b2', 's3 compatible', 'object storage', 'files', 'ndjson', 'archive'],
    logo: { pack: 'simple-icons', name: 'backblaze' },
    test_settings: { region: 'us-west-004', bucket: 'datafly-events-test', ...TEST_KEYS },
    settings: [
      {
        key: 'region',
        label: 'Region',
        type: 'string',
        pattern: {
          regex: '^[a-z]{2}-[a-z]+-\\d{3}$',
          message: 'a B2 region such as us-west-004 or eu-central-003',
        },
        help: 'The bucket’s region, from its S3 endpoint (s3.<region>.backblazeb2.com).',
      },
      BUCKET_SETTING,
      {
        ...KEY_SETTINGS[0]!,
        label: 'Application key id',
        help: 'An application key’s id allowed to write files to the bucket.',
      },
      { ...KEY_SETTINGS[1]!, label: 'Application key' },
      PREFIX_SETTING,
    ],
    spec: objectSpec({
      base_url: 'https://s3.us-west-004.backblazeb2.com',
      base_url_template: 'https://s3.{{settings.region}}.backblazeb2.com/{{settings.bucket}}',
      region: '{{settings.region}}',
    }),
    mapping: ROW_MAPPING,
  },
  { hooks: objectHooks },
);
