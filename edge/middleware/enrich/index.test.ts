import { describe, expect, it } from 'vitest';
import { bridgeDouble, hmacHex, post, seedKey, send, testApp } from '../../testing/index.js';
import { geoFromCf } from './index.js';

function browserRequest(path: string, body: unknown, cf: Record<string, unknown>): Request {
  const base = post(path, body, {
    'cf-connecting-ip': '203.0.113.7',
    'user-agent': 'Mozilla/5.0 Test',
  });
  return new Request(base, { cf } as RequestInit);
}

describe('edge enrichment', () => {
  it('adds ip, user agent, geo, received_at, an event id and the source block', async () => {
    const { keyId } = await seedKey({ pipeline_id: 'pip_9', org_id: 'org_9', source_id: 'src_9' });
    const bridge = bridgeDouble();
    const cf = {
      country: 'DE',
      region: 'Berlin',
      city: 'Berlin',
      postalCode: '10115',
      timezone: 'Europe/Berlin',
      colo: 'FRA',
    };
    await send(
      testApp({ fetch: bridge.fetch }),
      browserRequest(`/v1/t?k=${keyId}`, { event: 'X', context: { ip: '10.0.0.1' } }, cf),
    );
    const e = bridge.stored[0]!;
    expect(e.context.ip).toBe('203.0.113.7');
    expect(e.context.user_agent).toBe('Mozilla/5.0 Test');
    expect(e.context.geo).toEqual({
      country: 'DE',
      region: 'Berlin',
      city: 'Berlin',
      postal_code: '10115',
      timezone: 'Europe/Berlin',
    });
    expect(e.received_at).toBe('2026-01-01T00:00:00.000Z');
    expect(e.timestamp).toBe('2026-01-01T00:00:00.000Z');
    expect(e.event_id).toMatch(/^00000000-0000-4000-8000-/);
    expect(e.source).toEqual({
      kind: 'browser',
      pipeline_id: 'pip_9',
      org_id: 'org_9',
      source_id: 'src_9',
    });
  });

  it('corrects the client clock by sent_at', async () => {
    const { keyId } = await seedKey();
    const bridge = bridgeDouble();
    await send(
      testApp({ fetch: bridge.fetch }),
      post(`/v1/t?k=${keyId}`, {
        event: 'X',
        timestamp: '2025-12-31T22:59:50.000Z',
        sent_at: '2025-12-31T23:00:00.000Z',
      }),
    );
    expect(bridge.stored[0]!.timestamp).toBe('2025-12-31T23:59:50.000Z');
  });

  it('keeps the ip and user agent a server sends for its end user', async () => {
    const { keyId } = await seedKey({ kind: 'server' });
    const bridge = bridgeDouble();
    const body = JSON.stringify({
      type: 'track',
      event: 'X',
      user_id: 'u1',
      context: { ip: '198.51.100.4', user_agent: 'EndUser/1.0' },
    });
    const req = post('/v1/events', body, {
      'x-datafly-key': keyId,
      'x-signature-256': `sha256=${await hmacHex('secret-current', body)}`,
      'cf-connecting-ip': '192.0.2.1',
      'user-agent': 'server-lib',
    });
    await send(testApp({ fetch: bridge.fetch }), req);
    expect(bridge.stored[0]!.context).toMatchObject({
      ip: '198.51.100.4',
      user_agent: 'EndUser/1.0',
    });
    expect(bridge.stored[0]!.context).not.toHaveProperty('geo');
    expect(bridge.stored[0]!.source.kind).toBe('server');
  });

  it('never lets the client choose received_at or source', async () => {
    const { keyId } = await seedKey();
    const bridge = bridgeDouble();
    await send(
      testApp({ fetch: bridge.fetch }),
      post(`/v1/t?k=${keyId}`, {
        event: 'X',
        received_at: '2000-01-01T00:00:00Z',
        source: { kind: 'server', pipeline_id: 'other' },
      }),
    );
    expect(bridge.stored[0]!.received_at).toBe('2026-01-01T00:00:00.000Z');
    expect(bridge.stored[0]!.source).toMatchObject({ kind: 'browser', pipeline_id: 'pip_1' });
  });

  it('maps only the present string fields of request.cf', () => {
    expect(geoFromCf({ country: 'FR', city: 42, postalCode: '' })).toEqual({ country: 'FR' });
    expect(geoFromCf({ asn: 1 })).toBeUndefined();
    expect(geoFromCf(undefined)).toBeUndefined();
  });
});
