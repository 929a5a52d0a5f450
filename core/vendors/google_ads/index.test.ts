import { runClassifyCases, runVendorCases } from '../testing/index.js';
import { googleAdsCases, googleAdsClassifyCases } from './cases.js';
import { googleAds } from './index.js';

runVendorCases(googleAds, googleAdsCases);
runClassifyCases(googleAds, googleAdsClassifyCases);
