/**
 * The BigQuery streaming-insert vendor as the registry holds it: declaration.ts and its own double
 * (double.ts, with Google's token endpoint, so on a server of its own).
 */
import { declareVendor } from '../spec/declared.js';
import { bigqueryDeclaration } from './declaration.js';
import { bigqueryResponder, startBigQueryDouble } from './double.js';

export * from './declaration.js';

export const bigqueryVendor = declareVendor(bigqueryDeclaration, {
  // Test mode writes to `{table}{template_suffix}_test`.
  hooks: {
    settings(params) {
      const suffix = typeof params.template_suffix === 'string' ? params.template_suffix : '';
      params.test_table_suffix = `${suffix}_test`;
    },
  },
  respond: bigqueryResponder({}, () => '').respond,
  start: () => startBigQueryDouble(),
});
export const bigquery = bigqueryVendor.definition;
