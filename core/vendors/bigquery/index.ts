/** The BigQuery streaming-insert vendor, as the registry holds it: declaration.ts, hooks.ts and its own double (double.ts, with Google's token endpoint, so on a server of its own). */
import { declareVendor } from '../spec/declared.js';
import { bigqueryDeclaration } from './declaration.js';
import { bigqueryResponder, startBigQueryDouble } from './double.js';
import { bigqueryHooks } from './hooks.js';

export * from './declaration.js';

export const bigqueryVendor = declareVendor(bigqueryDeclaration, {
  hooks: bigqueryHooks,
  respond: bigqueryResponder({}, () => '').respond,
  start: () => startBigQueryDouble(),
});
export const bigquery = bigqueryVendor.definition;
