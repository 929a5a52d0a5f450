// The generic double's checks derived from a declaration (double.ts), on a small example vendor.
import { describe, expect, it } from 'vitest';
import { recorded } from '../testing/index.js';
import { optional, setting, type VendorDeclaration } from './declaration.js';
import { specDouble } from './double.js';

const example: VendorDeclaration = {
  id: 'example',
  name: 'Example',
  category: 'advertising',
  description: 'An example API.',
  api: 'Events API',
  docs: 'https://api.example.com/docs',
  status: 'ga',
  test_settings: { account: 'a1' },
  settings: [
    setting('account', 'Account', 'string', 'The account.'),
    optional('source', 'Source', 'select', 'Where events happen.', {
      options: ['web', 'app', 'store'],
      default: 'web',
    }),
    optional('note', 'Note', 'string', 'Sent when set.'),
  ],
  spec: {
    endpoint: { base_url: 'https://api.example.com', path: '/events' },
    auth: { kind: 'none' },
    body: {
      wrapper: {
        meta: { source: '{{settings.source}}', note: '{{settings.note}}' },
        account: '{{settings.account}}',
        data: '{{items}}',
      },
    },
    item: { fields: { name: '{{vendor_event}}' } },
  },
  mapping: { fields: [], defaults: {} },
};

const check = (body: Record<string, unknown>) => {
  const answer = specDouble(example).check(recorded({ url: '/events', body }));
  return answer as { status: number; body: string };
};
const data = [{ name: 'purchase' }];

describe('body fields a setting fills', () => {
  it('A request with every always-sent setting field and known options is accepted.', async () => {
    expect((await check({ meta: { source: 'app' }, account: 'a1', data })).status).toBe(200);
  });

  it('A required setting’s field, or one with a default, must be there; an optional one need not.', async () => {
    const noAccount = await check({ meta: { source: 'web' }, data });
    expect(noAccount).toMatchObject({ status: 400, body: '{"message":"account is required"}' });
    const noSource = await check({ account: 'a1', data });
    expect(noSource).toMatchObject({ status: 400, body: '{"message":"meta.source is required"}' });
  });

  it('A select setting’s field takes its options only.', async () => {
    const tv = await check({ meta: { source: 'tv' }, account: 'a1', data });
    expect(JSON.parse(tv.body)).toEqual({ message: 'meta.source must be web, app or store' });
  });
});
