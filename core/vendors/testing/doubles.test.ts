import { describe, expect, it } from 'vitest';
import { DOUBLES, startDouble } from './doubles.js';

describe('startDouble', () => {
  // The Custom Webhook's double takes every request (any path is the customer's, as in the sandbox).
  it.each(Object.keys(DOUBLES).filter((v) => v !== 'webhook'))(
    'The %s double starts on a random port and refuses an empty POST to an unknown path.',
    async (vendor) => {
      const d = await startDouble(vendor);
      try {
        expect(d.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        const res = await fetch(`${d.url}/not-a-vendor-path`, { method: 'POST', body: '' });
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(d.requests).toHaveLength(1);
      } finally {
        await d.close();
      }
    },
  );

  it('The webhook double answers every request 200, as the sandbox always did.', async () => {
    const d = await startDouble('webhook');
    try {
      const res = await fetch(`${d.url}/any/path`, { method: 'PUT', body: '' });
      expect([res.status, await res.json()]).toEqual([200, { ok: true }]);
    } finally {
      await d.close();
    }
  });

  it('An unknown vendor key is an error.', async () => {
    await expect(startDouble('nope')).rejects.toThrow(/no double/);
  });
});
