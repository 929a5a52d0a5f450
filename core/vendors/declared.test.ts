// Every declared vendor, generated from the registry: its test settings parse; each standard event
// (page view, view item, add to cart, begin checkout, purchase, lead, sign up, search) is formatted
// by its default mapping, sent to its contract double and accepted, or is declared not mapped and
// skipped with a reason; its catalog entry is complete; and its golden cases (cases.ts, run here
// for vendors without a test file of their own) pass.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VendorDouble } from '../doubles/index.js';
import { DECLARED_VENDORS } from './registry.js';
import { catalogEntry } from './spec/declaration.js';
import { STANDARD_EVENTS } from './spec/standard.js';
import {
  deliverThrough,
  runClassifyCases,
  runVendorCases,
  standardEvent,
  type ClassifyCase,
  type VendorCase,
} from './testing/index.js';
import { startDouble } from './testing/doubles.js';

const here = dirname(fileURLToPath(import.meta.url));
const isCaseList = (v: unknown): v is VendorCase[] =>
  Array.isArray(v) &&
  v.length > 0 &&
  v.every((c) => typeof c === 'object' && c !== null && 'expected' in c && 'input' in c);
const isClassifyList = (v: unknown): v is ClassifyCase[] =>
  Array.isArray(v) &&
  v.length > 0 &&
  v.every((c) => typeof c === 'object' && c !== null && 'response' in c && 'expected' in c);

const vendors = Object.values(DECLARED_VENDORS);
const casesOf = new Map<
  string,
  { format: VendorCase[]; classify: ClassifyCase[]; ownTest: boolean }
>();
for (const v of vendors) {
  const id = v.declaration.id;
  const file = join(here, id, 'cases.ts');
  const mod = existsSync(file)
    ? ((await import(`./${id}/cases.ts`)) as Record<string, unknown>)
    : {};
  casesOf.set(id, {
    format: Object.values(mod).filter(isCaseList).flat(),
    classify: Object.values(mod).filter(isClassifyList).flat(),
    ownTest: existsSync(join(here, id, 'index.test.ts')),
  });
}

describe.each(vendors.map((v) => [v.declaration.id, v] as const))('%s (declared)', (id, vendor) => {
  const decl = vendor.declaration;
  const cases = casesOf.get(id)!;

  it('has golden cases as data in its folder', () => {
    expect(
      cases.format.length,
      `core/vendors/${id}/cases.ts exports no golden cases`,
    ).toBeGreaterThan(0);
  });

  it('has a complete catalog entry: description, docs link, a field per setting, unverified facts shown as beta', () => {
    const entry = catalogEntry(decl);
    expect(entry.description.length).toBeGreaterThan(3);
    expect(entry.docs).toMatch(/^https:\/\//);
    expect(entry.fields.map((f) => f.key)).toEqual(decl.settings.map((s) => s.key));
    if (decl.unverified?.length) expect(entry.status).not.toBe('ga');
    expect(() => vendor.definition.parseSettings(decl.test_settings)).not.toThrow();
  });

  if (!cases.ownTest) {
    if (cases.format.length) runVendorCases(vendor.definition, cases.format);
    if (cases.classify.length) runClassifyCases(vendor.definition, cases.classify);
  }

  // Vendors whose double serves its own token endpoint (Google) are driven end to end by their own tests.
  if (vendor.double.start) return;

  describe('standard events through the contract double', () => {
    let double: VendorDouble;
    beforeAll(async () => {
      double = await startDouble(id);
    });
    afterAll(() => double.close());

    it.each([...STANDARD_EVENTS])('%s', async (event) => {
      const why = decl.not_mapped?.[event];
      const before = double.requests.length;
      const r = await deliverThrough(
        vendor.definition,
        { ...decl.test_settings, endpoint_override: double.url },
        [standardEvent(event)],
      );
      if (why) {
        expect(r.requests, `${event} is declared not mapped (${why}) but was sent`).toHaveLength(0);
        return;
      }
      const answers = r.responses.map((x) => `${x.status} ${x.body.slice(0, 300)}`);
      expect({ skipped: r.skipped, answers }).toMatchObject({ skipped: [] });
      expect(r.requests.length, `${event} produced no request`).toBeGreaterThan(0);
      expect(
        r.outcomes.map((o) => o.status),
        answers.join('\n'),
      ).toEqual(r.requests.flatMap((q) => q.event_ids.map(() => 'delivered')));
      expect(double.requests.length).toBeGreaterThan(before);
      for (const res of r.responses) expect(vendor.double.inBodyProblems(res.body)).toEqual([]);
    });
  });
});
