import type { CatalogEntry } from '../types';
import { field, optional } from './fields';

export const linkedin: CatalogEntry = {
  vendor: 'linkedin',
  name: 'LinkedIn',
  category: 'advertising',
  description: 'Conversions API.',
  api: 'Conversions API (/rest/conversionEvents)',
  status: 'ga',
  fields: [
    field('access_token', 'Access token', 'secret', '3-legged OAuth access token with the rw_conversions scope.'),
    field('conversion_rule_id', 'Conversion rule ID', 'string', 'Id of a conversion rule created with conversionMethod CONVERSIONS_API (urn:lla:llaPartnerConversion:{id}).'),
    optional('linkedin_version', 'LinkedIn API version', 'string', 'LinkedIn-Version header (YYYYMM), e.g. 202511.', { default: '202511' }),
  ],
  variants: [],
};
