// What a declaration's settings rules refuse when a config is saved (define.ts): a `first_of`
// auth needs one option's settings in full, an `exactly_one_of` group exactly one setting.
import { describe, expect, it } from 'vitest';
import { optional, type VendorDeclaration } from './declaration.js';
import { defineVendor } from './define.js';

const declaration = (more: Partial<VendorDeclaration>): VendorDeclaration => ({
  id: 'example',
  name: 'Example',
  category: 'advertising',
  description: 'An example API.',
  api: 'Events API',
  docs: 'https://api.example.com/docs',
  status: 'ga',
  test_settings: {},
  settings: ['key', 'user', 'password', 'web_id', 'app_id'].map((k) =>
    optional(k, k, 'string', `The ${k}.`),
  ),
  spec: {
    endpoint: { base_url: 'https://api.example.com', path: '/events' },
    auth: { kind: 'none' },
  },
  mapping: { fields: [], defaults: {} },
  ...more,
});

const refusal = (field: string, message: string) =>
  expect.objectContaining({ code: 'config_error', field, message });

describe('settings rules of a declaration', () => {
  const firstOf = defineVendor(
    declaration({
      spec: {
        endpoint: { base_url: 'https://api.example.com', path: '/events' },
        auth: {
          kind: 'first_of',
          options: [
            { when: ['key'], auth: { kind: 'bearer', token: '{{settings.key}}' } },
            {
              when: ['user', 'password'],
              auth: {
                kind: 'basic',
                username: '{{settings.user}}',
                password: '{{settings.password}}',
              },
            },
          ],
        },
      },
    }),
  );

  it('A first_of auth refuses a config that sets no option in full, naming every option.', () => {
    expect(() => firstOf.parseSettings({ user: 'u' })).toThrow(
      refusal('parameters.key', 'set key, or user + password'),
    );
    expect(firstOf.parseSettings({ user: 'u', password: 'p' }).params.user).toBe('u');
    expect(firstOf.parseSettings({ key: 'k' }).params.key).toBe('k');
  });

  it('An exactly_one_of group refuses none and both of its settings.', () => {
    const oneOf = defineVendor(declaration({ exactly_one_of: [['web_id', 'app_id']] }));
    for (const config of [{}, { web_id: 'w', app_id: 'a' }])
      expect(() => oneOf.parseSettings(config)).toThrow(
        refusal('parameters.web_id', 'set exactly one of web_id or app_id'),
      );
    expect(oneOf.parseSettings({ app_id: 'a' }).params.app_id).toBe('a');
  });
});
