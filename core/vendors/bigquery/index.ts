/**
 * The BigQuery streaming-insert vendor: its declaration (declaration.ts) with its hooks (hooks.ts)
 * through the Delivery Spec interpreter, answered by its own double (double.ts, with Google's token
 * endpoint beside the API, so it runs on its own server rather than in the shared sandbox).
 *
 * @example
 * const s = bigquery.parseSettings({ project_id: 'my-proj', dataset_id: 'signal', table_id: 'events', service_account_json: keyJson });
 */
import { declareVendor } from '../spec/declared.js';
import { bigqueryDeclaration } from './declaration.js';
import { bigqueryResponder, startBigQueryDouble } from './double.js';
import { bigqueryHooks } from './hooks.js';

export * from './declaration.js';

const { respond } = bigqueryResponder({}, () => '');

/** What the registry holds for BigQuery. */
export const bigqueryVendor = declareVendor(bigqueryDeclaration, {
  hooks: bigqueryHooks,
  double: { check: respond, inBodyProblems: () => [], start: () => startBigQueryDouble() },
});

/** The BigQuery vendor definition. */
export const bigquery = bigqueryVendor.definition;
