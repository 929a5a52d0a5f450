import { describe, expect, it } from 'vitest';
import { hmacHex } from '../../testing/index.js';
import { verifyHexHmac, verifyStandardWebhook } from './index.js';

// The example from the Standard Webhooks / Svix documentation.
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: '1614265330',
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const AT = 1_614_265_330_000;

describe('verifyStandardWebhook', () => {
  it('accepts the published test vector', async () => {
    const { secret, id, timestamp, body, signature } = VECTOR;
    expect(
      await verifyStandardWebhook([secret], { id, timestamp, signature }, body, AT),
    ).toBeNull();
  });

  it.each([
    {
      name: 'a changed body is refused',
      change: { body: '{"test": 2432232315}' },
      field: 'webhook-signature',
    },
    { name: 'a changed id is refused', change: { id: 'msg_other' }, field: 'webhook-signature' },
    {
      name: 'a v2 signature entry is not accepted as v1',
      change: { signature: VECTOR.signature.replace('v1,', 'v2,') },
      field: 'webhook-signature',
    },
    {
      name: 'a non-numeric timestamp is refused',
      change: { timestamp: '2021-02-25' },
      field: 'webhook-timestamp',
    },
  ])('$name', async ({ change, field }) => {
    const v = { ...VECTOR, ...change };
    expect(
      await verifyStandardWebhook(
        [VECTOR.secret],
        { id: v.id, timestamp: v.timestamp, signature: v.signature },
        v.body,
        AT,
      ),
    ).toMatchObject({ field });
  });

  it('honours a custom tolerance', async () => {
    const { secret, id, timestamp, body, signature } = VECTOR;
    expect(
      await verifyStandardWebhook([secret], { id, timestamp, signature }, body, AT + 11_000, 10),
    ).toMatchObject({ field: 'webhook-timestamp' });
    expect(
      await verifyStandardWebhook([secret], { id, timestamp, signature }, body, AT + 9_000, 10),
    ).toBeNull();
  });
});

describe('verifyHexHmac', () => {
  it.each([
    { name: 'the matching secret verifies', secrets: ['a'], sign: 'a', prefix: '', ok: true },
    {
      name: 'the second of two secrets verifies',
      secrets: ['a', 'b'],
      sign: 'b',
      prefix: '',
      ok: true,
    },
    {
      name: 'another secret does not verify',
      secrets: ['a', 'b'],
      sign: 'c',
      prefix: '',
      ok: false,
    },
    {
      name: 'a required prefix is checked',
      secrets: ['a'],
      sign: 'a',
      prefix: 'sha256=',
      ok: true,
    },
  ])('$name', async ({ secrets, sign, prefix, ok }) => {
    const header = `${prefix}${await hmacHex(sign, 'payload')}`;
    expect(await verifyHexHmac(secrets, header, 'payload', prefix)).toBe(ok);
  });

  it('refuses hex of the wrong length without throwing', async () => {
    expect(await verifyHexHmac(['a'], 'abc', 'payload')).toBe(false);
  });
});
