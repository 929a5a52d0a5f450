import { runClassifyCases, runVendorCases } from '../testing/index.js';
import { metaCases, metaClassifyCases } from './cases.js';
import { metaCapi } from './index.js';

runVendorCases(metaCapi.definition, metaCases);
runClassifyCases(metaCapi.definition, metaClassifyCases);
