import { runClassifyCases, runVendorCases } from '../testing/index.js';
import { bigqueryCases, bigqueryClassifyCases } from './cases.js';
import { bigquery } from './index.js';

runVendorCases(bigquery.definition, bigqueryCases);
runClassifyCases(bigquery.definition, bigqueryClassifyCases);
