// Redshift's second step (COPY through the Data API) and its answers, which the generic case
// runner does not reach: it compares the first request of each case only. Golden cases: ./cases.ts.
import { describe, expect, it } from 'vitest';
import { fullPurchase } from '../testing/events.js';
import { runClassifyCases, runVendorCases } from '../testing/index.js';
import { cases, classifyCases, expectedLoadStep, loadStep } from './cases.js';
import { redshift } from './index.js';

runVendorCases(redshift.definition, cases);
runClassifyCases(redshift.definition, classifyCases);

describe('redshift load step', () => {
  it('follows the upload with ExecuteStatement running COPY of the very object it staged, the batch id as ClientToken', () => {
    const step = loadStep();
    expect(step).toMatchObject({ url: expectedLoadStep.url, headers: expectedLoadStep.headers });
    expect(step?.body).toEqual(expectedLoadStep.body);
  });

  it('reads a Data API error on the load step by its own rules: a ValidationException is rejected quoting it', () => {
    const settings = redshift.definition.parseSettings({ ...redshift.declaration.test_settings });
    const next = redshift.definition.format([fullPurchase()], settings, { testMode: false })
      .requests[0]!.then!;
    const body = JSON.stringify({
      __type: 'ValidationException',
      message: 'Table raw.events does not exist',
    });
    expect(redshift.definition.classify({ status: 400, headers: {}, body }, next)).toEqual([
      {
        event_id: 'ORD-1001',
        status: 'failed',
        code: 'vendor_rejected',
        reason: 'Redshift ValidationException: Table raw.events does not exist',
      },
    ]);
    expect(
      redshift.definition.classify(
        { status: 200, headers: {}, body: '{"Id":"d9b6c0c9-0747-4bf4-b142-e8883122f766"}' },
        next,
      )[0]!.status,
    ).toBe('delivered');
  });
});
