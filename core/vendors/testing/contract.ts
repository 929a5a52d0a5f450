/**
 * Contract cases for vendor doubles: a request the double must accept or refuse, checked by
 * calling the double's responder directly (no sockets), as data.
 */
import { describe, expect, it } from 'vitest';
import type { Answer, RecordedRequest, Responder } from '../../doubles/index.js';

export interface DoubleCase {
  name: string;
  method?: string;
  /** Path with optional query string. */
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** Expected status and, optionally, a substring of the answer body. */
  expected: { status: number; bodyIncludes?: string };
}

/**
 * Build the request a responder sees.
 *
 * @example
 * recorded({ url: '/v24.0/1/events?access_token=t', body: { data: [] } })
 */
export function recorded(
  c: Pick<DoubleCase, 'method' | 'url' | 'headers' | 'body'>,
): RecordedRequest {
  const u = new URL(c.url, 'http://double.local');
  const body =
    c.body === undefined ? '' : typeof c.body === 'string' ? c.body : JSON.stringify(c.body);
  let json: unknown;
  try {
    json = body ? JSON.parse(body) : undefined;
  } catch {
    json = undefined;
  }
  return {
    method: c.method ?? 'POST',
    url: c.url,
    path: u.pathname,
    query: u.searchParams,
    headers: { 'content-type': 'application/json', ...c.headers },
    body,
    raw: Buffer.from(body, 'utf8'),
    json,
    receivedAt: 0,
  };
}

/**
 * Register one test per contract case against a responder.
 *
 * @example
 * runDoubleCases('meta_capi', specDouble(metaDeclaration, { ...metaDouble, now }).check, cases);
 */
export function runDoubleCases(
  label: string,
  responder: Responder,
  cases: readonly DoubleCase[],
): void {
  describe(`${label} double contract`, () => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', async (_n, c) => {
      const answer = (await responder(recorded(c))) as Answer;
      expect('status' in answer ? answer.status : 'no answer').toBe(c.expected.status);
      if (c.expected.bodyIncludes)
        expect('body' in answer ? answer.body : '').toContain(c.expected.bodyIncludes);
    });
  });
}
