/** Cloudflare R2 golden cases as data (object names and rows: ../s3/objects.ts). */
import { fullPurchase, makeEvent } from '../testing/events.js';
import type { VendorCase } from '../testing/index.js';
import { expectedRow } from '../s3/expected-row.js';

export { classifyCases } from '../s3/cases.js';

const SETTINGS = {
  account_id: '0123456789abcdef0123456789abcdef',
  bucket: 'acme-events',
  access_key_id: 'AKIDEXAMPLE',
  secret_access_key: 'secret',
};
// The account's R2 endpoint with the bucket as the first path segment (path-style).
const BUCKET_URL = 'https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com/acme-events';
const p = fullPurchase();

export const cases: VendorCase[] = [
  {
    name: 'A purchase becomes one gzip NDJSON object PUT at the Cloudflare R2 bucket URL, named by date, hour and the hash of its event id',
    settings: SETTINGS,
    input: [p],
    expected: {
      requests: [
        {
          method: 'PUT',
          url:
            `${BUCKET_URL}/events/dt=2026-01-01/hour=12/` +
            'c7060b4c669a474bb9636afb21d725be.ndjson.gz',
          headers: { 'content-type': 'application/x-ndjson', 'content-encoding': 'gzip' },
          event_ids: ['ORD-1001'],
          body: expectedRow(p, 'purchase'),
        },
      ],
    },
  },
  {
    name: 'Two events under a custom prefix share one object, one line each, in event order',
    settings: { ...SETTINGS, key_prefix: 'web' },
    input: [fullPurchase(), makeEvent({ event_id: 'evt-2', event: 'Video Played' })],
    expected: {
      requests: [
        {
          method: 'PUT',
          url: `${BUCKET_URL}/web/dt=2026-01-01/hour=12/15f83255c58aa912632904b3d69c83a4.ndjson.gz`,
          event_ids: ['ORD-1001', 'evt-2'],
          body: [p, makeEvent({ event_id: 'evt-2', event: 'Video Played' })]
            .map((e) =>
              JSON.stringify(expectedRow(e, e.event === 'Order Completed' ? 'purchase' : e.event!)),
            )
            .join('\n'),
        },
      ],
    },
  },
];
