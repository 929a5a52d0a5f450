/**
 * DigitalOcean Spaces, declared only: its S3-compatible API (PutObject, SigV4 whose credential
 * scope names the region slug, `<access key>/<date>/<region>/s3/aws4_request`) at
 * `https://<region>.digitaloceanspaces.com/<bucket>/<key>` (DigitalOcean's Spaces API reference).
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

/** What the registry holds for DigitalOcean Spaces. */
export const digitalOceanSpaces = declareVendor(
  {
    id: 'digital_ocean_spaces',
    name: 'DigitalOcean Spaces',
    category: 'cloud_storage',
    description:
      'Every event as a row in gzip-compressed NDJSON files in your Spaces bucket, partitioned by date and hour.',
    api: 'Spaces S3-compatible PutObject (SigV4)',
    docs: 'https://docs.digitalocean.com/reference/api/spaces/',
    status: 'ga',
    keywords: ['digitalocean', 'spaces', 's3 compatible', 'object storage', 'files', 'ndjson'],
    logo: { pack: 'logos', name: 'digital-ocean-icon' },
    test_settings: { region: 'nyc3', bucket: 'datafly-events-test', ...TEST_KEYS },
    settings: [
      {
        key: 'region',
        label: 'Region',
        type: 'string',
        pattern: {
          regex: '^[a-z]{3}\\d$',
          message: 'a Spaces region slug such as nyc3, ams3, fra1',
        },
        help: 'The bucket’s region slug (nyc3, sfo3, ams3, fra1, sgp1, …).',
      },
      BUCKET_SETTING,
      {
        ...KEY_SETTINGS[0]!,
        help: 'A Spaces access key (API → Spaces Keys) with write access to the bucket.',
      },
      KEY_SETTINGS[1]!,
      PREFIX_SETTING,
    ],
    spec: objectSpec({
      base_url: 'https://nyc3.digitaloceanspaces.com',
      base_url_template: 'https://{{settings.region}}.digitaloceanspaces.com/{{settings.bucket}}',
      region: '{{settings.region}}',
    }),
    mapping: ROW_MAPPING,
  },
  { hooks: objectHooks },
);
