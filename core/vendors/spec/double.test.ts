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

describe('eligibility rules', () => {
  const ruled: VendorDeclaration = {
    ...example,
    spec: {
      ...example.spec,
      eligibility: [
        { when: { name: 'purchase' }, any_of: [['value']], reason: 'a purchase needs a value' },
        { window: { path: 'at', unit: 's', max_age_days: 1 }, reason: 'too old' },
      ],
    },
  };
  const send = async (item: Record<string, unknown>) =>
    (await specDouble(ruled).check(
      recorded({ url: '/events', body: { meta: { source: 'web' }, account: 'a1', data: [item] } }),
    )) as { status: number; body: string };

  it('An item a conditional rule applies to is refused with its reason; one it does not apply to is accepted.', async () => {
    expect(await send({ name: 'purchase' })).toMatchObject({
      status: 400,
      body: '{"message":"event 0: a purchase needs a value"}',
    });
    expect((await send({ name: 'purchase', value: 1 })).status).toBe(200);
    expect((await send({ name: 'lead' })).status).toBe(200);
  });

  it('Time windows are left to the vendor’s style (delivery checks them by its own clock).', async () => {
    expect((await send({ name: 'lead', at: 1 })).status).toBe(200);
  });
});
