/**
 * The one runner for vendor golden cases (docs/style.md 5): `{ name, settings, input, expected }`
 * as data, run through the vendor definition's `parseSettings` + `format` (or `classify`).
 */
import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../errors/index.js';
import { DataflyError } from '../../errors/index.js';
import type { Envelope } from '../../event/index.js';
import type {
  EventOutcome,
  FormatContext,
  OutboundRequest,
  VendorDefinition,
  VendorResponse,
} from '../types.js';

/** A request as a case expects it: `body` as parsed JSON (or a string for non-JSON bodies); `headers` a subset. */
export interface ExpectedRequest {
  method?: OutboundRequest['method'];
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  event_ids?: string[];
}

export interface VendorCase {
  /** A whole sentence saying what the case shows. */
  name: string;
  /** The raw revision config, as stored. */
  settings: unknown;
  input: Envelope[];
  ctx?: Partial<FormatContext>;
  expected:
    | { requests: ExpectedRequest[]; skipped?: { event_id: string; reason?: string }[] }
    | { error: { code: ErrorCode; field?: string } };
}

export interface ClassifyCase {
  name: string;
  request: Pick<OutboundRequest, 'event_ids'> & Partial<OutboundRequest>;
  response: { status: number; headers?: Record<string, string>; body?: unknown };
  expected: Partial<EventOutcome>[];
}

const bodyOf = (r: OutboundRequest): unknown => {
  if (r.body === undefined) return undefined;
  try {
    return JSON.parse(r.body);
  } catch {
    return r.body;
  }
};

/**
 * Format one case's input with its settings (throws what parseSettings/format throw).
 *
 * @example
 * const { requests } = formatCase(meta, cases[0]);
 */
export function formatCase<S>(
  def: VendorDefinition<S>,
  c: Pick<VendorCase, 'settings' | 'input' | 'ctx'>,
): ReturnType<VendorDefinition<S>['format']> {
  const settings = def.parseSettings(c.settings);
  return def.format(c.input, settings, { testMode: false, ...c.ctx });
}

/**
 * Register one vitest test per case.
 *
 * @example
 * runVendorCases(metaCapi, metaCases);
 */
export function runVendorCases<S>(def: VendorDefinition<S>, cases: readonly VendorCase[]): void {
  describe(`${def.id} format`, () => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      if ('error' in c.expected) {
        let err: unknown;
        try {
          formatCase(def, c);
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(DataflyError);
        expect(err).toMatchObject(c.expected.error);
        return;
      }
      const out = formatCase(def, c);
      expect(
        out.requests.map((r) => ({
          method: r.method,
          url: r.url,
          body: bodyOf(r),
          event_ids: r.event_ids,
        })),
      ).toEqual(
        c.expected.requests.map((r, i) => ({
          method: r.method ?? 'POST',
          url: r.url,
          body: r.body,
          event_ids: r.event_ids ?? out.requests[i]?.event_ids,
        })),
      );
      c.expected.requests.forEach((r, i) => {
        if (r.headers) expect(out.requests[i]?.headers).toMatchObject(r.headers);
      });
      if (c.expected.skipped) expect(out.skipped).toMatchObject(c.expected.skipped);
      else expect(out.skipped).toEqual([]);
    });
  });
}

/**
 * Register one vitest test per classification case (vendor answer → per-event outcomes).
 *
 * @example
 * runClassifyCases(metaCapi, [{ name: '…', request: { event_ids: ['a'] }, response: { status: 200, body: {} }, expected: [{ status: 'delivered' }] }]);
 */
export function runClassifyCases<S>(
  def: VendorDefinition<S>,
  cases: readonly ClassifyCase[],
): void {
  describe(`${def.id} classify`, () => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      const request: OutboundRequest = {
        method: 'POST',
        url: 'https://vendor.test/',
        headers: {},
        ...c.request,
      };
      const response: VendorResponse = {
        status: c.response.status,
        headers: c.response.headers ?? {},
        body:
          typeof c.response.body === 'string'
            ? c.response.body
            : c.response.body === undefined
              ? ''
              : JSON.stringify(c.response.body),
      };
      const outcomes = def.classify(response, request);
      expect(outcomes).toHaveLength(c.expected.length);
      expect(outcomes).toMatchObject(c.expected);
    });
  });
}
