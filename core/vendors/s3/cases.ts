/** Amazon S3 golden cases as data (PutObject facts: docs/vendors/more-vendors-and-catalog.md §15; object names: ./objects.ts). */
import { fullPurchase, makeEvent } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';
import { expectedRow } from './expected-row.js';

const SETTINGS = {
  bucket: 'acme-events',
  region: 'eu-west-1',
  access_key_id: 'AKIDEXAMPLE',
  secret_access_key: 'secret',
};
const p = fullPurchase();

export const cases: VendorCase[] = [
  {
    name: 'A purchase becomes one gzip NDJSON object PUT at a virtual-hosted URL, named by date, hour and the hash of its event id, its row the whole envelope',
    settings: SETTINGS,
    input: [p],
    expected: {
      requests: [
        {
          method: 'PUT',
          url: 'https://acme-events.s3.eu-west-1.amazonaws.com/events/dt=2026-01-01/hour=12/c7060b4c669a474bb9636afb21d725be.ndjson.gz',
          headers: { 'content-type': 'application/x-ndjson', 'content-encoding': 'gzip' },
          event_ids: ['ORD-1001'],
          body: expectedRow(p, 'purchase'),
        },
      ],
    },
  },
  {
    name: 'Path-style addressing with a custom prefix puts the bucket in the path, and two events share one object with one line each',
    settings: { ...SETTINGS, addressing: 'path', key_prefix: 'raw/web' },
    input: [
      makeEvent({ event_id: 'evt-1', event: 'Video Played' }),
      makeEvent({ event_id: 'evt-2', type: 'page', event: 'page_view' }),
    ],
    expected: {
      requests: [
        {
          method: 'PUT',
          url: 'https://s3.eu-west-1.amazonaws.com/acme-events/raw/web/dt=2026-01-01/hour=12/8678b9e42512a2aae9886579e00c8482.ndjson.gz',
          event_ids: ['evt-1', 'evt-2'],
          body: [
            JSON.stringify(
              expectedRow(makeEvent({ event_id: 'evt-1', event: 'Video Played' }), 'Video Played'),
            ),
            JSON.stringify(
              expectedRow(
                makeEvent({ event_id: 'evt-2', type: 'page', event: 'page_view' }),
                'page_view',
              ),
            ),
          ].join('\n'),
        },
      ],
    },
  },
  {
    name: 'In test mode the object goes under the prefix’s _test/ folder, away from what readers load',
    settings: { ...SETTINGS, test_mode: true },
    input: [p],
    expected: {
      requests: [
        {
          method: 'PUT',
          url: 'https://acme-events.s3.eu-west-1.amazonaws.com/events/_test/dt=2026-01-01/hour=12/c7060b4c669a474bb9636afb21d725be.ndjson.gz',
          event_ids: ['ORD-1001'],
          body: expectedRow(p, 'purchase'),
        },
      ],
    },
  },
  {
    name: 'A key prefix with a leading slash is refused naming the setting',
    settings: { ...SETTINGS, key_prefix: '/events' },
    input: [p],
    expected: { error: { code: 'config_error' } },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A 403 SignatureDoesNotMatch fails the events as a credentials problem quoting S3’s code',
    request: { event_ids: ['a', 'b'] },
    response: {
      status: 403,
      body:
        '<?xml version="1.0" encoding="UTF-8"?><Error><Code>SignatureDoesNotMatch</Code>' +
        '<Message>The request signature we calculated does not match</Message></Error>',
    },
    expected: [
      {
        status: 'failed',
        code: 'vendor_auth',
        reason: 'S3 SignatureDoesNotMatch: The request signature we calculated does not match',
      },
      { status: 'failed', code: 'vendor_auth' },
    ],
  },
  {
    name: 'A 400 RequestTimeout is retried although 400 is usually permanent',
    request: { event_ids: ['a'] },
    response: {
      status: 400,
      body:
        '<Error><Code>RequestTimeout</Code><Message>Your socket connection to the server was not ' +
        'read from or written to within the timeout period.</Message></Error>',
    },
    expected: [{ status: 'retry', code: 'vendor_server_error' }],
  },
  {
    name: 'A 200 with an empty body is delivered',
    request: { event_ids: ['a'] },
    response: { status: 200, headers: { etag: '"abc"' }, body: '' },
    expected: [{ status: 'delivered' }],
  },
];
