import { describe, expect, it } from 'vitest';
import { correctTimestamp, normalizeEvent, type ServerFacts } from './index.js';

const facts = (overrides: Partial<ServerFacts> = {}): ServerFacts => ({
  received_at: '2026-03-01T12:00:10.000Z',
  source: { kind: 'browser', pipeline_id: 'pip_1', org_id: 'org_1', source_id: 'src_1' },
  newId: () => 'evt_fixed',
  ...overrides,
});

describe('normalizeEvent', () => {
  it('builds a versioned envelope with server facts and a minted event id', () => {
    const r = normalizeEvent(
      { type: 'track', event: 'Order Completed', properties: { total: 10 } },
      facts(),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.envelope).toMatchObject({
      v: 1,
      event_id: 'evt_fixed',
      type: 'track',
      event: 'Order Completed',
      properties: { total: 10 },
      received_at: '2026-03-01T12:00:10.000Z',
      timestamp: '2026-03-01T12:00:10.000Z',
      source: { kind: 'browser', pipeline_id: 'pip_1' },
    });
  });

  it('keeps a client event id and unknown fields', () => {
    const r = normalizeEvent({ type: 'page', event_id: 'e-1', custom_top: { a: 1 } }, facts());
    expect(r.ok && r.envelope.event_id).toBe('e-1');
    expect(r.ok && (r.envelope as Record<string, unknown>).custom_top).toEqual({ a: 1 });
  });

  it('never lets the client set server-owned fields', () => {
    const r = normalizeEvent(
      { type: 'page', received_at: '2000-01-01T00:00:00Z', source: { kind: 'server' } },
      facts(),
    );
    expect(r.ok && r.envelope.received_at).toBe('2026-03-01T12:00:10.000Z');
    expect(r.ok && r.envelope.source.kind).toBe('browser');
  });

  it.each([
    [{ type: 'tracked' }, 'type'],
    [{ type: 'track' }, 'event'],
    [{ type: 'group' }, 'group_id'],
    [{ type: 'page', properties: 'x' }, 'properties'],
    [{ type: 'page', timestamp: 'yesterday' }, 'timestamp'],
    [{ type: 'page', context: { consent: { ads: 'yes' } } }, 'context.consent.ads'],
  ])('rejects %j naming the field %s', (raw, field) => {
    const r = normalizeEvent(raw, facts());
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.field)).toContain(field);
  });

  it('rejects an event over 32 KB', () => {
    const r = normalizeEvent(
      { type: 'track', event: 'Big', properties: { blob: 'x'.repeat(33 * 1024) } },
      facts(),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.message).toMatch(/limit is 32768/);
  });

  it('corrects the client clock by the sent_at/received_at skew', () => {
    const r = normalizeEvent(
      {
        type: 'track',
        event: 'X',
        timestamp: '2026-03-01T11:00:00.000Z',
        sent_at: '2026-03-01T11:00:05.000Z',
      },
      facts(),
    );
    // The client was 1h 0m 5s behind; the event happened 5 s before it was sent.
    expect(r.ok && r.envelope.timestamp).toBe('2026-03-01T12:00:05.000Z');
  });
});

describe('correctTimestamp', () => {
  it('uses received_at when the client sent no timestamp', () => {
    expect(correctTimestamp(undefined, undefined, '2026-01-01T00:00:00Z')).toBe(
      '2026-01-01T00:00:00.000Z',
    );
  });
  it('keeps the client timestamp when there is no sent_at to measure skew', () => {
    expect(correctTimestamp('2025-12-31T23:00:00Z', undefined, '2026-01-01T00:00:00Z')).toBe(
      '2025-12-31T23:00:00.000Z',
    );
  });
});
