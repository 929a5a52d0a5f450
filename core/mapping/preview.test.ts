import { describe, expect, it } from 'vitest';
import type { VendorDefinition } from '../vendors/types.js';
import { previewRequests } from './preview.js';

/** A tiny vendor that leaks its secret everywhere a real one might: URL (encoded), header, body. */
const leaky: VendorDefinition<{ key: string; nested: { secret: string } }> = {
  id: 'leaky',
  parseSettings: (c) => ({
    key: String((c as { key: string }).key),
    nested: { secret: 'n3sted-s3cret' },
  }),
  limits: () => ({ maxBatchEvents: 10, rateLimitRps: 1 }),
  format: (events, s, ctx) => ({
    requests: [
      {
        method: 'POST',
        url: `https://v.test/x?k=${encodeURIComponent(s.key)}`,
        headers: { 'x-key': s.key, authorization: `Bearer ${ctx.accessToken ?? ''}` },
        body: JSON.stringify({
          key: s.key,
          other: s.nested.secret,
          ids: events.map((e) => e.event_id),
        }),
        event_ids: events.map((e) => e.event_id),
      },
    ],
    skipped: [],
  }),
  classify: () => [],
  authorize: () => Promise.resolve({ token: 'never-fetched', expiresAt: 0 }),
  secretKeys: ['key', 'nested'],
};

describe('previewRequests', () => {
  it('Secrets are masked in the URL (encoded), headers and body, and no real token is used.', () => {
    const r = previewRequests(
      leaky as VendorDefinition<unknown>,
      { key: 'a b/c"d' },
      [{ type: 'page' }],
      { now: '2026-01-01T00:00:00Z' },
    );
    expect(r.requests[0]).toEqual({
      method: 'POST',
      url: 'https://v.test/x?k=***',
      headers: { 'x-key': '***', authorization: 'Bearer ***' },
      body: { key: '***', other: '***', ids: ['preview-1'] },
      event_ids: ['preview-1'],
    });
  });

  it('Hand-written samples get ids, times and a source; broken ones are reported by index.', () => {
    const r = previewRequests(
      leaky as VendorDefinition<unknown>,
      { key: 'k3y!' },
      [{ type: 'track' }, { type: 'track', event: 'A', event_id: 'mine' }],
      { now: '2026-01-01T00:00:00Z' },
    );
    expect(r.invalid_events).toEqual([]);
    expect(r.requests[0]?.event_ids).toEqual(['preview-1', 'mine']);
    const bad = previewRequests(
      leaky as VendorDefinition<unknown>,
      { key: 'k3y!' },
      [{ type: 'nope' }],
      { now: '2026-01-01T00:00:00Z' },
    );
    expect(bad.invalid_events[0]).toMatchObject({ index: 0, field: 'events[0].type' });
  });
});
