import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { identifiersOf, personIdFor, suppressionHash } from './identifiers.js';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('identifiersOf', () => {
  it('takes user id, anonymous id, normalised hashed email and phone, vendor ids and click ids', () => {
    const ids = identifiersOf({
      anonymous_id: 'a1',
      user_id: 'u1',
      traits: { email: ' Ann.Lee@Example.COM ', phone: '+44 (0)20 7946 0018' },
      context: {
        vendor_ids: { fbp: 'fb.1.1.2', ga_client_id: '1.2', other: 'x' },
        click_ids: { gclid: 'Cj0' },
      },
    });
    expect(ids).toEqual([
      { kind: 'user_id', value: 'u1' },
      { kind: 'anonymous_id', value: 'a1' },
      { kind: 'email_sha256', value: sha('ann.lee@example.com') },
      { kind: 'phone_sha256', value: sha('442079460018') },
      { kind: 'phone_e164_sha256', value: sha('+442079460018') },
      { kind: 'ga_client_id', value: '1.2' },
      { kind: 'fbp', value: 'fb.1.1.2' },
      { kind: 'click_id', value: 'gclid:Cj0' },
    ]);
  });

  it('passes an already hashed email through lower-cased, and drops what does not normalise', () => {
    const digest = sha('ann@example.com').toUpperCase();
    expect(identifiersOf({ traits: { email: digest, phone: '12' } })).toEqual([
      { kind: 'email_sha256', value: digest.toLowerCase() },
    ]);
    expect(identifiersOf({ traits: { email: 'not an email' } })).toEqual([]);
  });

  it('ignores overlong values and repeats', () => {
    expect(
      identifiersOf({
        anonymous_id: 'x'.repeat(600),
        user_id: 'u',
        context: { traits: { email: 'a@b.c' } },
        traits: { email: 'A@B.C' },
      }),
    ).toEqual([
      { kind: 'user_id', value: 'u' },
      { kind: 'email_sha256', value: sha('a@b.c') },
    ]);
  });
});

describe('personIdFor / suppressionHash', () => {
  it('are stable, per organisation, and keep no identifier in clear', () => {
    const id = { kind: 'user_id' as const, value: 'u1' };
    expect(personIdFor('org_1', id)).toBe(personIdFor('org_1', id));
    expect(personIdFor('org_1', id)).not.toBe(personIdFor('org_2', id));
    expect(personIdFor('org_1', id)).toMatch(/^per_[0-9a-f]{24}$/);
    expect(suppressionHash(id)).toBe(sha('user_id:u1'));
  });
});
