import { describe, expect, it } from 'vitest';
import {
  LINK_TTL_SECONDS,
  linkTokenOf,
  signLinkToken,
  verifyLinkToken,
  withoutLinkToken,
} from './link-token.js';

const secret = 'org-link-secret-0123456789abcdef0123456789';
const NOW = Date.parse('2026-03-01T12:00:00Z');
const dfid = '6f1c2b7e-0d1a-4c55-9a0e-2b3c4d5e6f70';

describe('link tokens', () => {
  it('carry the _dfid to the domain they were minted for, within their lifetime', async () => {
    const token = await signLinkToken({ secret, dfid, host: 'Checkout.Example-Pay.com', now: NOW });
    expect(
      await verifyLinkToken(token, { secret, host: 'checkout.example-pay.com', now: NOW + 1000 }),
    ).toBe(dfid);
    expect(
      await verifyLinkToken(token, {
        secret,
        host: 'checkout.example-pay.com',
        now: NOW + LINK_TTL_SECONDS * 1000,
      }),
    ).toBe(dfid);
  });

  it('are ignored when expired, for another domain, with another secret, or altered', async () => {
    const token = await signLinkToken({ secret, dfid, host: 'b.example', now: NOW });
    expect(
      await verifyLinkToken(token, {
        secret,
        host: 'b.example',
        now: NOW + (LINK_TTL_SECONDS + 1) * 1000,
      }),
    ).toBeUndefined();
    expect(
      await verifyLinkToken(token, { secret, host: 'evil.example', now: NOW }),
    ).toBeUndefined();
    expect(
      await verifyLinkToken(token, { secret: `${secret}x`, host: 'b.example', now: NOW }),
    ).toBeUndefined();
    const other = token.replace(dfid, 'attacker-chosen-id-000');
    expect(await verifyLinkToken(other, { secret, host: 'b.example', now: NOW })).toBeUndefined();
    const later = token.replace(/\.(\d+)\./, (_m, s: string) => `.${Number(s) + 60}.`);
    expect(await verifyLinkToken(later, { secret, host: 'b.example', now: NOW })).toBeUndefined();
    for (const junk of [
      '',
      '1',
      '1.a.b.c',
      `1.${dfid}.99999999999.${'A'.repeat(43)}`,
      'x'.repeat(400),
      `1.${dfid}.1.%%%`,
    ]) {
      expect(await verifyLinkToken(junk, { secret, host: 'b.example', now: NOW })).toBeUndefined();
    }
  });

  it('are read from and stripped out of URLs', () => {
    expect(linkTokenOf('https://b.example/p?x=1&_dfl=tok')).toBe('tok');
    expect(linkTokenOf('not a url _dfl')).toBeUndefined();
    expect(withoutLinkToken('https://b.example/p?x=1&_dfl=tok#h')).toBe(
      'https://b.example/p?x=1#h',
    );
    expect(withoutLinkToken('https://b.example/p?_dfl=tok')).toBe('https://b.example/p');
    expect(withoutLinkToken('https://b.example/p?x=1')).toBe('https://b.example/p?x=1');
  });
});
