import { describe, expect, it } from 'vitest';
import { decodeWire } from './index.js';

describe('decodeWire', () => {
  it.each([
    {
      name: 'an event without the w marker is returned unchanged',
      input: { e: 'X', p: 1 },
      expected: { e: 'X', p: 1 },
    },
    { name: 'non-objects are returned unchanged', input: 'text', expected: 'text' },
    {
      name: 'short top-level keys become canonical names',
      input: {
        w: 1,
        id: 'e1',
        y: 'i',
        a: 'anon',
        u: 'user',
        g: 'grp',
        n: 'Home',
        e: 'Ev',
        p: { x: 1 },
        tr: { t: 2 },
      },
      expected: {
        event_id: 'e1',
        type: 'identify',
        anonymous_id: 'anon',
        user_id: 'user',
        group_id: 'grp',
        name: 'Home',
        event: 'Ev',
        properties: { x: 1 },
        traits: { t: 2 },
      },
    },
    {
      name: 'epoch milliseconds become ISO timestamps',
      input: { w: 1, ts: 1_767_225_600_000, sa: 1_767_225_601_000 },
      expected: { timestamp: '2026-01-01T00:00:00.000Z', sent_at: '2026-01-01T00:00:01.000Z' },
    },
    {
      name: 'page and client shorthands fill context',
      input: {
        w: 1,
        url: 'u',
        ref: 'r',
        ti: 't',
        pa: '/p',
        se: '?s',
        lo: 'de-DE',
        tz: 'Europe/Berlin',
        sc: [390, 844, 3],
        cs: { ads: false },
        lib: 'datafly.js@1.2.3',
      },
      expected: {
        context: {
          page: { url: 'u', referrer: 'r', title: 't', path: '/p', search: '?s' },
          locale: 'de-DE',
          timezone: 'Europe/Berlin',
          screen: { width: 390, height: 844, density: 3 },
          consent: { ads: false },
          library: { name: 'datafly.js', version: '1.2.3' },
        },
      },
    },
    {
      name: 'canonical names win over short ones inside a compact event',
      input: {
        w: 1,
        e: 'short',
        event: 'long',
        url: 'short-url',
        c: { page: { url: 'long-url' } },
      },
      expected: { event: 'long', context: { page: { url: 'long-url' } } },
    },
    { name: 'full type names are kept', input: { w: 1, y: 'group' }, expected: { type: 'group' } },
    {
      name: 'unknown keys pass through',
      input: { w: 1, custom: { a: 1 } },
      expected: { custom: { a: 1 } },
    },
    {
      name: 'a bad context is left for validation to name',
      input: { w: 1, c: 'oops', url: 'u' },
      expected: { context: 'oops' },
    },
  ])('$name', ({ input, expected }) => {
    expect(decodeWire(input)).toEqual(expected);
  });
});
