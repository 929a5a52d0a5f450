/**
 * Google Cloud Storage through its XML API's S3 interoperability, declared only: PutObject-style
 * `PUT https://storage.googleapis.com/<bucket>/<key>` signed with AWS SigV4 using a GCS HMAC key
 * (access id + secret) tied to a service account (Google's "Interoperability with other storage
 * providers" and "Simple migration from Amazon S3" pages; docs/vendors/more-vendors-and-catalog.md §16).
 * The signing region `auto` is what S3 tools are told to use with GCS; it is a setting in case a
 * bucket's location must be named. Objects, names and rows as every object store: ../s3/objects.ts.
 */
import { declareVendor } from '../spec/declared.js';
import {
  BUCKET_SETTING,
  objectHooks,
  objectSpec,
  PREFIX_SETTING,
  ROW_MAPPING,
  TEST_KEYS,
} from '../s3/objects.js';

/** What the registry holds for Google Cloud Storage. */
export const gcs = declareVendor(
  {
    id: 'gcs',
    name: 'Google Cloud Storage',
    category: 'cloud_storage',
    description:
      'Every event as a row in gzip-compressed NDJSON files in your Cloud Storage bucket, partitioned by date and hour.',
    api: 'XML API, S3-interoperable PUT Object (HMAC key, SigV4)',
    docs: 'https://cloud.google.com/storage/docs/interoperability',
    status: 'beta',
    unverified: [
      'the SigV4 signing region `auto` for HMAC-key requests to storage.googleapis.com (S3 tools’ usual setting; not confirmed from Google’s reference here)',
    ],
    keywords: [
      'google cloud',
      'gcs',
      'cloud storage',
      'hmac',
      'interoperability',
      'files',
      'ndjson',
      'data lake',
    ],
    logo: { pack: 'logos', name: 'google-cloud' },
    test_settings: {
      bucket: 'datafly-events-test',
      access_key_id: 'GOOGTESTHMACACCESSID0001',
      secret_access_key: TEST_KEYS.secret_access_key,
    },
    settings: [
      BUCKET_SETTING,
      {
        key: 'access_key_id',
        label: 'HMAC access id',
        type: 'secret',
        help: 'An HMAC key’s access id (Cloud Storage → Settings → Interoperability), of a service account with storage.objects.create.',
      },
      {
        key: 'secret_access_key',
        label: 'HMAC secret',
        type: 'secret',
        help: 'The HMAC key’s secret.',
      },
      {
        key: 'signing_region',
        label: 'Signing region',
        type: 'string',
        required: false,
        default: 'auto',
        help: 'The region in the signature’s scope; auto unless told otherwise.',
      },
      PREFIX_SETTING,
    ],
    spec: objectSpec({
      base_url: 'https://storage.googleapis.com',
      base_url_template: 'https://storage.googleapis.com/{{settings.bucket}}',
      region: '{{settings.signing_region}}',
    }),
    mapping: ROW_MAPPING,
  },
  { hooks: objectHooks },
);
