import { runClassifyCases, runVendorCases } from '../testing/index.js';
import { bigqueryCases, bigqueryClassifyCases } from './cases.js';
import { bigquery } from './index.js';

runVendorCases(bigquery, bigqueryCases);
runClassifyCases(bigquery, bigqueryClassifyCases);
