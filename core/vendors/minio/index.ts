/**
 * MinIO (and any self-hosted S3-compatible store), declared only: PutObject, SigV4, path-style
 * `<endpoint>/<bucket>/<key>` at the endpoint the operator gives (MinIO's S3 API compatibility;
 * docs/vendors/more-vendors-and-catalog.md §15 and §18, evidence R). Objects, names and rows as every
 * object store: ../s3/objects.ts.
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

/** What the registry holds for MinIO. */
export const minio = declareVendor(
  {
    id: 'minio',
    name: 'MinIO',
    category: 'cloud_storage',
    description:
      'Every event as a row in gzip-compressed NDJSON files in a MinIO (or other S3-compatible) bucket you host.',
    api: 'S3-compatible PutObject (SigV4, path style)',
    docs: 'https://min.io/docs/minio/linux/developers/minio-drivers.html',
    status: 'ga',
    keywords: [
      'minio',
      's3 compatible',
      'self-hosted',
      'object storage',
      'ceph',
      'files',
      'ndjson',
    ],
    logo: { pack: 'simple-icons', name: 'minio' },
    test_settings: {
      endpoint: 'https://minio.internal.example:9000',
      bucket: 'datafly-events-test',
      ...TEST_KEYS,
    },
    settings: [
      {
        key: 'endpoint',
        label: 'Endpoint URL',
        type: 'string',
        pattern: {
          regex: '^https?://[^/\\s?#]+$',
          message: 'scheme and host (and port), no path: https://minio.example.com:9000',
        },
        help: 'The server’s S3 API URL, e.g. https://minio.example.com:9000.',
      },
      BUCKET_SETTING,
      {
        key: 'region',
        label: 'Region',
        type: 'string',
        required: false,
        default: 'us-east-1',
        help: 'The server’s configured region (MinIO’s default is us-east-1).',
      },
      ...KEY_SETTINGS,
      PREFIX_SETTING,
    ],
    spec: objectSpec({
      base_url: 'https://minio.example.com',
      base_url_template: '{{settings.endpoint}}/{{settings.bucket}}',
      region: '{{settings.region}}',
    }),
    mapping: ROW_MAPPING,
  },
  { hooks: objectHooks },
);
