import { describe, expect, it } from 'vitest';
import { manualClock } from '../../clock/index.js';
import { summarise, type OutcomeRow } from '../../dedup/delivered.js';
import { OffsetTracker } from './offsets.js';
import { RateLimiter, memoryDailyCounter } from '../../ratelimit/index.js';
import { parseRetryAfter, retryDelayMs } from '../../vendors/retry.js';
import { scrub, secretValues, truncate } from '../../secrets/scrub.js';

describe('retry schedule', () => {
  const cases = [
    {
      name: 'the first retry waits 1 s without jitter',
      attempt: 1,
      random: 0,
      retryAfter: undefined,
      expected: 1000,
    },
    {
      name: 'the fifth retry waits 256 s without jitter',
      attempt: 5,
      random: 0,
      retryAfter: undefined,
      expected: 256_000,
    },
    {
      name: 'jitter adds at most 25 %',
      attempt: 2,
      random: 0.999999,
      retryAfter: undefined,
      expected: 5000,
    },
    {
      name: 'after the sixth try there is no retry',
      attempt: 6,
      random: 0,
      retryAfter: undefined,
      expected: undefined,
    },
    {
      name: 'a longer Retry-After wins over the schedule',
      attempt: 1,
      random: 0,
      retryAfter: 30_000,
      expected: 30_000,
    },
    {
      name: 'a shorter Retry-After does not shorten the schedule',
      attempt: 3,
      random: 0,
      retryAfter: 1_000,
      expected: 16_000,
    },
    {
      name: 'Retry-After is capped at one hour',
      attempt: 1,
      random: 0,
      retryAfter: 10 * 3_600_000,
      expected: 3_600_000,
    },
  ];
  it.each(cases)('$name', ({ attempt, random, retryAfter, expected }) => {
    expect(retryDelayMs(attempt, () => random, retryAfter)).toBe(expected);
  });

  const headers = [
    { name: 'delta seconds', value: '120', now: 0, expected: 120_000 },
    { name: 'an HTTP date', value: 'Thu, 01 Jan 1970 00:01:00 GMT', now: 15_000, expected: 45_000 },
    {
      name: 'a date in the past is zero',
      value: 'Thu, 01 Jan 1970 00:00:01 GMT',
      now: 15_000,
      expected: 0,
    },
    { name: 'garbage is ignored', value: 'soon', now: 0, expected: undefined },
    { name: 'absent is ignored', value: undefined, now: 0, expected: undefined },
  ];
  it.each(headers)('parses Retry-After given as $name', ({ value, now, expected }) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});

describe('scrubbing', () => {
  const cases = [
    {
      name: 'removes a configured secret value',
      text: 'token abcd1234 rejected',
      secrets: ['abcd1234'],
      expected: 'token [redacted] rejected',
    },
    {
      name: 'removes tokens in query strings',
      text: 'GET /x?access_token=EAAB123&y=2',
      secrets: [],
      expected: 'GET /x?access_token=[redacted]&y=2',
    },
    {
      name: 'removes bearer credentials',
      text: 'Authorization: Bearer abc.def',
      secrets: [],
      expected: 'Authorization: Bearer [redacted]',
    },
    {
      name: 'removes credentials in URLs',
      text: 'https://user:pw@host/x',
      secrets: [],
      expected: 'https://[redacted]@host/x',
    },
  ];
  it.each(cases)('$name', ({ text, secrets, expected }) => {
    expect(scrub(text, secrets)).toBe(expected);
  });

  it('collects secret values by key, nested included', () => {
    expect(
      secretValues(
        { auth_token: 'tok-1234', nested: { hmac_secret: 'shh-5678' }, url: 'https://x' },
        ['auth_token', 'hmac_secret'],
      ).sort(),
    ).toEqual(['shh-5678', 'tok-1234']);
  });

  it('truncates on a character boundary and marks the cut', () => {
    const out = truncate('é'.repeat(2000), 2048);
    expect(out.endsWith('…[truncated]')).toBe(true);
    expect(out).not.toContain('\uFFFD');
  });
});

describe('offset tracker', () => {
  it('commits only up to the lowest unresolved offset', () => {
    const t = new OffsetTracker();
    for (const o of ['10', '11', '12']) t.add('t', 0, o);
    expect(t.resolve('t', 0, '12')).toBeUndefined();
    expect(t.resolve('t', 0, '10')).toBe('10');
    expect(t.resolve('t', 0, '11')).toBe('12');
    expect(t.outstanding).toBe(0);
  });

  it('starts a partition over when it is read again from its last commit, never passing an open offset', () => {
    const t = new OffsetTracker();
    for (const o of ['10', '11', '12']) t.add('t', 0, o);
    expect(t.resolve('t', 0, '10')).toBe('10');
    // A rebalance or broker restart: the group reads again from 11 while 11 and 12 are open.
    for (const o of ['11', '12', '13']) t.add('t', 0, o);
    expect(t.resolve('t', 0, '13')).toBeUndefined();
    // The earlier reading of 12 resolves: the same message, so it counts, but 11 is still open.
    expect(t.resolve('t', 0, '12')).toBeUndefined();
    expect(t.resolve('t', 0, '11')).toBe('13');
  });
});

describe('rate limiter', () => {
  it('lets a burst through, then one request per 1/rps', async () => {
    const clock = manualClock(0);
    const limiter = new RateLimiter('i', { rps: 4, burst: 2 }, clock, memoryDailyCounter());
    const times: number[] = [];
    const all = Promise.all(
      Array.from({ length: 4 }, () => limiter.acquire().then(() => times.push(clock.now()))),
    );
    await clock.advance(1000);
    await all;
    expect(times).toEqual([0, 0, 250, 500]);
  });
});

describe('stats summary', () => {
  const row = (
    outcome: OutcomeRow['outcome'],
    pipeline_id: string,
    latency_ms: number | null = null,
  ): OutcomeRow => ({
    integration_id: 'i',
    pipeline_id,
    event_id: 'e',
    source: 'p/s',
    outcome,
    attempt: 1,
    status: null,
    latency_ms,
    at: 0,
  });
  it('counts outcomes, success rate and nearest-rank percentiles, in total and per pipeline', () => {
    const rows = [
      row('delivered', 'a', 10),
      row('delivered', 'a', 20),
      row('delivered', 'b', 30),
      row('dead_lettered', 'b'),
      row('retried', 'b'),
    ];
    const [total, a, b] = summarise(rows);
    expect(total).toMatchObject({
      pipeline_id: null,
      delivered: 3,
      dead_lettered: 1,
      retried: 1,
      success_rate: 0.75,
      p50_latency_ms: 20,
      p95_latency_ms: 30,
    });
    expect(a).toMatchObject({ pipeline_id: 'a', delivered: 2, success_rate: 1 });
    expect(b).toMatchObject({ pipeline_id: 'b', delivered: 1, success_rate: 0.5 });
  });
});
